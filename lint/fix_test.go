package lint

import (
	"reflect"
	"testing"
)

// fixModel holds one writable nginx file and one archive member.
func fixModel() *Model {
	m := NewModel()
	m.AddSource(NewSource("app.conf", "/etc/nginx/app.conf", []byte("proxy_pass https://b:80;\nssl on;\n")))
	m.AddSource(NewSource("x.ucs!config/bigip.conf", "", []byte("ltm pool p { }\n")))
	return m
}

func edit(m *Model, file string, off, end int, text string) Edit {
	return Edit{Pos: m.Source(file).Pos(off, end), NewText: text}
}

func finding(rule string, fixes ...Fix) Finding { return Finding{Rule: rule, Fixes: fixes} }

func TestChooseAndApplyFixes(t *testing.T) {
	m := fixModel()
	port := Fix{Description: "use port 443", Safety: Safe, Edits: []Edit{edit(m, "app.conf", 21, 23, "443")}}
	// touches the port edit (ends where it starts): waits for the next pass
	touching := Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 19, 21, "c:")}}
	sslOff := Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 25, 33, "")}}
	unsafe := Fix{Safety: Unsafe, Edits: []Edit{edit(m, "app.conf", 0, 10, "grpc_pass ")}}
	member := Fix{Safety: Safe, Edits: []Edit{edit(m, "x.ucs!config/bigip.conf", 0, 3, "gtm")}}
	suppressed := finding("TL101", Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 33, 33, "# x\n")}})
	suppressed.Suppressed = &Suppression{}
	fs := []Finding{
		finding("TL101", port),
		finding("TL103", touching),
		finding("TL211", sslOff, Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 33, 33, "second fix of one finding\n")}}),
		finding("TL204", unsafe),
		finding("TL202", member),
		suppressed,
	}
	got := ChooseFixes(m, fs, false, nil)
	var rules []string
	for _, c := range got {
		rules = append(rules, c.Rule)
	}
	if want := []string{"TL101", "TL211"}; !reflect.DeepEqual(rules, want) {
		t.Fatalf("safe pass chose %v, want %v", rules, want)
	}
	if !reflect.DeepEqual(got[0].Files, []string{"app.conf"}) {
		t.Errorf("Files = %v", got[0].Files)
	}
	out := ApplyFixes(m, got)
	if want := "proxy_pass https://b:443;\n"; string(out["app.conf"]) != want {
		t.Errorf("applied:\n%q\nwant\n%q", out["app.conf"], want)
	}
	if string(m.Source("app.conf").Data) != "proxy_pass https://b:80;\nssl on;\n" {
		t.Error("ApplyFixes changed the model's source")
	}
	if len(out) != 1 {
		t.Errorf("files changed: %v", len(out))
	}

	// with unsafe fixes, TL204's edit [0,10) overlaps nothing chosen before it
	if got := ChooseFixes(m, fs, true, nil); len(got) != 3 || got[2].Rule != "TL204" {
		t.Errorf("unsafe pass chose %+v", got)
	}
	// a file a fix broke gets no more fixes
	if got := ChooseFixes(m, fs, true, map[string]bool{"app.conf": true}); len(got) != 0 {
		t.Errorf("skipped file still fixed: %+v", got)
	}
	// an edit past the end of the file (a stale position) is not applied
	stale := Fix{Safety: Safe, Edits: []Edit{{Pos: Pos{File: "app.conf", Offset: 40, End: 90}}}}
	if got := ChooseFixes(m, []Finding{finding("TL101", stale)}, false, nil); len(got) != 0 {
		t.Errorf("stale edit chosen: %+v", got)
	}
}

func TestApplyFixesKeepsEditOrder(t *testing.T) {
	m := fixModel()
	// a fix with two edits listed out of order, and an insertion at the end
	two := Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 25, 28, "ssl_x"), edit(m, "app.conf", 0, 10, "grpc_pass")}}
	ins := Fix{Safety: Safe, Edits: []Edit{edit(m, "app.conf", 33, 33, "ssl_protocols TLSv1.2;\n")}}
	got := ChooseFixes(m, []Finding{finding("TL1", two), finding("TL2", ins)}, false, nil)
	out := ApplyFixes(m, got)
	if want := "grpc_pass https://b:80;\nssl_x on;\nssl_protocols TLSv1.2;\n"; string(out["app.conf"]) != want {
		t.Errorf("applied:\n%q\nwant\n%q", out["app.conf"], want)
	}
}

func TestParseErrorCounts(t *testing.T) {
	fs := []Finding{{Rule: "TL001", Pos: Pos{File: "a"}}, {Rule: "TL001", Pos: Pos{File: "a"}}, {Rule: "TL101", Pos: Pos{File: "b"}}}
	if got := ParseErrorCounts(fs); !reflect.DeepEqual(got, map[string]int{"a": 2}) {
		t.Errorf("got %v", got)
	}
}
