// Mentor Pathways: decoding a stored document in one pass (see tools/embedded-db/README.md,
// "Why reads are cheaper").

package sjson

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/FerretDB/FerretDB/internal/types"
)

// Unmarshal decodes a stored document (its `$s` schema and its fields).
//
// FerretDB's decoder (mpOriginalUnmarshal, renamed by scripts/patch-ferretdb.mjs) read the top
// level into a map of raw messages, the schema with a second json.Decoder and then every value,
// recursively, with a new json.Decoder each: about a third of the engine's CPU on the tool's
// reads. mpUnmarshal reads the bytes once. It takes only the exact shapes it understands and
// declines anything else (unknown or repeated schema fields, keys out of the schema's order, a
// value of the wrong JSON kind, malformed JSON, ...), which the original then decodes or rejects
// with its own error, so results and errors are FerretDB's own.
func Unmarshal(data []byte) (*types.Document, error) {
	if doc, ok := mpUnmarshal(data); ok {
		return doc, nil
	}

	return mpOriginalUnmarshal(data)
}

// mpPanics counts fast-path panics that mpUnmarshal recovered from (tests check it stays zero).
var mpPanics atomic.Int64

// mpUnmarshal decodes data if it is a stored document in the shape sjson.Marshal writes (any JSON
// whitespace between tokens is fine); ok is false otherwise.
func mpUnmarshal(data []byte) (doc *types.Document, ok bool) {
	d := mpDecoderPool.Get().(*mpDecoder)

	defer func() {
		// A bug here must not take the engine down: the original decoder gets the document.
		if r := recover(); r != nil {
			mpPanics.Add(1)
			doc, ok = nil, false
		}

		d.release()
	}()

	// One copy of the whole document: strings without escapes are then substrings of it.
	d.s = string(data)

	return d.document()
}

// Element type codes (elemType strings in the schema).
const (
	mpInvalid byte = iota
	mpObject
	mpArray
	mpDouble
	mpString
	mpBinData
	mpObjectID
	mpBool
	mpDate
	mpNull
	mpRegex
	mpInt
	mpTimestamp
	mpLong
)

// Which fields an element's schema had (each at most once).
const (
	mpHasType byte = 1 << iota
	mpHasSchema
	mpHasOptions
	mpHasItems
	mpHasSubtype
)

// mpSchema is a document's schema: its properties and keys, as ranges of the decoder's arrays.
type mpSchema struct {
	propStart, propN int32
	keyStart, keyN   int32
}

// mpProp is one property of a schema ("p"): a key and the index of its element.
type mpProp struct {
	key  string
	elem int32
}

// mpElem is one element of a schema (an `elem`).
type mpElem struct {
	opt                string // regex options
	schema             int32  // object's schema, index into schemas
	itemStart, itemN   int32  // array's items, range of items (element indexes)
	code, has, subtype byte
}

// mpMaxDepth bounds nesting; deeper documents are left to the original (which limits it too).
const mpMaxDepth = 1000

// mpDecoder holds one decode's state; its arrays are reused through mpDecoderPool.
type mpDecoder struct {
	s     string
	i     int
	depth int

	schemas []mpSchema
	props   []mpProp
	keys    []string
	elems   []mpElem
	items   []int32

	propWork []mpProp // properties of schemas still being read
	itemWork []int32  // items of arrays still being read
	vals     []any    // values of documents still being decoded

	fields mpFields
}

var mpDecoderPool = sync.Pool{New: func() any { return new(mpDecoder) }}

// release clears what could keep a decoded document alive and returns d to the pool.
func (d *mpDecoder) release() {
	if cap(d.vals) > 1<<12 || cap(d.keys) > 1<<12 || cap(d.props) > 1<<12 {
		return // an unusually big document: let its arrays go
	}

	d.s, d.i, d.depth = "", 0, 0
	clear(d.props[:cap(d.props)])
	clear(d.propWork[:cap(d.propWork)])
	clear(d.keys[:cap(d.keys)])
	clear(d.elems[:cap(d.elems)])
	clear(d.vals[:cap(d.vals)])
	d.schemas, d.props, d.keys, d.elems, d.items = d.schemas[:0], d.props[:0], d.keys[:0], d.elems[:0], d.items[:0]
	d.propWork, d.itemWork, d.vals = d.propWork[:0], d.itemWork[:0], d.vals[:0]
	d.fields = mpFields{}
	mpDecoderPool.Put(d)
}

