package as3

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// toAny converts a Value to what encoding/json's Unmarshal (with
// UseNumber) produces, for differential checks.
func toAny(v *Value) any {
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.Bool
	case Number:
		return json.Number(v.Str)
	case String:
		return v.Str
	case Array:
		out := make([]any, 0, len(v.Elems))
		for _, e := range v.Elems {
			out = append(out, toAny(e))
		}
		return out
	}
	out := map[string]any{}
	for _, m := range v.Members {
		out[m.Key] = toAny(m.Val) // last duplicate wins, as in Go and JavaScript
	}
	return out
}

func stdDecode(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return v
}

func TestParseMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(examplesDir(t), "*.json"))
	inputs := map[string][]byte{
		"escapes":    []byte(`{"a\"b": "x\\y\/z\b\f\n\r\t\u00e9\ud83d\ude00\u20ac", "n": [-0, 1.5e3, 0.25E-2, 42]}`),
		"surrogate":  []byte(`["\ud800", "\udc00x", "\ud83dA"]`),
		"duplicates": []byte(`{"k": 1, "k": {"z": null}, "e": {}, "a": [], "t": true, "f": false}`),
		"unicode":    []byte("{\"caf\u00e9\": \"\u65e5\u672c\"}"),
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = data
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			v, err := Parse(data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got, want := toAny(v), stdDecode(t, data); !reflect.DeepEqual(got, want) {
				t.Errorf("tree differs from encoding/json:\n got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestParsePositions(t *testing.T) {
	data := []byte("{\n  \"class\": \"ADC\",\n  \"port\":443 ,\n  \"s\": \"a\\nb\",\n  \"o\": {\"x\": [true, null]}\n}")
	v, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	text := func(off, end int) string { return string(data[off:end]) }
	tests := []struct {
		key, keyText, valText string
		plain                 bool
	}{
		{"class", `"class"`, `"ADC"`, true},
		{"port", `"port"`, `443`, false},
		{"s", `"s"`, `"a\nb"`, false},
		{"o", `"o"`, `{"x": [true, null]}`, false},
	}
	for _, tt := range tests {
		m := v.Get(tt.key)
		if m == nil {
			t.Fatalf("no member %q", tt.key)
		}
		if got := text(m.KeyOff, m.KeyEnd); got != tt.keyText {
			t.Errorf("%s: key text %q, want %q", tt.key, got, tt.keyText)
		}
		if got := text(m.Val.Off, m.Val.End); got != tt.valText {
			t.Errorf("%s: value text %q, want %q", tt.key, got, tt.valText)
		}
		if m.Val.Kind == String && m.Val.Plain != tt.plain {
			t.Errorf("%s: Plain %v, want %v", tt.key, m.Val.Plain, tt.plain)
		}
	}
	x := v.Val("o").Val("x")
	if got := text(x.Elems[1].Off, x.Elems[1].End); got != "null" {
		t.Errorf("array element text %q", got)
	}
	if n, ok := v.Val("port").Int(); !ok || n != 443 {
		t.Errorf("Int() = %d, %v", n, ok)
	}
}

func TestIntForms(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int64
		ok   bool
	}{
		{"443", 443, true}, {"443.0", 443, true}, {"4.43e2", 443, true}, {"-1", -1, true},
		{"443.5", 0, false}, {"1e300", 0, false},
	} {
		v, err := Parse([]byte(tt.text))
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		if n, ok := v.Int(); n != tt.want || ok != tt.ok {
			t.Errorf("Int(%s) = %d, %v; want %d, %v", tt.text, n, ok, tt.want, tt.ok)
		}
	}
}

// TestParseErrors checks that each malformed input is reported at the
// exact line and column of the problem with what was expected there.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"empty", "  \n ", 2, 2, "empty input: expected a JSON object"},
		{"missing comma", "{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, `unexpected "\"": expected ',' or '}' after the value of "a"`},
		{"missing colon", `{"a" 1}`, 1, 6, `unexpected "1": expected ':' after property name "a"`},
		{"trailing comma object", "{\"a\": 1,\n}", 2, 1, "trailing comma before '}'"},
		{"trailing comma array", `{"a": [1, 2,]}`, 1, 13, "trailing comma before ']'"},
		{"unquoted key", `{a: 1}`, 1, 2, `unexpected "a": expected a property name in double quotes`},
		{"single quotes", `{'a': 1}`, 1, 2, "JSON strings use double quotes"},
		{"comment", "{\n  // note\n  \"a\": 1}", 2, 3, "a comment (JSON has no comments)"},
		{"unclosed object", "{\n \"a\": {\"b\": 1}\n", 3, 1, "expected ',' or '}' (the object at line 1 is not closed)"},
		{"unclosed array", `{"a": [1`, 1, 9, "expected ',' or ']' (the array at line 1 is not closed)"},
		{"unterminated string", `{"a": "abc`, 1, 7, "unterminated string"},
		{"newline in string", "{\"a\": \"ab\ncd\"}", 1, 10, `line break in string: expected \n`},
		{"control char", "{\"a\": \"a\tb\"}", 1, 9, "control character"},
		{"bad escape", `{"a": "\x41"}`, 1, 8, `invalid escape "\\x" in string`},
		{"short unicode escape", `{"a": "\u12"}`, 1, 8, "expected \\u followed by four hex digits"},
		{"leading zero", `{"p": 0443}`, 1, 7, "no leading zeros"},
		{"bare minus", `[-]`, 1, 2, "expected a digit after '-'"},
		{"bad fraction", `[1.]`, 1, 2, "expected a digit after '.'"},
		{"bad exponent", `[1e+]`, 1, 2, "expected a digit in the exponent"},
		{"word", `{"v": True}`, 1, 7, "expected a value"},
		{"truncated literal", `[tru]`, 1, 2, "invalid literal: expected true"},
		{"literal suffix", `[nullx]`, 1, 2, "invalid literal: expected null"},
		{"two values", "{}\n{}", 2, 1, "after the end of the JSON value"},
		{"end of input in array", `[`, 1, 2, "unexpected end of input: expected a value or ']'"},
		{"non-ASCII", "{\"a\": \u00e9}", 1, 7, `unexpected 'é'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("Parse(%q) = %v, want a *SyntaxError", tt.in, err)
			}
			src := lint.NewSource("x.json", "", []byte(tt.in))
			pos := src.Pos(se.Off, se.End)
			if int(pos.Line) != tt.line || int(pos.Col) != tt.col {
				t.Errorf("at %d:%d, want %d:%d (%s)", pos.Line, pos.Col, tt.line, tt.col, se.Msg)
			}
			if !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", se.Msg, tt.msg)
			}
			if json.Valid([]byte(tt.in)) {
				t.Errorf("encoding/json accepts %q", tt.in)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	_, err := Parse([]byte(deep))
	if err == nil || !strings.Contains(err.Error(), "nesting deeper") {
		t.Fatalf("Parse(deep) = %v, want a nesting error", err)
	}
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	if _, err := Parse([]byte(ok)); err != nil {
		t.Fatalf("Parse(%d levels) = %v", maxDepth, err)
	}
}

func TestParseBOM(t *testing.T) {
	v, err := Parse([]byte("\xef\xbb\xbf{\"class\": \"ADC\"}"))
	if err != nil || v.Class() != "ADC" || v.Off != 3 {
		t.Fatalf("Parse with BOM = %v, %v", v, err)
	}
}
