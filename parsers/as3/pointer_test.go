package as3

import (
	"strings"
	"testing"
)

// TestResolve follows AS3's pointer rules (extractUtil.js getAs3Object)
// from a pointer written at /T/A/svc/pool.
func TestResolve(t *testing.T) {
	js := `{"class": "ADC",
 "Common": {"class": "Tenant", "Shared": {"class": "Application", "p": {"class": "Pool"}}},
 "T": {"class": "Tenant",
  "Shared": {"class": "Application", "p": {"class": "Pool"}},
  "A": {"class": "Application",
   "svc": {"class": "Service_HTTP", "inner": {"class": "Pool"}, "plain": {"x": {"class": "Pool"}}},
   "p": {"class": "Pool", "members": [{"servicePort": 80}]},
   "a~b/c": {"class": "Pool"}
  },
  "Other": {"class": "Application", "p": {"class": "Pool"}}
 }
}`
	root, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	d := &decl{root: root}
	sc := scope{Tenant: "T", App: "A", Src: []string{"T", "A", "svc", "pool"}}
	tests := []struct {
		ptr, path, err string
	}{
		{"p", "/T/A/p", ""},
		{"p#", "/T/A/p", ""},
		{"p/members", "/T/A/p/members", ""},
		{"/T/A/p", "/T/A/p", ""},
		{"/T/Shared/p", "/T/Shared/p", ""},
		{"/Common/Shared/p", "/Common/Shared/p", ""},
		{"a~0b~1c", "/T/A/a~b/c", ""},
		{"@/inner", "/T/A/svc/inner", ""}, // from the nearest object with a class: svc
		{"1/inner", "/T/A/svc/inner", ""}, // one level up from svc/pool
		{"2/p", "/T/A/p", ""},             // two levels up: the application
		{"missing", "", "no /T/A/missing in the declaration"},
		{"p/nope", "", "no /T/A/p/nope in the declaration"},
		{"/T/Other/p", "", "same Application or a Shared one"},
		{"/U/A/p", "", "same tenant or /Common/Shared"},
		{"/T/A", "", "expected /Tenant/Application/name"},
		{"9/p", "", "climbs above the declaration"},
		{"1x", "", "expected '/' after the level count"},
		{"", "", "empty pointer"},
	}
	for _, tt := range tests {
		got, err := d.resolve(sc, tt.ptr)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("resolve(%q) = %v, %v; want error %q", tt.ptr, got.Path, err, tt.err)
			}
		case err != nil:
			t.Errorf("resolve(%q): %v", tt.ptr, err)
		case got.Path != tt.path || got.Member == nil:
			t.Errorf("resolve(%q) = %q, want %q", tt.ptr, got.Path, tt.path)
		}
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in       string
		use, big string
		ok       bool
	}{
		{`"tls"`, "tls", "", true},
		{`{"use": "/T/A/tls"}`, "/T/A/tls", "", true},
		{`{"bigip": "/Common/clientssl"}`, "", "/Common/clientssl", true},
		{`""`, "", "", false},
		{`{"use": ""}`, "", "", false},
		{`{"name": "x"}`, "", "", false},
		{`42`, "", "", false},
	}
	for _, tt := range tests {
		v, err := Parse([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		r, ok := parseRef(v)
		if ok != tt.ok || r.Use != tt.use || r.BigIP != tt.big {
			t.Errorf("parseRef(%s) = %+v, %v", tt.in, r, ok)
		}
	}
}