// mpFields gives types.ConvertDocument a document's keys and values without copying them first.
type mpFields struct {
	keys []string
	vals []any
}

func (f *mpFields) Keys() []string { return f.keys }
func (f *mpFields) Values() []any  { return f.vals }

// document decodes the top level: `{"$s": <schema>, <key>: <value>, ...}`.
func (d *mpDecoder) document() (*types.Document, bool) {
	d.ws()

	if !d.consume('{') {
		return nil, false
	}

	d.ws()

	if k, ok := d.str(); !ok || k != "$s" || !d.colon() {
		return nil, false
	}

	sch, ok := d.schema()
	if !ok {
		return nil, false
	}

	d.ws()

	var doc *types.Document

	switch {
	case d.consume('}'):
		doc, ok = d.fieldsOf(sch, true, true)
	case d.consume(','):
		doc, ok = d.fieldsOf(sch, true, false)
	default:
		return nil, false
	}

	// The original accepts nothing after the document, not even whitespace.
	if !ok || d.i != len(d.s) {
		return nil, false
	}

	return doc, true
}

// fieldsOf decodes a document's fields in its schema's key order, after `{` (nested) or after
// the top level's schema and its comma; closed tells that `}` was already read.
func (d *mpDecoder) fieldsOf(schIdx int32, top, closed bool) (*types.Document, bool) {
	sch := d.schemas[schIdx]
	keys := d.keys[sch.keyStart : sch.keyStart+sch.keyN]
	props := d.props[sch.propStart : sch.propStart+sch.propN]
	start := len(d.vals)
	n := 0

	if !closed {
		d.ws()

		if !top && d.consume('}') {
			closed = true
		}
	}

	for !closed {
		d.ws()

		// A second "$s" at the top level would be the schema the original reads (the last one).
		k, ok := d.str()
		if !ok || n >= len(keys) || k != keys[n] || (top && k == "$s") || !d.colon() {
			return nil, false
		}

		e, ok := mpProperty(props, keys, n)
		if !ok {
			return nil, false
		}

		v, ok := d.value(e)
		if !ok {
			return nil, false
		}

		d.vals = append(d.vals, v)
		n++

		d.ws()

		switch {
		case d.consume(','):
		case d.consume('}'):
			closed = true
		default:
			return nil, false
		}
	}

	// A nested document without fields is empty whatever its schema says; the top level's
	// schema must then have no keys.
	if n == 0 && !top {
		return new(types.Document), true
	}

	if n != len(keys) || !mpDistinct(keys) {
		return nil, false
	}

	d.fields = mpFields{keys: keys, vals: d.vals[start:]}
	doc, err := types.ConvertDocument(&d.fields)
	d.fields = mpFields{}

	clear(d.vals[start:])
	d.vals = d.vals[:start]

	if err != nil {
		return nil, false
	}

	return doc, true
}

// mpProperty finds key n's element among the schema's properties. They are in key order when the
// document was written by sjson.Marshal; otherwise the last property of that key counts, as in the
// map the original decodes them into.
func mpProperty(props []mpProp, keys []string, n int) (int32, bool) {
	if len(props) == len(keys) && props[n].key == keys[n] {
		// The keys are distinct (checked once the fields are read) and all found, so with as
		// many properties as keys no property repeats a key.
		return props[n].elem, true
	}

	for j := len(props) - 1; j >= 0; j-- {
		if props[j].key == keys[n] {
			return props[j].elem, true
		}
	}

	return 0, false
}

