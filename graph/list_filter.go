package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/generated"
)

// ListFilters reads the filter of a list root field (meters, ledgerEntries
// …) from JSON for callers outside GraphQL, the spreadsheet export: it runs
// the field through the schema's own machinery, so the filter has the
// same field names, scalars (ID, Fen, Time), enum values, @length bounds
// and empty-is-absent rule as over GraphQL, and the caller needs the same
// permission (the field's access directive). The field's resolver is
// never called: its access directive hands back the arguments instead.
type ListFilters struct {
	schema graphql.ExecutableSchema
	exec   *executor.Executor
}

// NewListFilters returns a ListFilters over the API's schema.
func NewListFilters(r *Resolver, log *slog.Logger) *ListFilters {
	d := Directives()
	can := d.Can
	// The real check first; then, instead of running the resolver, keep
	// the arguments gqlgen has read and checked.
	d.Can = func(ctx context.Context, obj any, _ graphql.Resolver, perm voltpay.Permission) (any, error) {
		return can(ctx, obj, captureArgs, perm)
	}
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: r, Directives: d})
	exec := executor.New(schema)
	exec.Use(emptyIsAbsent{schema: schema.Schema(), cache: graphql.NoCache[*ast.QueryDocument]{}})
	present := errorPresenter(log)
	exec.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		if errors.Is(err, errArgsCaptured) {
			return &gqlerror.Error{Message: err.Error()} // expected: not an internal error to log
		}
		return present(ctx, err)
	})
	return &ListFilters{schema: schema, exec: exec}
}

// errArgsCaptured stops a field once its arguments are kept.
var errArgsCaptured = errors.New("arguments captured")

type capturedKey struct{}

// captured holds the arguments of the field being read.
type captured struct {
	args map[string]any
	ok   bool
}

func captureArgs(ctx context.Context) (any, error) {
	if c, _ := ctx.Value(capturedKey{}).(*captured); c != nil {
		c.args, c.ok = graphql.GetFieldContext(ctx).Args, true
	}
	return nil, errArgsCaptured
}

// Read checks that the caller in ctx may read the list root field and
// returns its filter argument as the resolver would get it (a
// *voltpay.MeterFilter for meters; a nil pointer when raw is empty, nil
// for a list without a filter). Errors are *voltpay.Error: UNAUTHENTICATED
// or FORBIDDEN as the field's directive says, INVALID_INPUT naming the
// filter field at fault, NOT_FOUND for a field that is not a list of the
// schema.
func (l *ListFilters) Read(ctx context.Context, field string, raw []byte) (any, error) {
	def := l.schema.Schema().Query.Fields.ForName(field)
	if def == nil || def.Type.Elem == nil && !strings.HasSuffix(def.Type.Name(), "Connection") && !isReport(def) {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "%q is not a list of the API; lists are the Query fields that return a connection or a list, e.g. meters", field)
	}
	filterArg := def.Arguments.ForName("filter")
	raw = bytes.TrimSpace(raw)
	vars := map[string]any{}
	query := fmt.Sprintf("query { %s { __typename } }", field)
	if filterArg != nil {
		query = fmt.Sprintf("query($filter: %s) { %s(filter: $filter) { __typename } }", filterArg.Type.String(), field)
		if len(raw) > 0 {
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber() // as gqlgen's transports decode variables: IDs and Fen stay exact
			var v any
			if err := dec.Decode(&v); err != nil || dec.More() {
				return nil, voltpay.Invalid("filter", "the filter is not one JSON object: send the list's GraphQL filter input as JSON, e.g. {\"siteId\": \"1\"}")
			}
			vars["filter"] = v
		}
	} else if len(raw) > 0 && string(raw) != "null" && string(raw) != "{}" {
		return nil, voltpay.Invalid("filter", "%s has no filter; leave it out", field)
	}

	c := &captured{}
	ctx = context.WithValue(graphql.StartOperationTrace(ctx), capturedKey{}, c)
	op, errs := l.exec.CreateOperationContext(ctx, &graphql.RawParams{Query: query, Variables: vars})
	if errs != nil {
		resp := l.exec.DispatchError(graphql.WithOperationContext(ctx, op), errs)
		return nil, l.filterError(resp.Errors, filterArg)
	}
	handler, rctx := l.exec.DispatchOperation(ctx, op)
	resp := handler(rctx)
	if c.ok {
		return c.args["filter"], nil
	}
	return nil, l.filterError(resp.Errors, filterArg)
}

