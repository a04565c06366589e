// Package jsonpath decodes JSON strictly for the packages of slacalc: every
// key of every object must be known, required keys must be present, each
// problem is reported with its path from the document's root ("offer.
// objective.calendar.zone"), all problems are reported at once, and hostile
// input meets limits on size, depth and counts before it costs memory.
//
// It imports no package of the module, so every package may use it; each
// turns an [Issue] into its own error type with a [Decoder.Err] function.
package jsonpath

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kinds of problems found by the decoder, the Kind of an [Issue]. Callers
// keep them as the cause of their own errors, so errors.Is finds them.
var (
	// ErrUnknownKey reports a key that the object does not have.
	ErrUnknownKey = errors.New("unknown key")
	// ErrMissing reports a required key that is absent.
	ErrMissing = errors.New("missing key")
	// ErrType reports a JSON value of the wrong type, or malformed JSON.
	ErrType = errors.New("wrong JSON type")
	// ErrLimit reports input beyond a limit of [Limits].
	ErrLimit = errors.New("input limit exceeded")
)

// Limits bound what a decoder accepts. The zero value of a field means the
// default of [DefaultLimits].
type Limits struct {
	Size   int // bytes of the document
	Depth  int // nesting of objects and arrays
	Items  int // elements of one array or members of one object
	String int // bytes of one string, keys included
}

// DefaultLimits are the limits of the module's decoders.
var DefaultLimits = Limits{Size: 16 << 20, Depth: 32, Items: 10000, String: 4096}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.Size > 0 {
		d.Size = l.Size
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.Items > 0 {
		d.Items = l.Items
	}
	if l.String > 0 {
		d.String = l.String
	}
	return d
}

// Issue is one problem of a document.
type Issue struct {
	Path   string // where, e.g. "credits.tiers[2].upper"; "" for the value itself
	Value  string // the offending value as text, may be empty
	Reason string // e.g. `is not a known key; did you mean "credits"?`
	Kind   error  // ErrUnknownKey, ErrMissing, ErrType or ErrLimit
}

// Join appends a path segment: Join("tiers", "[2]") is "tiers[2]" and
// Join("offer", "fee") is "offer.fee".
func Join(path, seg string) string {
	switch {
	case path == "":
		return seg
	case seg == "":
		return path
	case strings.HasPrefix(seg, "["):
		return path + seg
	}
	return path + "." + seg
}

// Index returns the segment "[i]".
func Index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// Decoder decodes JSON into Go values by reflection, like encoding/json,
// but strictly. Struct fields are known by their json tags; types with
// their own UnmarshalJSON or UnmarshalText decode themselves and the
// decoder moves their errors to the field's path with Nest.
type Decoder struct {
	// Required lists the keys that must be present, as paths from the
	// decoded value with "[]" for any index and "*" for any map key:
	// "credits.tiers[].upper".
	Required []string
	// Limits bound the input; the zero value is DefaultLimits.
	Limits Limits
	// Err turns an issue into the caller's error.
	Err func(Issue) error
	// Nest moves an error returned by a value's own UnmarshalJSON or
	// UnmarshalText to path (the place of the value), returning its
	// problems. The fields of an UnmarshalJSON error are relative to the
	// value; an UnmarshalText error (text is true) names a parameter, if
	// anything, which is not a place in the document.
	Nest func(path string, err error, text bool) []error
}

// Decode decodes data into v, a non-nil pointer, and returns every problem,
// or nil. v is filled as far as possible even when there are problems.
func (d *Decoder) Decode(data []byte, v any) []error {
	var errs []error
	if iss := CheckLimits(data, d.Limits); iss != nil {
		return []error{d.Err(*iss)}
	}
	d.decode(&errs, "", "", data, reflect.ValueOf(v).Elem())
	return errs
}

