package schemacompat

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Change is one way a schema breaks clients written against an older one.
type Change struct {
	Path    string // Type, Type.field, Type.field(arg), Input.field or Enum.VALUE
	Message string // what changed and what to do instead
}

func (c Change) String() string { return c.Path + ": " + c.Message }

// deprecateFirst is what to do instead of a breaking change.
const deprecateFirst = "mark it @deprecated(reason: \"…\") in one release, and remove or change it in a later one"

// Breaking lists the changes from old to cur that break a client written
// against old, sorted by path: a type, field, argument, input field or enum
// value removed; a field's type changed other than made non-null; an
// argument's or input field's type changed other than made nullable, or made
// required without a default; a required argument or input field added to
// what existed; an object no longer implementing an interface, a union
// losing a member. An element old deprecated with a reason may be removed or
// changed; a type may go when every field, argument and input field of that
// type in old was deprecated with a reason.
func Breaking(old, cur *ast.Schema) []Change {
	var out []Change
	add := func(path, format string, args ...any) {
		out = append(out, Change{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	users := typeUsers(old)
	for _, was := range userTypes(old) {
		now := cur.Types[was.Name]
		if now == nil || now.Kind != was.Kind {
			if live := liveUsers(users[was.Name]); len(live) > 0 {
				what := "removed"
				if now != nil {
					what = fmt.Sprintf("changed from %s to %s", strings.ToLower(string(was.Kind)), strings.ToLower(string(now.Kind)))
				}
				add(was.Name, "type %s while still in use by %s; %s, with every field, argument and input field of this type",
					what, strings.Join(live, ", "), deprecateFirst)
			}
			continue
		}
		for _, iface := range was.Interfaces {
			if !slices.Contains(now.Interfaces, iface) {
				add(was.Name, "no longer implements %s: fragments on %s stop matching it", iface, iface)
			}
		}
		for _, member := range was.Types {
			if !slices.Contains(now.Types, member) {
				add(was.Name, "union no longer includes %s", member)
			}
		}
		switch was.Kind {
		case ast.Object, ast.Interface:
			out = append(out, fieldChanges(was, now)...)
		case ast.InputObject:
			out = append(out, inputChanges("input field", func(name string) string { return was.Name + "." + name },
				fieldValues(was.Fields), fieldValues(now.Fields))...)
		case ast.Enum:
			for _, v := range was.EnumValues {
				if now.EnumValues.ForName(v.Name) == nil && !deprecated(v.Directives) {
					add(was.Name+"."+v.Name, "enum value removed%s; %s", noReason(v.Directives), deprecateFirst)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// fieldChanges compares the output fields of an object or interface.
func fieldChanges(was, now *ast.Definition) []Change {
	var out []Change
	for _, f := range was.Fields {
		if strings.HasPrefix(f.Name, "__") || deprecated(f.Directives) {
			continue
		}
		path := was.Name + "." + f.Name
		g := now.Fields.ForName(f.Name)
		if g == nil {
			out = append(out, Change{path, fmt.Sprintf("field removed%s; %s", noReason(f.Directives), deprecateFirst)})
			continue
		}
		if !outputCompatible(f.Type, g.Type) {
			out = append(out, Change{path, fmt.Sprintf("type changed from %s to %s%s; %s",
				f.Type, g.Type, outputHint(f.Type, g.Type), deprecateFirst)})
		}
		out = append(out, inputChanges("argument", func(name string) string { return path + "(" + name + ")" },
			argValues(f.Arguments), argValues(g.Arguments))...)
	}
	return out
}

// inputValue is what an argument and an input field have in common.
type inputValue struct {
	name string
	typ  *ast.Type
	def  *ast.Value
	dirs ast.DirectiveList
}

func argValues(args ast.ArgumentDefinitionList) []inputValue {
	out := make([]inputValue, len(args))
	for i, a := range args {
		out[i] = inputValue{a.Name, a.Type, a.DefaultValue, a.Directives}
	}
	return out
}

func fieldValues(fields ast.FieldList) []inputValue {
	out := make([]inputValue, len(fields))
	for i, f := range fields {
		out[i] = inputValue{f.Name, f.Type, f.DefaultValue, f.Directives}
	}
	return out
}

// inputChanges compares the arguments of a field, or the fields of an input
// object (what says which), named by path.
func inputChanges(what string, path func(name string) string, was, now []inputValue) []Change {
	find := func(vs []inputValue, name string) *inputValue {
		for i := range vs {
			if vs[i].name == name {
				return &vs[i]
			}
		}
		return nil
	}
	var out []Change
	for _, v := range was {
		var nowType *ast.Type
		var nowDefault *ast.Value
		if n := find(now, v.name); n != nil {
			nowType, nowDefault = n.typ, n.def
		}
		if c, broken := inputChange(path(v.name), what, v.dirs, v.typ, nowType, nowDefault); broken {
			out = append(out, c)
		}
	}
	for _, n := range now {
		if find(was, n.name) == nil && required(n.typ, n.def) {
			out = append(out, Change{path(n.name), fmt.Sprintf("required %s added (%s without a default): "+
				"requests written before it fail; make it nullable or give it a default", what, n.typ)})
		}
	}
	return out
}

// inputChange compares an argument or input field (what) that had type was
// with its successor of type now (nil: removed) and default def.
func inputChange(path, what string, dirs ast.DirectiveList, was, now *ast.Type, def *ast.Value) (Change, bool) {
	switch {
	case deprecated(dirs):
		return Change{}, false
	case now == nil:
		return Change{path, fmt.Sprintf("%s removed%s: clients that send it fail; %s", what, noReason(dirs), deprecateFirst)}, true
	case !inputCompatible(was, now, def != nil):
		hint := ""
		if required(now, def) && !was.NonNull && sameShape(was, now) {
			hint = " (made required without a default: clients that omit it fail)"
		}
		return Change{path, fmt.Sprintf("type changed from %s to %s%s; %s", was, now, hint, deprecateFirst)}, true
	}
	return Change{}, false
}

// outputCompatible reports whether a client reading a field of type was can
// read type now: the same type, with any level made non-null but none made
// nullable.
func outputCompatible(was, now *ast.Type) bool {
	if was.NonNull && !now.NonNull {
		return false
	}
	if (was.Elem == nil) != (now.Elem == nil) {
		return false
	}
	if was.Elem != nil {
		return outputCompatible(was.Elem, now.Elem)
	}
	return was.NamedType == now.NamedType
}

// inputCompatible reports whether every value a client could send as type
// was is still accepted as type now: the same type, with any level made
// nullable, and the outermost made non-null only when it has a default
// (nested list elements have none).
func inputCompatible(was, now *ast.Type, hasDefault bool) bool {
	if now.NonNull && !was.NonNull && !hasDefault {
		return false
	}
	if (was.Elem == nil) != (now.Elem == nil) {
		return false
	}
	if was.Elem != nil {
		return inputCompatible(was.Elem, now.Elem, false)
	}
	return was.NamedType == now.NamedType
}

// outputHint explains a change that only made a level nullable.
func outputHint(was, now *ast.Type) string {
	if sameShape(was, now) {
		return " (made nullable: clients that rely on a value break)"
	}
	return ""
}

// sameShape reports whether two types differ at most in nullability.
func sameShape(a, b *ast.Type) bool {
	if (a.Elem == nil) != (b.Elem == nil) {
		return false
	}
	if a.Elem != nil {
		return sameShape(a.Elem, b.Elem)
	}
	return a.NamedType == b.NamedType
}

// required reports whether an argument or input field must be sent.
func required(t *ast.Type, def *ast.Value) bool { return t.NonNull && def == nil }

// noReason explains, for an element that was marked @deprecated without a
// reason, why that did not count.
func noReason(dirs ast.DirectiveList) string {
	if marked, _ := deprecation(dirs); marked {
		return " (it was @deprecated without a reason, which does not count)"
	}
	return ""
}

// typeUsers maps each type name of s to the fields, arguments and input
// fields whose type it is, and whether each of them is deprecated with a
// reason.
func typeUsers(s *ast.Schema) map[string]map[string]bool {
	users := map[string]map[string]bool{}
	use := func(t *ast.Type, path string, dirs ast.DirectiveList) {
		name := t.Name()
		if users[name] == nil {
			users[name] = map[string]bool{}
		}
		users[name][path] = deprecated(dirs)
	}
	for _, def := range userTypes(s) {
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			// An argument of a deprecated field goes with it.
			fieldDirs := f.Directives
			use(f.Type, def.Name+"."+f.Name, fieldDirs)
			for _, a := range f.Arguments {
				dirs := a.Directives
				if deprecated(fieldDirs) {
					dirs = fieldDirs
				}
				use(a.Type, argPath(def, f, a), dirs)
			}
		}
	}
	return users
}

// liveUsers returns the users that are not deprecated, sorted, the first
// few by name and the rest counted.
func liveUsers(users map[string]bool) []string {
	const named = 5
	var live []string
	for path, dep := range users {
		if !dep {
			live = append(live, path)
		}
	}
	sort.Strings(live)
	if len(live) > named {
		live = append(live[:named], fmt.Sprintf("%d more", len(live)-named))
	}
	return live
}
