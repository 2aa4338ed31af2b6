package sjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// mpSame reports how a and b differ (value, type, key order, float sign, nil-ness of binary
// data, time location), or "" if they are the same.
func mpSame(path string, a, b any) string {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return fmt.Sprintf("%s: type %T vs %T", path, a, b)
	}

	switch a := a.(type) {
	case *types.Document:
		b := b.(*types.Document)
		ak, bk := a.Keys(), b.Keys()

		if !reflect.DeepEqual(ak, bk) {
			return fmt.Sprintf("%s: keys %q vs %q", path, ak, bk)
		}

		av, bv := a.Values(), b.Values()
		for i := range av {
			if diff := mpSame(path+"."+ak[i], av[i], bv[i]); diff != "" {
				return diff
			}
		}
	case *types.Array:
		b := b.(*types.Array)
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d items vs %d", path, a.Len(), b.Len())
		}

		for i := 0; i < a.Len(); i++ {
			if diff := mpSame(fmt.Sprintf("%s[%d]", path, i), must.NotFail(a.Get(i)), must.NotFail(b.Get(i))); diff != "" {
				return diff
			}
		}
	case float64:
		if math.Float64bits(a) != math.Float64bits(b.(float64)) {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
	case types.Binary:
		b := b.(types.Binary)
		if a.Subtype != b.Subtype || !bytes.Equal(a.B, b.B) || (a.B == nil) != (b.B == nil) {
			return fmt.Sprintf("%s: %#v vs %#v", path, a, b)
		}
	case time.Time:
		b := b.(time.Time)
		if !a.Equal(b) || a.Location() != b.Location() {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
	default:
		if a != b {
			return fmt.Sprintf("%s: %#v vs %#v", path, a, b)
		}
	}

	return ""
}

// mpCompare decodes data with the original and the single pass. Wherever the single pass
// accepts, the original must accept too and give the same document, down to its internal
// structure (reflect.DeepEqual), types' own comparison, key order and the sign of zeros. It
// returns whether the single pass accepted and whether the original did.
func mpCompare(t *testing.T, data []byte) (fast, orig bool) {
	t.Helper()

	panicsBefore := mpPanics.Load()

	var want *types.Document
	var wantErr error
	origPanicked := func() (panicked bool) {
		defer func() { panicked = recover() != nil }()
		want, wantErr = mpOriginalUnmarshal(data)
		return false
	}()

	got, ok := mpUnmarshal(data)

	if mpPanics.Load() != panicsBefore {
		t.Fatalf("the single pass panicked on %q", data)
	}

	if origPanicked {
		if ok {
			t.Errorf("the original panics on %q, the single pass accepts it", data)
		}

		return ok, false
	}

	if !ok {
		// Unmarshal is then the original itself.
		doc, err := Unmarshal(data)
		if (err == nil) != (wantErr == nil) || (err == nil && mpSame("", want, doc) != "") {
			t.Errorf("Unmarshal differs from the original on %q", data)
		}

		return false, wantErr == nil
	}

	if wantErr != nil {
		t.Fatalf("the single pass accepts what the original rejects (%v): %q", wantErr, data)
	}

	if diff := mpSame("", want, got); diff != "" {
		t.Fatalf("%s\n%s", diff, data)
	}

	if !types.Identical(want, got) || !reflect.DeepEqual(want, got) {
		t.Fatalf("not identical: %q", data)
	}

	return true, true
}

// mpGen makes random documents of every type sjson stores.
type mpGen struct {
	r *rand.Rand
}

var mpStringParts = []string{
	"", "a", "plain text", "naïve café", "中文", "😀", "\U0001F600\U0001F469\u200d\U0001F4BB", "\"", "\\", "/", "\n", "\r\n", "\t",
	"\x00", "\x01", "\x1f", "\x7f", "<script>&amp;</script>", "\u2028\u2029", "\ufffd", "\xff", "\xed\xa0\x80", "\xc3",
	"$", ".", "{}", "[]", ":", ",", "null", "true", "1e5", " ",
}

func (g *mpGen) str() string {
	var sb strings.Builder
	for n := g.r.Intn(6); n > 0; n-- {
		sb.WriteString(mpStringParts[g.r.Intn(len(mpStringParts))])
	}

	if g.r.Intn(20) == 0 {
		sb.WriteString(strings.Repeat("Lorem ipsum dolor sit amet. ", 60))
	}

	return sb.String()
}

