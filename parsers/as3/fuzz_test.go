package as3

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// FuzzLoad loads arbitrary bytes as a declaration. It must never panic;
// every finding and model object must point into the file; TL001 "invalid
// JSON" must be reported exactly when encoding/json rejects the text
// (apart from our nesting limit and the byte order mark we skip).
// Seeds: testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		m := lint.NewModel()
		if err := LoadModelBytes(m, "f.json", data, nil); err != nil {
			t.Fatal(err)
		}
		m.BuildSockets()
		valid := func(what string, p lint.Pos) {
			if !p.IsValid() || p.File != "f.json" || p.Offset < 0 || p.End < p.Offset || int(p.End) > len(data) {
				t.Fatalf("%s has an invalid position %+v", what, p)
			}
		}
		invalidJSON, tooDeep := false, false
		for _, fd := range m.Findings {
			valid(fd.Rule+" "+fd.Message, fd.Pos)
			if fd.Message == "" || (fd.Rule != "TL001" && fd.Rule != "TL002") {
				t.Fatalf("unexpected finding %s %q", fd.Rule, fd.Message)
			}
			if strings.HasPrefix(fd.Message, "invalid JSON: ") {
				invalidJSON = true
				tooDeep = strings.Contains(fd.Message, "nesting deeper")
			}
		}
		std := json.Valid(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		if invalidJSON == std && !tooDeep {
			t.Fatalf("invalid JSON reported: %v, encoding/json valid: %v", invalidJSON, std)
		}
		for _, l := range m.Listeners {
			valid("listener "+l.Subject, l.Pos)
			for _, b := range l.Binds {
				valid("bind of "+l.Subject, b.Pos)
			}
		}
		for _, u := range m.Upstreams {
			valid("upstream "+u.Subject, u.Pos)
			for _, e := range u.Targets {
				valid("target of "+u.Subject, e.Pos)
			}
		}
	})
}
