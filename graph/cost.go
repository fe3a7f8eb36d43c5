package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/voltpay/voltpay"
)

// Budget is what one GraphQL document may ask of the server. The first four
// are checked on the parsed document before gqlparser validates it, because
// validation itself is the expensive step for hostile documents: its
// OverlappingFieldsCanBeMerged rule compares every two fields that answer
// under the same response name, so 50,000 `__typename` are 1.25 billion
// comparisons and 5,000 conflicting `a: login(…)` are 12.5 million error
// messages. Bounding the fields (MaxSelections) and how many of them share
// one response path (MaxRepeats) bounds those comparisons by
// MaxSelections×MaxRepeats.
type Budget struct {
	MaxTokens     int // lexer tokens of the document, enforced while parsing
	MaxSelections int // fields, inline fragments and spreads, each fragment counted once per spread
	MaxRepeats    int // fields answering at one response path (e.g. `a: login … a: login`)
	MaxDepth      int // nesting of fields (introspection fields excluded: gqlparser bounds those)
	MaxComplexity int // fields, lists counted by their page size (checked after validation)
}

// DefaultSignedIn fits the admin SPA's heaviest page (1,000 meters with their
// account, tariff and gateway) and GraphiQL's introspection with room to spare.
var DefaultSignedIn = Budget{MaxTokens: 20_000, MaxSelections: 2_000, MaxRepeats: 20, MaxDepth: 12, MaxComplexity: 250_000}

// DefaultAnonymous is all a caller who has not signed in needs: a sign-in
// (login, requestSignInCode, signInWithCode, signInWithWechat, kioskSignIn: the only
// public fields), an error for anything else, and GraphiQL's
// introspection query when VOLTPAY_INTROSPECTION=all (about 410 selections).
var DefaultAnonymous = Budget{MaxTokens: 1_000, MaxSelections: 500, MaxRepeats: 4, MaxDepth: 6, MaxComplexity: 1_000}

// within returns b with every limit at most that of max, so that the
// anonymous budget never exceeds a smaller signed-in one set by configuration.
func (b Budget) within(max Budget) Budget {
	return Budget{
		MaxTokens: min(b.MaxTokens, max.MaxTokens), MaxSelections: min(b.MaxSelections, max.MaxSelections),
		MaxRepeats: min(b.MaxRepeats, max.MaxRepeats), MaxDepth: min(b.MaxDepth, max.MaxDepth),
		MaxComplexity: min(b.MaxComplexity, max.MaxComplexity),
	}
}

// budgets picks the budget of the caller, known from the context the HTTP
// authenticator (or the websocket's connection_init) filled before gqlgen runs.
type budgets struct{ signedIn, anonymous Budget }

func (b budgets) of(ctx context.Context) (Budget, string) {
	if voltpay.PrincipalFrom(ctx) != nil {
		return b.signedIn, "signed-in callers"
	}
	return b.anonymous, "callers who have not signed in (sign in for a larger budget)"
}

// costGuard refuses documents over the caller's budget before gqlgen
// validates them. It is an OperationParameterMutator, the last hook gqlgen
// (v0.17) runs before parsing and validating: it parses the query itself
// with the caller's token limit (a linear, bounded step; a document already
// in the query cache is not parsed again) and counts the parsed document.
// It must be registered after AutomaticPersistedQuery, which fills the query
// of a hash-only request.
type costGuard struct {
	budgets budgets
	cache   graphql.Cache[*ast.QueryDocument]
}

func (costGuard) ExtensionName() string                   { return "CostGuard" }
func (costGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (g costGuard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	b, who := g.budgets.of(ctx)
	doc, ok := g.cache.Get(ctx, params.Query)
	if !ok {
		var err error
		doc, err = parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, b.MaxTokens)
		if err != nil {
			gerr, ok := err.(*gqlerror.Error)
			if !ok {
				gerr = gqlerror.Wrap(err)
			}
			if strings.HasPrefix(gerr.Message, "exceeded token limit") {
				gerr.Message = fmt.Sprintf("the document has more than %d tokens; the limit is %d for %s: ask for less or split it into several operations", b.MaxTokens, b.MaxTokens, who)
			}
			errcode.Set(gerr, errcode.ParseFailed)
			return credentialFirst(ctx, gerr)
		}
	}
	if msg := measure(doc, b, who); msg != "" {
		return credentialFirst(ctx, validationError(msg))
	}
	return nil
}

// credentialFirst returns, in place of refusal, why the credential the
// request carried was refused when that is why the caller got the small
// anonymous budget: "your session ended, sign in again" is what the client
// can act on (after which the document fits), not "the document is too big".
func credentialFirst(ctx context.Context, refusal *gqlerror.Error) *gqlerror.Error {
	if err := RequestInfoFrom(ctx).AuthError; err != nil && voltpay.PrincipalFrom(ctx) == nil {
		return gqlerror.WrapPath(nil, err)
	}
	return refusal
}

