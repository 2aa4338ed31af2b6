// Mentor Pathways: a faster path for decoding stored strings (see tools/embedded-db/README.md).

package sjson

import "unicode/utf8"

// mpPlainString returns the text of a JSON string literal that needs no unescaping: quoted, with
// no backslash, quote or control character inside, and valid UTF-8. Such a literal's text is
// exactly its bytes between the quotes, which is what encoding/json would return, without a
// decoder per string (a stored document decoded a decoder for each of its strings: about a tenth
// of the engine's CPU on the tool's reads). Anything else is left to encoding/json.
func mpPlainString(data []byte) (string, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}

	inner := data[1 : len(data)-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}

	if !utf8.Valid(inner) {
		return "", false
	}

	return string(inner), true
}