// mpDistinct tells whether the schema's keys are distinct (the original compares the number of
// keys with the number of distinct fields).
func mpDistinct(keys []string) bool {
	if len(keys) > 32 {
		seen := make(map[string]struct{}, len(keys))
		for _, k := range keys {
			if _, ok := seen[k]; ok {
				return false
			}

			seen[k] = struct{}{}
		}

		return true
	}

	for i := 1; i < len(keys); i++ {
		for j := 0; j < i; j++ {
			if keys[i] == keys[j] {
				return false
			}
		}
	}

	return true
}

// value decodes one value by its schema element e.
func (d *mpDecoder) value(e int32) (any, bool) {
	d.ws()

	if d.i >= len(d.s) {
		return nil, false
	}

	// A null is null whatever the schema says, as in the original.
	if d.s[d.i] == 'n' {
		if !d.literal("null") {
			return nil, false
		}

		return types.Null, true
	}

	el := &d.elems[e]

	switch el.code {
	case mpObject:
		if el.has&mpHasSchema == 0 || !d.consume('{') || !d.enter() {
			return nil, false
		}

		doc, ok := d.fieldsOf(el.schema, false, false)
		d.depth--

		return doc, ok

	case mpArray:
		if el.has&mpHasItems == 0 || !d.consume('[') || !d.enter() {
			return nil, false
		}

		arr, ok := d.array(el.itemStart, el.itemN)
		d.depth--

		return arr, ok

	case mpDouble:
		raw, _, ok := d.number()
		if !ok {
			return nil, false
		}

		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, false
		}

		return f, true

	case mpString:
		s, ok := d.str()
		if !ok {
			return nil, false
		}

		return s, true

	case mpBinData:
		if el.has&mpHasSubtype == 0 {
			return nil, false
		}

		s, ok := d.str()
		if !ok {
			return nil, false
		}

		// As encoding/json decodes a []byte (a non-nil slice even when empty).
		b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))

		n, err := base64.StdEncoding.Decode(b, unsafe.Slice(unsafe.StringData(s), len(s)))
		if err != nil {
			return nil, false
		}

		return types.Binary{B: b[:n], Subtype: types.BinarySubtype(el.subtype)}, true

	case mpObjectID:
		s, ok := d.str()
		if !ok || len(s) != 2*types.ObjectIDLen {
			return nil, false
		}

		var id types.ObjectID
		if _, err := hex.Decode(id[:], unsafe.Slice(unsafe.StringData(s), len(s))); err != nil {
			return nil, false
		}

		return id, true

	case mpBool:
		switch {
		case d.literal("true"):
			return true, true
		case d.literal("false"):
			return false, true
		}

		return nil, false

	case mpDate:
		ms, ok := d.integer(64)
		if !ok {
			return nil, false
		}

		return time.UnixMilli(ms), true

	case mpRegex:
		if el.has&mpHasOptions == 0 {
			return nil, false
		}

		s, ok := d.str()
		if !ok {
			return nil, false
		}

		return types.Regex{Pattern: s, Options: el.opt}, true

	case mpInt:
		v, ok := d.integer(32)
		if !ok {
			return nil, false
		}

		return int32(v), true

	case mpTimestamp:
		raw, isInt, ok := d.number()
		if !ok || !isInt || raw[0] == '-' {
			return nil, false
		}

		v, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			return nil, false
		}

		return types.Timestamp(v), true

	case mpLong:
		v, ok := d.integer(64)
		if !ok {
			return nil, false
		}

		return v, true
	}

	// mpNull with a value that is not null, or no type.
	return nil, false
}

// array decodes an array's items (after `[`) by the item elements items[start:start+n].
func (d *mpDecoder) array(start, n int32) (*types.Array, bool) {
	items := d.items[start : start+n]
	first := len(d.vals)

	ok := d.commaList(']', func() bool {
		i := len(d.vals) - first
		if i >= len(items) {
			return false
		}

		v, ok := d.value(items[i])
		if !ok {
			return false
		}

		d.vals = append(d.vals, v)

		return true
	})
	if !ok {
		return nil, false
	}

	count := len(d.vals) - first
	if count != len(items) {
		return nil, false
	}

	if count == 0 {
		return types.MakeArray(0), true
	}

	vals := make([]any, count)
	copy(vals, d.vals[first:])
	clear(d.vals[first:])
	d.vals = d.vals[:first]

	arr, err := types.NewArray(vals...)
	if err != nil {
		return nil, false
	}

	return arr, true
}

