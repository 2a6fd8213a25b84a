package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tlslint/tlslint/lint"
)

// sarifSchemaPath finds the OASIS SARIF 2.1.0 schema in the shared data
// directory beside the repository (read in place, never copied).
func sarifSchemaPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TLSLINT_SARIF_SCHEMA"); p != "" {
		return p
	}
	p := filepath.Join("..", "..", "..", "shared", "data", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SARIF schema not found at %s (set TLSLINT_SARIF_SCHEMA): %v", p, err)
	}
	return p
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return s.Validate(inst)
}

func TestSARIFSchema(t *testing.T) {
	s := compileSARIFSchema(t)
	m, fs := testModel(t)
	tests := []struct {
		name string
		m    *lint.Model
		fs   []lint.Finding
		o    Options
	}{
		{"findings", m, fs, testOptions()},
		{"no findings, no catalogue", m, nil, Options{}},
		{"no Cwd, no model", nil, fs, Options{ToolVersion: "0.3.0", Rules: testRules()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := SARIF(&buf, tt.m, tt.fs, tt.o); err != nil {
				t.Fatal(err)
			}
			if err := validate(t, s, buf.Bytes()); err != nil {
				t.Errorf("output does not validate against SARIF 2.1.0:\n%v", err)
			}
		})
	}
	// The validator is live: a wrong level is caught.
	bad := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`)
	if validate(t, s, bad) == nil {
		t.Errorf("the schema accepted level \"fatal\"")
	}
}

// sarifDoc is the part of the output the tests read back.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string          `json:"ruleId"`
			RuleIndex int             `json:"ruleIndex"`
			Level     string          `json:"level"`
			Locations []sarifLocation `json:"locations"`
			Fixes     []sarifFix      `json:"fixes"`
			Suppr     []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFContent(t *testing.T) {
	m, fs := testModel(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, m, fs, testOptions()); err != nil {
		t.Fatal(err)
	}
	var doc sarifDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if got := run.OriginalURIBaseIDs[srcRoot].URI; got != "file:///srv/nginx/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d: suppressed findings stay in SARIF", len(run.Results), len(fs))
	}
	byRule := map[string]int{}
	for i, r := range run.Results {
		byRule[r.RuleID] = i
		// GitHub rejects the whole file for one result without an
		// artifact URI.
		if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation == nil || r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
			t.Errorf("%s: no location with a URI", r.RuleID)
		}
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d does not point at its rule", r.RuleID, r.RuleIndex)
		}
	}
	// TL004 is not in the catalogue: it gets a descriptor after it.
	if n := len(run.Tool.Driver.Rules); n != len(testRules())+1 || run.Tool.Driver.Rules[n-1].ID != "TL004" {
		t.Errorf("driver rules = %+v", run.Tool.Driver.Rules)
	}

	// UTF-16 columns: before TLSv1 the line holds "ü" (2 bytes, 1 unit)
	// and "𝄞" (4 bytes, 2 units): byte column 60 is UTF-16 column 57.
	tl204 := run.Results[byRule["TL204"]]
	if r := tl204.Locations[0].PhysicalLocation.Region; r.StartLine != 3 || r.StartColumn != 57 || r.EndLine != 3 || r.EndColumn != 62 {
		t.Errorf("TL204 region = %+v, want 3:57-3:62", *r)
	}
	if tl204.Level != "warning" || run.Results[byRule["TL205"]].Level != "note" || run.Results[byRule["TL101"]].Level != "error" {
		t.Errorf("levels wrong")
	}
	// The deletion fix: "TLSv1 " at byte columns 60-66, no inserted text.
	rep := tl204.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion != (sarifRegion{StartLine: 3, StartColumn: 57, EndLine: 3, EndColumn: 63}) || rep.InsertedContent != nil {
		t.Errorf("TL204 replacement = %+v", rep)
	}
	// The insertion: an empty deleted region, one change per file.
	tl102 := run.Results[byRule["TL102"]].Fixes[0]
	if len(tl102.ArtifactChanges) != 2 || tl102.ArtifactChanges[0].ArtifactLocation.URI != "conf.d/app.conf" ||
		tl102.ArtifactChanges[1].ArtifactLocation.URI != "nginx.conf" {
		t.Fatalf("TL102 changes = %+v", tl102.ArtifactChanges)
	}
	ins := tl102.ArtifactChanges[0].Replacements[0]
	if ins.DeletedRegion != (sarifRegion{StartLine: 6, StartColumn: 1, EndLine: 6, EndColumn: 1}) || ins.InsertedContent.Text != "\t\tproxy_ssl_server_name on;\n" {
		t.Errorf("TL102 insertion = %+v", ins)
	}
	// Suppressions.
	if s := run.Results[byRule["TL105"]].Suppr; len(s) != 1 || s[0].Kind != "inSource" || s[0].Justification != "backend is on the same host" {
		t.Errorf("TL105 suppressions = %+v", s)
	}
	if s := run.Results[byRule["TL206"]].Suppr; len(s) != 1 || s[0].Kind != "external" {
		t.Errorf("TL206 suppressions = %+v", s)
	}
	// The archive member's name is a valid relative reference that
	// decodes back to the display name.
	loc := run.Results[byRule["TL206"]].Locations[0].PhysicalLocation.ArtifactLocation
	if loc.URI != "backup%202024.ucs!config/bigip.conf" || loc.URIBaseID != srcRoot {
		t.Errorf("archive member location = %+v", loc)
	}
}

// TestSARIFUnlocated: without any input file a finding that has no file
// cannot be placed, so it becomes a tool notification, not a result.
func TestSARIFUnlocated(t *testing.T) {
	f := lint.Finding{Rule: "TL004", Name: "internal-error", Severity: lint.Error, Message: "rule crashed", Detail: "stack"}
	var buf bytes.Buffer
	if err := SARIF(&buf, lint.NewModel(), []lint.Finding{f}, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool                `json:"executionSuccessful"`
				ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if len(run.Results) != 0 || len(run.Invocations) != 1 || len(run.Invocations[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("run = %s", buf.String())
	}
	n := run.Invocations[0].ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != "rule crashed" || n.Descriptor.ID != "TL004" || n.Properties.Detail != "stack" {
		t.Errorf("notification = %+v", n)
	}
	if err := validate(t, compileSARIFSchema(t), buf.Bytes()); err != nil {
		t.Errorf("does not validate: %v", err)
	}
}

func TestFileURI(t *testing.T) {
	tests := []struct {
		name, uri string
		relative  bool
	}{
		{"conf.d/app.conf", "conf.d/app.conf", true},
		{"x.ucs!config/bigip.conf", "x.ucs!config/bigip.conf", true},
		{"backup 2024.ucs!config/partitions/Common #1/bigip.conf", "backup%202024.ucs!config/partitions/Common%20%231/bigip.conf", true},
		{"100%?.conf", "100%25%3F.conf", true},
		{"a:b/c.conf", "a%3Ab/c.conf", true},
		{"sites/münchen.conf", "sites/m%C3%BCnchen.conf", true},
		{`conf.d\win.conf`, "conf.d/win.conf", true},
		{"/etc/nginx/nginx.conf", "file:///etc/nginx/nginx.conf", false},
		{"/tmp/b.ucs!config/bigip.conf", "file:///tmp/b.ucs!config/bigip.conf", false},
		{"C:/nginx/conf/nginx.conf", "file:///C:/nginx/conf/nginx.conf", false},
	}
	for _, tt := range tests {
		uri, rel := fileURI(tt.name)
		if filepath.Separator != '\\' && strings.Contains(tt.name, `\`) {
			// ToSlash only converts on Windows; elsewhere a backslash is a
			// name character and is encoded.
			tt.uri = strings.ReplaceAll(tt.uri, "conf.d/win", "conf.d%5Cwin")
		}
		if uri != tt.uri || rel != tt.relative {
			t.Errorf("fileURI(%q) = %q, %v; want %q, %v", tt.name, uri, rel, tt.uri, tt.relative)
		}
		if !strictURIReference(uri) {
			t.Errorf("%q is not an RFC 3986 URI reference", uri)
		}
		u, err := url.Parse(uri)
		if err != nil {
			t.Errorf("url.Parse(%q): %v", uri, err)
			continue
		}
		if rel && u.Scheme != "" {
			t.Errorf("%q parses with scheme %q", uri, u.Scheme)
		}
		if rel && filepath.Separator == '/' && u.Path != tt.name {
			t.Errorf("%q decodes to %q, want %q", uri, u.Path, tt.name)
		}
	}
	if got := dirURI("/srv/nginx"); got != "file:///srv/nginx/" {
		t.Errorf("dirURI = %q", got)
	}
}

// strictURIReference checks the RFC 3986 character rules that url.Parse
// (and so the schema's format check) does not: every character is
// unreserved, a delimiter, or part of a %XX escape.
func strictURIReference(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c), c >= '0' && c <= '9', strings.IndexByte("-._~!$&'()*+,;=:@/?#[]", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f' }

func TestUTF16Column(t *testing.T) {
	src := lint.NewSource("a", "", []byte("a\xffü𝄞b\r\nx"))
	tests := []struct{ byteCol, want int }{
		{1, 1},
		{2, 2},  // after "a"
		{3, 3},  // after an invalid byte: one unit
		{5, 4},  // after "ü"
		{9, 6},  // after "𝄞": two units
		{10, 7}, // after "b": the \r
		{11, 8}, // past the \r: the line break counts one per byte
	}
	for _, tt := range tests {
		if got := utf16Column(src, 1, tt.byteCol); got != tt.want {
			t.Errorf("utf16Column(%d) = %d, want %d", tt.byteCol, got, tt.want)
		}
	}
	if got := utf16Column(nil, 1, 7); got != 7 {
		t.Errorf("without source: %d, want the byte column", got)
	}
}