// key is a field name that Marshal can write (it writes names unescaped in the data).
func (g *mpGen) key(i int) string {
	switch g.r.Intn(8) {
	case 0:
		return fmt.Sprintf("é%d", i)
	case 1:
		return fmt.Sprintf("$k%d", i)
	case 2:
		return fmt.Sprintf("a<b>&%d", i) // escaped in the schema's $k and p, not in the data
	case 3:
		return fmt.Sprintf("😀 %d", i)
	default:
		return fmt.Sprintf("field%d", i)
	}
}

func (g *mpGen) double() float64 {
	switch g.r.Intn(12) {
	case 0:
		return 0
	case 1:
		return math.Copysign(0, -1)
	case 2:
		return math.MaxFloat64
	case 3:
		return -math.SmallestNonzeroFloat64
	case 4:
		return float64(g.r.Int63n(1 << 53))
	case 5:
		return 1e21
	case 6:
		return 1e-7
	default:
		for {
			f := math.Float64frombits(g.r.Uint64())
			if !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f
			}
		}
	}
}

func (g *mpGen) scalar() any {
	switch g.r.Intn(13) {
	case 0:
		return g.double()
	case 1, 2:
		return g.str()
	case 3:
		b := make([]byte, g.r.Intn(40))
		g.r.Read(b)

		return types.Binary{B: b, Subtype: types.BinarySubtype(g.r.Intn(256))}
	case 4:
		var id types.ObjectID
		g.r.Read(id[:])

		return id
	case 5:
		return g.r.Intn(2) == 0
	case 6:
		return time.UnixMilli(g.r.Int63n(1<<44) - 1<<43)
	case 7:
		return types.Null
	case 8:
		return types.Regex{Pattern: g.str(), Options: []string{"", "i", "imsx"}[g.r.Intn(3)]}
	case 9:
		return []int32{0, -1, 1, math.MinInt32, math.MaxInt32, g.r.Int31()}[g.r.Intn(6)]
	case 10:
		return []types.Timestamp{0, 1, math.MaxUint64, types.Timestamp(g.r.Uint64())}[g.r.Intn(4)]
	case 11:
		return []int64{0, -1, 255, 256, math.MinInt64, math.MaxInt64, g.r.Int63()}[g.r.Intn(7)]
	default:
		return types.Binary{B: []byte{}, Subtype: types.BinaryGeneric}
	}
}

func (g *mpGen) value(depth int) any {
	if depth > 0 {
		switch g.r.Intn(6) {
		case 0:
			return g.doc(depth - 1)
		case 1:
			return g.array(depth - 1)
		}
	}

	return g.scalar()
}

func (g *mpGen) doc(depth int) *types.Document {
	d := must.NotFail(types.NewDocument())
	for i := g.r.Intn(8); i > 0; i-- {
		d.Set(g.key(i), g.value(depth))
	}

	return d
}

func (g *mpGen) array(depth int) *types.Array {
	a := types.MakeArray(0)
	for i := g.r.Intn(5); i > 0; i-- {
		a.Append(g.value(depth))
	}

	return a
}

func TestMpUnmarshalRoundTrips(t *testing.T) {
	g := &mpGen{r: rand.New(rand.NewSource(12))}

	for i := 0; i < 5000; i++ {
		doc := g.doc(1 + i%5)
		if i%7 == 0 {
			doc.Set("_id", types.NewObjectID())
		}

		data, err := Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}

		fast, orig := mpCompare(t, data)
		if !orig {
			// Marshal writes field names unescaped, so the odd generated name can make JSON that
			// neither decoder reads; none of the names above should.
			t.Fatalf("the original rejects what Marshal wrote: %s", data)
		}

		if !fast {
			t.Fatalf("the single pass declined what Marshal wrote: %s", data)
		}

		// Whitespace between tokens changes nothing; after the document the original rejects it.
		var indented bytes.Buffer
		must.NoError(json.Indent(&indented, data, " ", "\t"))

		if fast, _ := mpCompare(t, indented.Bytes()); !fast {
			t.Fatalf("the single pass declined indented JSON: %s", indented.Bytes())
		}

		if fast, orig := mpCompare(t, append(indented.Bytes(), '\n')); fast || orig {
			t.Fatalf("trailing whitespace accepted (single pass %v, original %v)", fast, orig)
		}
	}
}