// CheckLimits reports the first limit that data exceeds, or nil. It scans
// without allocating, so it is safe on any input size.
func CheckLimits(data []byte, l Limits) *Issue {
	l = l.orDefault()
	if len(data) > l.Size {
		return &Issue{Value: strconv.Itoa(len(data)) + " bytes", Reason: "is larger than the limit of " + strconv.Itoa(l.Size) + " bytes", Kind: ErrLimit}
	}
	depth, inString, escaped, strStart := 0, false, false, 0
	for i, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if i-strStart-1 > l.String {
					return &Issue{Path: "", Value: strconv.Itoa(i-strStart-1) + " bytes", Reason: "string at byte " + strconv.Itoa(strStart) + " is longer than the limit of " + strconv.Itoa(l.String) + " bytes", Kind: ErrLimit}
				}
			}
			continue
		}
		switch c {
		case '"':
			inString, strStart = true, i
		case '{', '[':
			depth++
			if depth > l.Depth {
				return &Issue{Reason: "nesting at byte " + strconv.Itoa(i) + " is deeper than the limit of " + strconv.Itoa(l.Depth), Kind: ErrLimit}
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}

// Member is one key of an object with its value, in document order.
type Member struct {
	Key   string
	Value json.RawMessage
}

// Object splits a JSON object into its members in order. It fails for
// anything but an object and for a key given twice.
func Object(data []byte) ([]Member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxErr(err)
	}
	if tok != json.Delim('{') {
		return nil, errors.New("want a JSON object, not " + describe(data))
	}
	var out []Member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxErr(err)
		}
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, syntaxErr(err)
		}
		if slices.ContainsFunc(out, func(m Member) bool { return m.Key == key }) {
			return nil, &duplicateError{key}
		}
		out = append(out, Member{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxErr(err)
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("trailing data after the object")
	}
	return out, nil
}

type duplicateError struct{ key string }

func (e *duplicateError) Error() string { return strconv.Quote(e.key) + " is given twice" }

func syntaxErr(err error) error {
	return errors.New("invalid JSON: " + err.Error())
}

// describe names the JSON type of a value for messages.
func describe(data []byte) string {
	t := bytes.TrimSpace(data)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func isNull(raw []byte) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func (d *Decoder) issue(errs *[]error, path, value, reason string, kind error) {
	*errs = append(*errs, d.Err(Issue{Path: path, Value: value, Reason: reason, Kind: kind}))
}

// decode decodes raw into rv at path; pattern is path with "[]" and "*"
// for indexes and map keys, to match Required.
func (d *Decoder) decode(errs *[]error, path, pattern string, raw []byte, rv reflect.Value) {
	if isNull(raw) {
		rv.SetZero()
		return
	}
	if rv.Kind() != reflect.Pointer && rv.CanAddr() {
		pv := rv.Addr()
		if pv.Type().Implements(jsonUnmarshaler) {
			if err := pv.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
				*errs = append(*errs, d.Nest(path, err, false)...)
			}
			return
		}
		if pv.Type().Implements(textUnmarshaler) {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				d.issue(errs, path, "", "is "+describe(raw)+", want a string", ErrType)
				return
			}
			if err := pv.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				*errs = append(*errs, d.Nest(path, err, true)...)
			}
			return
		}
	}
	switch rv.Kind() {
	case reflect.Pointer:
		nv := reflect.New(rv.Type().Elem())
		d.decode(errs, path, pattern, raw, nv.Elem())
		rv.Set(nv)
	case reflect.Struct:
		d.object(errs, path, pattern, raw, rv)
	case reflect.Slice:
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			d.issue(errs, path, "", "is "+describe(raw)+", want a list", ErrType)
			return
		}
		if l := d.Limits.orDefault(); len(elems) > l.Items {
			d.issue(errs, path, strconv.Itoa(len(elems))+" elements", "are more than the limit of "+strconv.Itoa(l.Items), ErrLimit)
			return
		}
		s := reflect.MakeSlice(rv.Type(), len(elems), len(elems))
		for i, e := range elems {
			d.decode(errs, Join(path, Index(i)), pattern+"[]", e, s.Index(i))
		}
		rv.Set(s)
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			d.issue(errs, path, "", "cannot be decoded", ErrType)
			return
		}
		ms, err := Object(raw)
		if err != nil {
			d.objectErr(errs, path, raw, err)
			return
		}
		m := reflect.MakeMapWithSize(rv.Type(), len(ms))
		for _, mem := range ms {
			ev := reflect.New(rv.Type().Elem()).Elem()
			d.decode(errs, Join(path, mem.Key), Join(pattern, "*"), mem.Value, ev)
			m.SetMapIndex(reflect.ValueOf(mem.Key).Convert(rv.Type().Key()), ev)
		}
		rv.Set(m)
	default:
		if err := json.Unmarshal(raw, rv.Addr().Interface()); err != nil {
			want := map[reflect.Kind]string{reflect.String: "a string", reflect.Bool: "true or false", reflect.Float64: "a number"}[rv.Kind()]
			if want == "" {
				want = "an integer"
			}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				d.issue(errs, path, "", "invalid JSON: "+se.Error(), ErrType)
				return
			}
			d.issue(errs, path, strings.TrimSpace(string(raw)), "is "+describe(raw)+" out of range or of the wrong type, want "+want, ErrType)
		}
	}
}