// schema reads a document's schema: `{"p": {<key>: <elem>, ...}, "$k": [<key>, ...]}`.
func (d *mpDecoder) schema() (int32, bool) {
	d.ws()

	if !d.consume('{') || !d.enter() {
		return 0, false
	}

	defer func() { d.depth-- }()

	sch := mpSchema{propStart: int32(len(d.props)), keyStart: int32(len(d.keys))}

	var seenP, seenK bool

	ok := d.commaList('}', func() bool {
		k, ok := d.str()
		if !ok || !d.colon() {
			return false
		}

		d.ws()

		switch {
		case k == "p" && !seenP:
			seenP = true
			sch.propStart, sch.propN, ok = d.properties()

		case k == "$k" && !seenK:
			seenK = true
			sch.keyStart, sch.keyN, ok = d.keyList()

		default:
			// Unknown (the original rejects it), repeated, or not the exact name (the
			// original matches field names regardless of case): the original decides.
			return false
		}

		return ok
	})
	if !ok {
		return 0, false
	}

	d.schemas = append(d.schemas, sch)

	return int32(len(d.schemas) - 1), true
}

// properties reads a schema's "p" object; its properties end up as one range of d.props.
func (d *mpDecoder) properties() (start, n int32, ok bool) {
	if !d.consume('{') {
		return 0, 0, false
	}

	work := len(d.propWork)

	ok = d.commaList('}', func() bool {
		k, ok := d.str()
		if !ok || !d.colon() {
			return false
		}

		e, ok := d.elem()
		if !ok {
			return false
		}

		// Nested schemas have moved their own properties out of propWork by now.
		d.propWork = append(d.propWork, mpProp{key: k, elem: e})

		return true
	})
	if !ok {
		return 0, 0, false
	}

	start = int32(len(d.props))
	d.props = append(d.props, d.propWork[work:]...)
	n = int32(len(d.propWork) - work)

	clear(d.propWork[work:])
	d.propWork = d.propWork[:work]

	return start, n, true
}

// keyList reads a schema's "$k" array of strings.
func (d *mpDecoder) keyList() (start, n int32, ok bool) {
	if !d.consume('[') {
		return 0, 0, false
	}

	start = int32(len(d.keys))

	ok = d.commaList(']', func() bool {
		k, ok := d.str()
		if !ok {
			return false
		}

		d.keys = append(d.keys, k)

		return true
	})
	if !ok {
		return 0, 0, false
	}

	return start, int32(len(d.keys)) - start, true
}

// mpElemType returns the code of a schema's type name, mpInvalid for an unknown one.
func mpElemType(t string) byte {
	switch elemType(t) {
	case elemTypeObject:
		return mpObject
	case elemTypeArray:
		return mpArray
	case elemTypeDouble:
		return mpDouble
	case elemTypeString:
		return mpString
	case elemTypeBinData:
		return mpBinData
	case elemTypeObjectID:
		return mpObjectID
	case elemTypeBool:
		return mpBool
	case elemTypeDate:
		return mpDate
	case elemTypeNull:
		return mpNull
	case elemTypeRegex:
		return mpRegex
	case elemTypeInt:
		return mpInt
	case elemTypeTimestamp:
		return mpTimestamp
	case elemTypeLong:
		return mpLong
	}

	return mpInvalid
}