// Random damage to stored documents: wherever the single pass accepts the result, the original
// gives the same document; everywhere else Unmarshal is the original.
func TestMpUnmarshalDamaged(t *testing.T) {
	g := &mpGen{r: rand.New(rand.NewSource(8))}
	junk := []string{`"`, `\`, `{`, `}`, `[`, `]`, `,`, `:`, `0`, `9`, `-`, `.`, `e`, `n`, `null`, ` `, "\x00", "\xff", `\u`, `"t"`, `"$s"`, `{}`, `[]`}

	var accepted, total int

	for i := 0; i < 3000; i++ {
		data := must.NotFail(Marshal(g.doc(1 + i%4)))

		for m := 0; m < 10; m++ {
			b := append([]byte(nil), data...)

			for k := 1 + g.r.Intn(3); k > 0 && len(b) > 0; k-- {
				p := g.r.Intn(len(b))

				switch g.r.Intn(4) {
				case 0:
					b = append(b[:p], b[p+1:]...)
				case 1:
					b = append(b[:p], append([]byte(junk[g.r.Intn(len(junk))]), b[p:]...)...)
				case 2:
					b[p] = junk[g.r.Intn(len(junk))][0]
				default:
					q := p + g.r.Intn(len(b)-p)
					b = append(b[:q], append(append([]byte(nil), b[p:q]...), b[q:]...)...)
				}
			}

			fast, _ := mpCompare(t, b)
			total++

			if fast {
				accepted++
			}
		}
	}

	t.Logf("single pass accepted %d of %d damaged documents (each the same as the original)", accepted, total)
}

// Malformed documents: each fails in the original and in Unmarshal, and the single pass declines.
func TestMpUnmarshalMalformed(t *testing.T) {
	for _, data := range []string{
		``, ` `, `null`, `"foo"`, `[]`, `{}`, `{"foo":"bar"}`, `{"$s":{}`, `{"$s":{}}x`, `{"$s":{}} `, `{"$s":{},}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]}}`,
		`{"$s":{"p":{},"$k":[]},"foo":"bar"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"],"unknown":"field"},"foo":"bar"}`,
		`{"$s":{"p":{"foo":{"t":"string","x":1}},"$k":["foo"]},"foo":"bar"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"bar","fizz":"buzz"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"fizz":"buzz"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo","foo"]},"foo":"a","foo":"b"}`,
		`{"$s":{"p":{"foo":{"t":"nope"}},"$k":["foo"]},"foo":"bar"}`,
		`{"$s":{"p":{"foo":{}},"$k":["foo"]},"foo":"bar"}`,
		`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":"1"}`,
		`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":1.5}`,
		`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":1e2}`,
		`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":2147483648}`,
		`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":01}`,
		`{"$s":{"p":{"foo":{"t":"long"}},"$k":["foo"]},"foo":9223372036854775808}`,
		`{"$s":{"p":{"foo":{"t":"long"}},"$k":["foo"]},"foo":-}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":1e400}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":.5}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":1.}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":+1}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":NaN}`,
		`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":"1"}`,
		`{"$s":{"p":{"foo":{"t":"timestamp"}},"$k":["foo"]},"foo":-1}`,
		`{"$s":{"p":{"foo":{"t":"timestamp"}},"$k":["foo"]},"foo":-0}`,
		`{"$s":{"p":{"foo":{"t":"timestamp"}},"$k":["foo"]},"foo":18446744073709551616}`,
		`{"$s":{"p":{"foo":{"t":"date"}},"$k":["foo"]},"foo":1.5}`,
		`{"$s":{"p":{"foo":{"t":"bool"}},"$k":["foo"]},"foo":1}`,
		`{"$s":{"p":{"foo":{"t":"bool"}},"$k":["foo"]},"foo":truex}`,
		`{"$s":{"p":{"foo":{"t":"null"}},"$k":["foo"]},"foo":1}`,
		`{"$s":{"p":{"foo":{"t":"objectId"}},"$k":["foo"]},"foo":"0123456789abcdef0123456"}`,
		`{"$s":{"p":{"foo":{"t":"objectId"}},"$k":["foo"]},"foo":"0123456789abcdef0123456g"}`,
		`{"$s":{"p":{"foo":{"t":"binData"}},"$k":["foo"]},"foo":"AAAA"}`,
		`{"$s":{"p":{"foo":{"t":"binData","s":0}},"$k":["foo"]},"foo":"A"}`,
		`{"$s":{"p":{"foo":{"t":"binData","s":256}},"$k":["foo"]},"foo":"AAAA"}`,
		`{"$s":{"p":{"foo":{"t":"regex"}},"$k":["foo"]},"foo":"a.*"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"bad \x escape"}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"bad \u12 escape"}`,
		"{\"$s\":{\"p\":{\"foo\":{\"t\":\"string\"}},\"$k\":[\"foo\"]},\"foo\":\"raw\ttab\"}",
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"unterminated}`,
		`{"$s":{"p":{"foo":{"t":"object"}},"$k":["foo"]},"foo":{}}`,
		`{"$s":{"p":{"foo":{"t":"object","$s":{"p":{"a":{"t":"int"}},"$k":["a"]}}},"$k":["foo"]},"foo":{"b":1}}`,
		`{"$s":{"p":{"foo":{"t":"object","$s":{"p":{"a":{"t":"int"}},"$k":["a"]}}},"$k":["foo"]},"foo":[]}`,
		`{"$s":{"p":{"foo":{"t":"array"}},"$k":["foo"]},"foo":[]}`,
		`{"$s":{"p":{"foo":{"t":"array","i":[{"t":"int"}]}},"$k":["foo"]},"foo":[1,2]}`,
		`{"$s":{"p":{"foo":{"t":"array","i":[{"t":"int"},{"t":"int"}]}},"$k":["foo"]},"foo":[1]}`,
		`{"$s":{"p":{"foo":{"t":"array","i":[{"t":"int"}]}},"$k":["foo"]},"foo":[1,]}`,
		`{"$s":{"p":{"foo":{"t":"array","i":[null]}},"$k":["foo"]},"foo":[1]}`,
		`{"$s":{"p":{"a":{"t":"int"},"a":{"t":"string"}},"$k":["a"]},"a":1}`,
		`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"bar","$s":{}}`,
	} {
		fast, orig := mpCompare(t, []byte(data))
		if fast || orig {
			t.Errorf("accepted (single pass %v, original %v): %s", fast, orig, data)
		}

		if _, err := Unmarshal([]byte(data)); err == nil {
			t.Errorf("Unmarshal accepted %s", data)
		}
	}
}