// filterError turns the first presented GraphQL error into a
// *voltpay.Error, naming the filter field at fault (and, for an unknown
// one, the fields the filter has).
func (l *ListFilters) filterError(list gqlerror.List, filterArg *ast.ArgumentDefinition) error {
	if len(list) == 0 {
		return voltpay.Errorf(voltpay.EINTERNAL, "reading the filter failed without an error")
	}
	e := list[0]
	code, _ := e.Extensions["code"].(string)
	field, _ := e.Extensions["field"].(string)
	msg := e.Message
	if code == "" {
		code = voltpay.EINVALID
	}
	// Coercing the variable (an unknown field, a wrong type) names its
	// path, variable.filter.<field>…, not a field of ours.
	if len(e.Path) > 0 && e.Path[0] == ast.PathName("variable") {
		var names []string
		for _, el := range e.Path[1:] {
			if n, ok := el.(ast.PathName); ok {
				names = append(names, string(n))
				field = string(n)
			}
		}
		msg = fmt.Sprintf("%s: %s", strings.Join(names, "."), msg)
		if e.Message == "unknown field" && filterArg != nil {
			if def := l.schema.Schema().Types[filterArg.Type.Name()]; def != nil {
				var known []string
				for _, f := range def.Fields {
					known = append(known, f.Name)
				}
				msg += fmt.Sprintf("; %s has %s", def.Name, strings.Join(known, ", "))
			}
		}
	}
	if code == voltpay.EINVALID && field != "" && !strings.Contains(msg, field) {
		msg = fmt.Sprintf("filter field %s: %s", field, msg)
	}
	return &voltpay.Error{Code: code, Message: msg, Field: field}
}

// Require checks that the caller in ctx holds perm exactly as the @can
// directive checks a root field, for endpoints outside GraphQL (the
// spreadsheet import): UNAUTHENTICATED saying why the credential was
// refused, or FORBIDDEN naming the permission.
func Require(ctx context.Context, perm voltpay.Permission) error {
	_, err := Directives().Can(ctx, nil, func(context.Context) (any, error) { return nil, nil }, perm)
	return err
}

// FilterField is one field of a list's filter input.
type FilterField struct {
	Name string // its GraphQL name (siteId)
	Type string // its named type (ID, Time, MeterStatus), a list's element type for a list
	Enum bool   // Type is an enum
	List bool
}

// FilterFields are the fields of list's filter input in the schema's
// order, for describing a filter in words (the export's title row); nil
// for a list without a filter or a field that is no list.
func (l *ListFilters) FilterFields(list string) []FilterField {
	s := l.schema.Schema()
	def := s.Query.Fields.ForName(list)
	if def == nil {
		return nil
	}
	arg := def.Arguments.ForName("filter")
	if arg == nil {
		return nil
	}
	in := s.Types[arg.Type.Name()]
	if in == nil {
		return nil
	}
	out := make([]FilterField, 0, len(in.Fields))
	for _, f := range in.Fields {
		name := f.Type.Name()
		t := s.Types[name]
		out = append(out, FilterField{Name: f.Name, Type: name, Enum: t != nil && t.Kind == ast.Enum, List: f.Type.Elem != nil})
	}
	return out
}

// isReport tells a report (salesReport, chargesReport …): a Query field
// whose answer is computed from a required filter argument, exported like
// a list.
func isReport(def *ast.FieldDefinition) bool {
	arg := def.Arguments.ForName("filter")
	return arg != nil && arg.Type.NonNull
}
