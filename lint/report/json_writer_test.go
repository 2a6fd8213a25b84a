package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONWriterMatchesEncodingJSON: the hand-written writer produces the
// bytes encoding/json produces for the same document.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	docs := []jsonDoc{
		{Tool: jsonTool{"tlslint", "0.3.0"}, Findings: []jsonFinding{}},
		{Tool: jsonTool{"tlslint", "0.3.0"}, Summary: jsonSummary{3, 1, 2, 0}, Findings: []jsonFinding{
			{Rule: "TL101", Name: "upstream-tls-to-plain-port", Severity: "error", Message: `proxy_pass "x" <&> ü 𝄞 tab	nl
 ctl` + "\x01\u2028\xff", File: "conf.d/app.conf", Line: 8, Column: 9, EndLine: 8, EndColumn: 46, Subject: "server a:443",
				Related: []jsonRelated{{File: "nginx.conf", Line: 3, Message: "set here"}, {Message: "no file"}},
				Fixes: []jsonFix{{Description: "use port 443", Safety: "safe", Edits: []jsonEdit{{File: "a", Line: 1, Column: 2, EndLine: 1, EndColumn: 4, NewText: ""}}},
					{Description: "none", Safety: "unsafe", Edits: []jsonEdit{}}}},
			{Rule: "TL004", Name: "internal-error", Severity: "error", Message: "m"},
		}},
		{Tool: jsonTool{"tlslint", "0.3.0"}, Findings: []jsonFinding{}, Diffs: &[]Diff{}},
		{Tool: jsonTool{"tlslint", "0.3.0"}, Findings: []jsonFinding{}, Diffs: &[]Diff{{Subject: "server a:443", Unified: "--- prod\n+++ staging\n@@ -1 +1 @@\n-protocols: TLSv1.3\n+protocols: TLSv1.2 TLSv1.3\n"}}},
	}
	for _, d := range docs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		var jw jsonWriter
		jw.doc(d)
		if jw.buf.String() != want.String() {
			t.Errorf("got:\n%s\nwant:\n%s", jw.buf.String(), want.String())
		}
	}
}
