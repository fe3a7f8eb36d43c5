package voltpay

import (
	"reflect"
	"strings"
)

// FieldSet names the input fields a client sent in an update (their GraphQL
// names). A nil FieldSet means every field is present: Go callers that build
// a whole input keep the replace-everything meaning they always had.
type FieldSet map[string]bool

// Has reports whether the field named name (GraphQL or Go spelling, compared
// without case) was sent. A nil set has every field.
func (s FieldSet) Has(name string) bool {
	if s == nil {
		return true
	}
	if s[name] {
		return true
	}
	for k, v := range s {
		if v && strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// KeepAbsent makes an update partial: every field of *in that the client
// did not send (absent from present) takes its value from cur, the record's
// current values as an input of the same type. Fields that were sent, even
// as null, keep what the client gave, so null clears where clearing makes
// sense and is refused by the input's Validate where it does not. Fields of
// type FieldSet are skipped. One mechanism for every update* mutation, so
// no update can reset a field it was not asked to change.
func KeepAbsent[T any](in *T, cur T, present FieldSet) {
	if present == nil {
		return
	}
	keepAbsent(reflect.ValueOf(in).Elem(), reflect.ValueOf(cur), present)
}

// keepAbsent copies the absent fields of src into dst, looking into
// embedded structs (SiteInput's SiteControl), whose fields are the input's.
func keepAbsent(dst, src reflect.Value, present FieldSet) {
	fieldSetType := reflect.TypeOf(FieldSet(nil))
	for i := 0; i < dst.NumField(); i++ {
		f := dst.Type().Field(i)
		switch {
		case !f.IsExported() || f.Type == fieldSetType:
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			keepAbsent(dst.Field(i), src.Field(i), present)
		case !present.Has(f.Name):
			dst.Field(i).Set(src.Field(i))
		}
	}
}