// validationError is a refusal of the document as a whole. It carries
// gqlgen's GRAPHQL_VALIDATION_FAILED code so that every transport answers
// it exactly like gqlparser's own validation errors (see the HTTP status
// rule in NewHandler); the error presenter shows it as INVALID_INPUT.
func validationError(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	errcode.Set(err, errcode.ValidationFailed)
	return err
}

// measure walks every operation and fragment definition of doc (as
// validation will), spreading fragments where they are used, and returns
// why doc exceeds b (the budget of who), or "" when it fits. It stops at the first limit
// exceeded, so its own work is bounded by b whatever the document.
func measure(doc *ast.QueryDocument, b Budget, who string) string {
	m := &meter{doc: doc, b: b, who: who, paths: map[pathKey]*pathCount{}, spreading: map[string]bool{}}
	for _, op := range doc.Operations {
		if !m.walk(op.SelectionSet, m.root(), 0, false) {
			return m.over
		}
	}
	for _, f := range doc.Fragments {
		// A fragment on __Type is introspection wherever it is spread.
		if !m.walk(f.SelectionSet, m.root(), 0, strings.HasPrefix(f.TypeCondition, "__")) {
			return m.over
		}
	}
	return ""
}

// pathKey names a response path by its parent path's id and the last
// response name (alias or field name).
type pathKey struct {
	parent int
	name   string
}

type pathCount struct{ id, n int }

type meter struct {
	doc        *ast.QueryDocument
	b          Budget
	who        string
	selections int
	paths      map[pathKey]*pathCount
	ids        int
	spreading  map[string]bool // fragments being spread: a cycle is validation's to refuse
	over       string
}

func (m *meter) root() int { m.ids++; return m.ids }

// walk counts set, whose fields answer under path parent at nesting level
// depth; intro marks introspection subtrees, which do not count for depth.
func (m *meter) walk(set ast.SelectionSet, parent, depth int, intro bool) bool {
	for _, sel := range set {
		if m.selections++; m.b.MaxSelections > 0 && m.selections > m.b.MaxSelections {
			m.over = fmt.Sprintf("the document selects more than %d fields and fragments (a fragment's fields count at each spread); the limit is %d for %s: ask for fewer or split it into several operations",
				m.b.MaxSelections, m.b.MaxSelections, m.who)
			return false
		}
		switch s := sel.(type) {
		case *ast.Field:
			name := s.Alias
			if name == "" {
				name = s.Name
			}
			key := pathKey{parent, name}
			pc := m.paths[key]
			if pc == nil {
				pc = &pathCount{id: m.root()}
				m.paths[key] = pc
			}
			if pc.n++; m.b.MaxRepeats > 0 && pc.n > m.b.MaxRepeats {
				m.over = fmt.Sprintf("%q is selected more than %d times at the same place (fragments included); the limit is %d for %s: select it once, or give each its own alias",
					name, m.b.MaxRepeats, m.b.MaxRepeats, m.who)
				return false
			}
			in := intro || strings.HasPrefix(s.Name, "__")
			if !in && m.b.MaxDepth > 0 && depth > m.b.MaxDepth {
				m.over = fmt.Sprintf("the operation is nested %d levels deep or more; the limit is %d for %s: split it into several queries", depth, m.b.MaxDepth, m.who)
				return false
			}
			if len(s.SelectionSet) > 0 && !m.walk(s.SelectionSet, pc.id, depth+1, in) {
				return false
			}
		case *ast.InlineFragment:
			if !m.walk(s.SelectionSet, parent, depth, intro) {
				return false
			}
		case *ast.FragmentSpread:
			f := m.doc.Fragments.ForName(s.Name)
			if f == nil || m.spreading[s.Name] {
				continue
			}
			m.spreading[s.Name] = true
			ok := m.walk(f.SelectionSet, parent, depth, intro)
			m.spreading[s.Name] = false
			if !ok {
				return false
			}
		}
	}
	return true
}

// complexityLimit is gqlgen's complexity limit with the caller's budget and
// a message that says whose limit it is and what to do.
type complexityLimit struct {
	*extension.ComplexityLimit
	budgets budgets
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (c complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	err := c.ComplexityLimit.MutateOperationContext(ctx, oc)
	if err == nil {
		return nil
	}
	b, who := c.budgets.of(ctx)
	if s := extension.GetComplexityStats(graphql.WithOperationContext(ctx, oc)); s != nil {
		err.Message = fmt.Sprintf("the operation's complexity is %d (lists count their page size); the limit is %d for %s: ask for smaller pages or fewer fields",
			s.Complexity, b.MaxComplexity, who)
	}
	return credentialFirst(ctx, err)
}