// elem reads one schema element: `{"t": <type>, "$s": <schema>, "o": <options>, "i": [<elem>, ...],
// "s": <subtype>}`, every field but "t" optional; it returns its index in d.elems.
func (d *mpDecoder) elem() (int32, bool) {
	d.ws()

	if !d.consume('{') || !d.enter() {
		return 0, false
	}

	defer func() { d.depth-- }()

	var e mpElem

	ok := d.commaList('}', func() bool {
		k, ok := d.str()
		if !ok || !d.colon() {
			return false
		}

		d.ws()

		var field byte

		switch k {
		case "t":
			field = mpHasType

			t, ok := d.str()
			if !ok {
				return false
			}

			if e.code = mpElemType(t); e.code == mpInvalid {
				return false
			}

		case "$s":
			field = mpHasSchema

			if e.schema, ok = d.schema(); !ok {
				return false
			}

		case "o":
			field = mpHasOptions

			if e.opt, ok = d.str(); !ok {
				return false
			}

		case "i":
			field = mpHasItems

			if e.itemStart, e.itemN, ok = d.itemList(); !ok {
				return false
			}

		case "s":
			field = mpHasSubtype

			// encoding/json's uint8: digits only, at most 255.
			raw, isInt, ok := d.number()
			if !ok || !isInt || raw[0] == '-' {
				return false
			}

			v, err := strconv.ParseUint(raw, 10, 8)
			if err != nil {
				return false
			}

			e.subtype = byte(v)

		default:
			return false
		}

		if e.has&field != 0 {
			return false // repeated: the original keeps the last one
		}

		e.has |= field

		return true
	})
	if !ok || e.has&mpHasType == 0 {
		return 0, false
	}

	d.elems = append(d.elems, e)

	return int32(len(d.elems) - 1), true
}

// itemList reads an array element's "i": its items' elements, as one range of d.items.
func (d *mpDecoder) itemList() (start, n int32, ok bool) {
	if !d.consume('[') {
		return 0, 0, false
	}

	work := len(d.itemWork)

	ok = d.commaList(']', func() bool {
		e, ok := d.elem()
		if !ok {
			return false
		}

		d.itemWork = append(d.itemWork, e)

		return true
	})
	if !ok {
		return 0, 0, false
	}

	start = int32(len(d.items))
	d.items = append(d.items, d.itemWork[work:]...)
	n = int32(len(d.itemWork) - work)
	d.itemWork = d.itemWork[:work]

	return start, n, true
}

// commaList reads a JSON object's or array's items up to close (its opening bracket already read),
// calling item at each; the six lists of a stored document differ only in what an item is.
// Whitespace is skipped before each item, so item starts at its first token.
func (d *mpDecoder) commaList(close byte, item func() bool) bool {
	d.ws()

	if d.consume(close) {
		return true
	}

	for {
		d.ws()

		if !item() {
			return false
		}

		d.ws()

		if d.consume(close) {
			return true
		}

		if !d.consume(',') {
			return false
		}
	}
}

// enter counts one more level of nesting; too deep is left to the original.
func (d *mpDecoder) enter() bool {
	d.depth++
	return d.depth <= mpMaxDepth
}

// ws skips JSON whitespace.
func (d *mpDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// consume reads c if it is next.
func (d *mpDecoder) consume(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}

	return false
}

// colon reads the `:` after an object's key.
func (d *mpDecoder) colon() bool {
	d.ws()
	return d.consume(':')
}

// literal reads lit if it is next and not followed by more letters.
func (d *mpDecoder) literal(lit string) bool {
	end := d.i + len(lit)
	if end > len(d.s) || d.s[d.i:end] != lit {
		return false
	}

	if end < len(d.s) {
		if c := d.s[end]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return false
		}
	}

	d.i = end

	return true
}

// number reads a JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?); isInt tells it has
// neither fraction nor exponent. What follows it is checked by the caller (a delimiter).
func (d *mpDecoder) number() (raw string, isInt, ok bool) {
	s, i := d.s, d.i
	start := i

	if i < len(s) && s[i] == '-' {
		i++
	}

	switch {
	case i >= len(s):
		return "", false, false
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return "", false, false
	}

	isInt = true

	if i < len(s) && s[i] == '.' {
		isInt = false
		i++

		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return "", false, false
		}

		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}

	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		isInt = false
		i++

		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}

		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return "", false, false
		}

		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}

	// A number runs into the next token only if that is a letter or another sign or dot, which
	// is not valid JSON.
	if i < len(s) {
		if c := s[i]; c == '.' || c == '-' || c == '+' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return "", false, false
		}
	}

	d.i = i

	return s[start:i], isInt, true
}