func (d *Decoder) objectErr(errs *[]error, path string, raw []byte, err error) {
	var de *duplicateError
	if errors.As(err, &de) {
		d.issue(errs, Join(path, de.key), "", "is given twice", ErrType)
		return
	}
	d.issue(errs, path, "", err.Error(), ErrType)
}

// field is a struct field known by its JSON name.
type field struct {
	name  string
	index int
}

func fields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name, i})
	}
	return out
}

func (d *Decoder) object(errs *[]error, path, pattern string, raw []byte, rv reflect.Value) {
	ms, err := Object(raw)
	if err != nil {
		d.objectErr(errs, path, raw, err)
		return
	}
	fs := fields(rv.Type())
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	if l := d.Limits.orDefault(); len(ms) > l.Items {
		d.issue(errs, path, strconv.Itoa(len(ms))+" keys", "are more than the limit of "+strconv.Itoa(l.Items), ErrLimit)
		return
	}
	seen := map[string]bool{}
	for _, m := range ms {
		i := slices.Index(names, m.Key)
		if i < 0 {
			d.issue(errs, Join(path, m.Key), "", UnknownKey(m.Key, names), ErrUnknownKey)
			continue
		}
		seen[m.Key] = true
		d.decode(errs, Join(path, m.Key), Join(pattern, m.Key), m.Value, rv.Field(fs[i].index))
	}
	for _, r := range d.Required {
		parent, key := splitLast(r)
		if parent == pattern && !seen[key] {
			d.issue(errs, Join(path, key), "", "is required", ErrMissing)
		}
	}
}

// splitLast splits "a.b[].c" into "a.b[]" and "c".
func splitLast(p string) (string, string) {
	i := strings.LastIndexByte(p, '.')
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

// UnknownKey is the reason for an unknown key, with the known key
// nearest by edit distance: `is not a known key; did you mean "credits"?`.
func UnknownKey(key string, known []string) string {
	if len(known) == 0 {
		return "is not a known key; the object has none"
	}
	n, _ := Nearest(key, known)
	return "is not a known key; did you mean " + strconv.Quote(n) + "?"
}

// Keys checks the members of an object against known and required keys,
// for decoders that take an object apart by hand. path is the object's.
func (d *Decoder) Keys(path string, ms []Member, known, required []string) []error {
	var errs []error
	for _, m := range ms {
		if !slices.Contains(known, m.Key) {
			d.issue(&errs, Join(path, m.Key), "", UnknownKey(m.Key, known), ErrUnknownKey)
		}
	}
	for _, r := range required {
		if !slices.ContainsFunc(ms, func(m Member) bool { return m.Key == r }) {
			d.issue(&errs, Join(path, r), "", "is required", ErrMissing)
		}
	}
	return errs
}

// Lookup returns the value of key among ms, or nil.
func Lookup(ms []Member, key string) json.RawMessage {
	for _, m := range ms {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// Flatten returns the errors joined in err with errors.Join, at any depth,
// in order; other errors, including those that wrap several, are kept whole.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok && reflect.TypeOf(err) == joinType {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

var joinType = reflect.TypeOf(errors.Join(errors.New("")))

// Reason is the text of an error of encoding/json or of the standard
// library met while decoding a value, put for a user: a time that is not
// RFC 3339 says so instead of quoting Go's layout.
func Reason(err error) (value, reason string) {
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return strconv.Quote(pe.Value), `is not an RFC 3339 time such as "2027-01-01T00:00:00Z"`
	}
	return "", err.Error()
}
