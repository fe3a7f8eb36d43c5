package graph

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// ObjectGuard authorises objects, not only root fields: it inspects the
// result of every field (gqlgen runs each one, trivial ones too, through
// the field interceptors) and refuses, with FORBIDDEN and a null value,
// objects the caller may not see by objectRules. Loaders and nested
// resolvers fetch by id without knowing who asks; this is what stops a
// tenant from reading another account through a meter that changed hands,
// or an API key without read_site from reading a meter's gateway.
type ObjectGuard struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.FieldInterceptor
} = ObjectGuard{}

// ExtensionName implements graphql.HandlerExtension.
func (ObjectGuard) ExtensionName() string { return "ObjectGuard" }

// Validate refuses a schema with an object type objectRules does not
// name, so that a new type gets a rule before the server can start.
func (ObjectGuard) Validate(s graphql.ExecutableSchema) error {
	if missing := MissingObjectRules(s); len(missing) > 0 {
		return fmt.Errorf("graph/guard_policy.go: objectRules has no rule for object types %s; say who may see them", strings.Join(missing, ", "))
	}
	return nil
}

// MissingObjectRules lists the object types of s that objectRules lacks.
func MissingObjectRules(s graphql.ExecutableSchema) []string {
	var missing []string
	for name, def := range s.Schema().Types {
		if def.Kind == "OBJECT" && !strings.HasPrefix(name, "__") {
			if _, ok := objectRules[name]; !ok {
				missing = append(missing, name)
			}
		}
	}
	sort.Strings(missing)
	return missing
}

// InterceptField implements graphql.FieldInterceptor.
func (ObjectGuard) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil {
		return res, nil
	}
	typ := fc.Field.Definition.Type.Name()
	rule, ok := objectRules[typ]
	if !ok || rule.wrapper { // a scalar or an enum, or a page of objects checked one level down
		return res, nil
	}
	if err := rule.check(ctx, fc, typ, res); err != nil {
		return nil, err
	}
	return res, nil
}

// check returns FORBIDDEN when the caller may not see res, an object (or
// list of objects) of GraphQL type typ resolved by field fc.
func (r objectRule) check(ctx context.Context, fc *graphql.FieldContext, typ string, res any) error {
	p := viewer(ctx, fc)
	switch {
	case p == nil:
		return voltpay.Errorf(voltpay.EUNAUTHENTICATED, "sign in to see %s objects", typ)
	case p.Kind == voltpay.PrincipalSystem:
		return nil
	case p.IsTenant():
		return r.checkTenant(p, typ, res)
	case isEmpty(res) || r.staffMaySee(p, nested(fc)):
		return nil
	}
	return voltpay.Errorf(voltpay.EFORBIDDEN, "%s %q may not see %s here: that needs one of %s; ask an administrator",
		principalWord(p), p.Name, typ, permList(r.see))
}

// staffMaySee reports whether operator or API key p may see the type, in
// a root field's answer (whose @can decides) or nested below another object.
func (r objectRule) staffMaySee(p *voltpay.Principal, nested bool) bool {
	if !nested || len(r.see) == 0 {
		return true
	}
	for _, perm := range r.see {
		if p.Can(perm) {
			return true
		}
	}
	return false
}

// MaySee reports whether p may see an object of GraphQL type typ by
// objectRules, in a root field's answer or nested below another object;
// for a tenant's own types it leaves out the account check, which needs
// the object. Tests use it to judge answers; unknown types are refused.
func MaySee(p *voltpay.Principal, typ string, nested bool) bool {
	r, ok := objectRules[typ]
	switch {
	case !ok || p == nil:
		return false
	case r.wrapper || p.Kind == voltpay.PrincipalSystem:
		return true
	case p.IsTenant():
		return r.tenant != tenantNever
	}
	return r.staffMaySee(p, nested)
}

// IsWrapper reports whether typ only carries other objects (a page, a
// mutation's result), which count as the root field's own answer.
func IsWrapper(typ string) bool { return objectRules[typ].wrapper }

// checkTenant applies the rule's tenant access.
func (r objectRule) checkTenant(p *voltpay.Principal, typ string, res any) error {
	switch r.tenant {
	case tenantReached:
		return nil
	case tenantOwn:
		if r.foreign == nil {
			break
		}
		n, foreign, ok := r.foreign(res, p.AccountID)
		if !ok {
			return voltpay.Errorf(voltpay.EINTERNAL, "the access rule of %s cannot read a %T; refused", typ, res)
		}
		switch {
		case foreign == 0:
			return nil
		case n == 1:
			return voltpay.Errorf(voltpay.EFORBIDDEN, "this %s belongs to another account: you can only see your own account's", typ)
		default:
			return voltpay.Errorf(voltpay.EFORBIDDEN, "%d of the %d %s objects here belong to another account: you can only see your own account's", foreign, n, typ)
		}
	}
	if isEmpty(res) {
		return nil
	}
	return voltpay.Errorf(voltpay.EFORBIDDEN, "a tenant may not see %s objects", typ)
}

// viewer is who the answer is for: the caller, or for the answer of login
// (made by an anonymous caller) the principal it signed in.
func viewer(ctx context.Context, fc *graphql.FieldContext) *voltpay.Principal {
	if p := voltpay.PrincipalFrom(ctx); p != nil {
		return p
	}
	for f := fc.Parent; f != nil; f = f.Parent {
		if lr, ok := f.Result.(*model.LoginResult); ok && lr != nil {
			return lr.Principal
		}
	}
	return nil
}

// nested reports whether field fc resolves below another object, rather
// than in its root field's own answer (directly or through wrappers).
func nested(fc *graphql.FieldContext) bool {
	for f := fc; f != nil; f = f.Parent {
		if f.Index != nil || f.Object == "" { // a list item: its list field comes next
			continue
		}
		if r, ok := objectRules[f.Object]; !ok || !r.wrapper {
			return true
		}
		switch f.Object {
		case "Query", "Mutation", "Subscription":
			return false
		}
	}
	return false
}

// isEmpty reports whether res holds no object: a nil pointer or an empty list.
func isEmpty(res any) bool {
	v := reflect.ValueOf(res)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Slice:
		return v.Len() == 0
	}
	return res == nil
}

func permList(ps []voltpay.Permission) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}