// Unusual but valid documents: the single pass gives the original's document or declines.
func TestMpUnmarshalUnusual(t *testing.T) {
	for _, tc := range []struct {
		data string
		fast bool // the single pass should take it
	}{
		{`{"$s":{}}`, true},
		{`  {"$s":{}}`, true},
		{`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":null}`, true},
		{`{"$s":{"p":{"foo":{"t":"object","$s":{"p":{"a":{"t":"int"}},"$k":["a"]}}},"$k":["foo"]},"foo":{}}`, true},
		{`{"$s":{"p":{"b":{"t":"int"},"a":{"t":"string"}},"$k":["a","b"]},"a":"x","b":1}`, true},
		{`{"$s":{"p":{"a":{"t":"string"},"b":{"t":"int"},"c":{"t":"bool"}},"$k":["a","b"]},"a":"x","b":1}`, true},
		{`{"$s":{"p":{"a":{"t":"string"},"a":{"t":"int"}},"$k":["a"]},"a":1}`, true},
		{`{"$s":{"p":{"a":{"t":"int"},"a":{"t":"string"}},"$k":["a"]},"a":"x"}`, true},
		{`{"$s":{"p":{"a\u0062":{"t":"\u0073tring"}},"$k":["\u0061b"]},"\u0061\u0062":"\ud83d\ude00 \ud800 \u00e9\/"}`, true},
		{`{"$s":{"p":{"foo":{"t":"string","i":[],"o":"x","s":3,"$s":{}}},"$k":["foo"]},"foo":"bar"}`, true},
		{`{"$s":{"p":{"foo":{"t":"int"}},"$k":["foo"]},"foo":-0}`, true},
		{`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":-0}`, true},
		{`{"$s":{"p":{"foo":{"t":"double"}},"$k":["foo"]},"foo":1E-400}`, true},
		{`{"$s":{"p":{"foo":{"t":"objectId"}},"$k":["foo"]},"foo":"0123456789ABCDEF01234567"}`, true},
		{`{"$s":{"p":{"foo":{"t":"binData","s":128}},"$k":["foo"]},"foo":"AA\r\nAA"}`, true},
		{`{"$s":{"p":{"foo":{"t":"binData","s":128}},"$k":["foo"]},"foo":""}`, true},
		{`{"$s":{"p":{"foo":{"t":"array","i":[]}},"$k":["foo"]},"foo":[]}`, true},
		{`{"$s":{"p":{"foo":{"t":"array","i":[{"t":"array","i":[{"t":"int"}]}]}},"$k":["foo"]},"foo":[[7]]}`, true},
		// The original reads these; the single pass leaves them to it.
		{`{"$s":{"P":{"foo":{"T":"string"}},"$K":["foo"]},"foo":"bar"}`, false},
		{`{"foo":"bar","$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]}}`, false},
		{`{"$s":{"p":{"a":{"t":"int"},"b":{"t":"int"}},"$k":["a","b"]},"b":2,"a":1}`, false},
		{`{"$s":{"p":{},"$k":["foo"]},"foo":null}`, false},
		{`{"$s":{"p":{"foo":{"t":"string","t":"int"}},"$k":["foo"]},"foo":1}`, false},
		{`{"$s":{"p":{"foo":null},"$k":["foo"]},"foo":null}`, false},
		{`{"$s":null}`, false},
		{`{"$s":{"p":{"foo":{"t":"string"}},"$k":["foo"]},"foo":"bar","foo":"baz"}`, false},
	} {
		fast, orig := mpCompare(t, []byte(tc.data))
		if !orig {
			t.Errorf("the original rejects %s", tc.data)
		}

		if fast != tc.fast {
			t.Errorf("single pass took it: %v, expected %v: %s", fast, tc.fast, tc.data)
		}
	}

	// Nesting: the single pass takes what it can and leaves deeper documents to the original.
	for _, depth := range []int{300, 1100} {
		items := strings.Repeat(`{"t":"array","i":[`, depth) + `{"t":"int"}` + strings.Repeat(`]}`, depth)
		values := strings.Repeat("[", depth) + "1" + strings.Repeat("]", depth)
		data := `{"$s":{"p":{"a":` + items + `},"$k":["a"]},"a":` + values + "}"

		if fast, orig := mpCompare(t, []byte(data)); fast != (depth < mpMaxDepth) || !orig {
			t.Errorf("nesting %d: single pass %v, original %v", depth, fast, orig)
		}
	}
}

