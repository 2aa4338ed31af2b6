package sjson

import (
	"encoding/json"
	"testing"
)

// The fast path must give what encoding/json gives, or step aside.
func TestMpPlainStringMatchesEncodingJSON(t *testing.T) {
	for _, literal := range []string{
		`""`, `"plain"`, `"naïve café — ✓"`, `"with \"quote\""`, `"back\\slash"`, `"\u00e9"`, `"tab\there"`,
		"\"raw\ttab\"", "\"bad \xff utf8\"", `"`, `x`, `"unterminated`, `"a"b"`,
	} {
		var want string
		wantErr := json.Unmarshal([]byte(literal), &want)

		got, ok := mpPlainString([]byte(literal))
		if ok && (wantErr != nil || got != want) {
			t.Errorf("mpPlainString(%q) = %q, encoding/json: %q (err %v)", literal, got, want, wantErr)
		}
	}

	for _, literal := range []string{`""`, `"plain"`, `"naïve café — ✓"`} {
		if _, ok := mpPlainString([]byte(literal)); !ok {
			t.Errorf("mpPlainString(%q) stepped aside for a plain literal", literal)
		}
	}
}