// integer reads a JSON integer as encoding/json decodes it into an int32 or int64.
func (d *mpDecoder) integer(bits int) (int64, bool) {
	raw, isInt, ok := d.number()
	if !ok || !isInt {
		return 0, false
	}

	digits := raw
	neg := raw[0] == '-'

	if neg {
		digits = raw[1:]
	}

	if len(digits) > 18 {
		v, err := strconv.ParseInt(raw, 10, bits)
		return v, err == nil
	}

	var u int64
	for i := 0; i < len(digits); i++ {
		u = u*10 + int64(digits[i]-'0')
	}

	if neg {
		u = -u
	}

	if bits == 32 && (u < -1<<31 || u > 1<<31-1) {
		return 0, false
	}

	return u, true
}

// mpStringStop marks the bytes that end a run of plain text in a JSON string.
var mpStringStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}

	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}

	t['"'], t['\\'] = true, true

	return t
}()

// str reads a JSON string and returns its text as encoding/json does. Text without escapes is
// a substring of the document.
func (d *mpDecoder) str() (string, bool) {
	s, i := d.s, d.i

	if i >= len(s) || s[i] != '"' {
		return "", false
	}

	i++
	start := i
	escaped, ascii := false, true

	for {
		for i < len(s) && !mpStringStop[s[i]] {
			i++
		}

		if i >= len(s) {
			return "", false // unterminated
		}

		switch c := s[i]; {
		case c == '"':
			raw := s[start:i]
			d.i = i + 1

			if !escaped && (ascii || utf8.ValidString(raw)) {
				return raw, true
			}

			return mpUnescape(raw)
		case c == '\\':
			escaped = true
			i += 2 // the escaped character (checked by mpUnescape) cannot end the string
		case c < 0x20:
			return "", false // not valid JSON
		default:
			ascii = false
			i++
		}
	}
}

// mpUnescape returns the text of a JSON string's contents (between the quotes, as str found
// them: no unescaped quote or control character) with escapes, as encoding/json does: \uXXXX
// pairs make one rune, a lone surrogate becomes U+FFFD, as does each byte of invalid UTF-8. It
// fails for escapes encoding/json's scanner rejects.
func mpUnescape(raw string) (string, bool) {
	b := make([]byte, 0, len(raw)+utf8.UTFMax)

	for len(raw) > 0 {
		// The text up to the next escape, at once when it is valid UTF-8.
		run := raw
		if j := strings.IndexByte(raw, '\\'); j >= 0 {
			run = raw[:j]
		}

		if utf8.ValidString(run) {
			b = append(b, run...)
		} else {
			for _, r := range run { // each invalid byte is a RuneError
				b = utf8.AppendRune(b, r)
			}
		}

		raw = raw[len(run):]
		if len(raw) == 0 {
			break
		}

		if len(raw) < 2 {
			return "", false
		}

		n := 2

		switch raw[1] {
		case '"', '\\', '/':
			b = append(b, raw[1])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := mpHex4(raw, 2)
			if !ok {
				return "", false
			}

			n = 6

			if utf16.IsSurrogate(r) {
				pair := utf8.RuneError

				if len(raw) >= 12 && raw[6] == '\\' && raw[7] == 'u' {
					if r2, ok := mpHex4(raw, 8); ok {
						if pair = utf16.DecodeRune(r, r2); pair != utf8.RuneError {
							n = 12
						}
					}
				}

				r = pair
			}

			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}

		raw = raw[n:]
	}

	// b is not changed after this, so the string can share it.
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// mpHex4 reads the four hex digits of a \u escape at raw[i:].
func mpHex4(raw string, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}

	var r rune

	for _, c := range []byte(raw[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}

		r = r*16 + rune(c)
	}

	return r, true
}