// FuzzMpUnmarshal compares the two decoders on arbitrary input
// (go test -fuzz FuzzMpUnmarshal -run XXX ./internal/handler/sjson/).
func FuzzMpUnmarshal(f *testing.F) {
	g := &mpGen{r: rand.New(rand.NewSource(3))}
	for i := 0; i < 50; i++ {
		f.Add(must.NotFail(Marshal(g.doc(1 + i%4))))
	}

	f.Add(must.NotFail(Marshal(mpEvidence())))

	f.Fuzz(func(t *testing.T, data []byte) {
		mpCompare(t, data)
	})
}

// mpEvidence is shaped like one of the tool's evidence documents.
func mpEvidence() *types.Document {
	text := strings.Repeat("During the placement I planned a sequence of lessons on fractions, "+
		"adapting the \"worked examples\" approach after my mentor's feedback.\n", 12)
	at := time.UnixMilli(1764979200000)

	links := types.MakeArray(3)
	for i := 0; i < 3; i++ {
		links.Append(must.NotFail(types.NewDocument(
			"standardId", fmt.Sprintf("TS%d.%d", i+1, i+2),
			"note", "Links to planning and assessment.",
			"linkedAt", at,
		)))
	}

	return must.NotFail(types.NewDocument(
		"_id", types.NewObjectID(),
		"tenantId", "tenant-7f3a",
		"contextId", "course-2f9c1e",
		"mentorUserId", "user-58c1d2e4",
		"moduleCode", "PGCE-M2",
		"title", "Planning a fractions sequence",
		"text", text,
		"kind", "reflection",
		"status", "submitted",
		"hours", 2.5,
		"version", int32(3),
		"links", links,
		"attachmentId", types.NewObjectID(),
		"reviewed", false,
		"createdAt", at,
		"updatedAt", at.Add(time.Hour),
	))
}

func TestMpUnmarshalEvidence(t *testing.T) {
	data := must.NotFail(Marshal(mpEvidence()))
	if fast, _ := mpCompare(t, data); !fast {
		t.Fatal("the single pass declined an evidence document")
	}
}

func BenchmarkMpUnmarshal(b *testing.B) {
	data := must.NotFail(Marshal(mpEvidence()))
	b.Logf("document: %d bytes", len(data))

	for _, bc := range []struct {
		name string
		fn   func([]byte) (*types.Document, error)
	}{
		{"original", mpOriginalUnmarshal},
		{"single-pass", Unmarshal},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))

			for i := 0; i < b.N; i++ {
				if _, err := bc.fn(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
