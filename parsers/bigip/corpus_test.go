package bigip

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"

	"github.com/tlslint/tlslint/lint"
)

func corpusDir(t testing.TB) string { return shared.Dir(t, "corpus") }

// TestCorpus parses every tmsh file of the corpus's bigip/ directory: all
// must load without errors or warnings, except badBigip.conf, which must
// give one positioned error. Files that are not tmsh (the AS3 JSON
// declaration) must not be detected as tmsh.
func TestCorpus(t *testing.T) {
	root := filepath.Join(corpusDir(t), "bigip")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		t.Run(rel, func(t *testing.T) {
			if strings.HasSuffix(p, ".json") {
				if Detect(src) {
					t.Errorf("Detect says the AS3 declaration is tmsh")
				}
				return
			}
			n++
			f := Parse(rel, src)
			if filepath.Base(p) == "badBigip.conf" {
				if len(f.Errors) != 1 || len(f.Objects) != 0 {
					t.Fatalf("badBigip.conf: %d errors, %d objects; want 1 error and none", len(f.Errors), len(f.Objects))
				}
				want := rel + `:3:1: expected a tmsh object ("module type name { … }"), found "This represents a .conf file that does not have the right…"`
				if got := f.Errors[0].Error(); got != want {
					t.Errorf("error = %q\nwant    %q", got, want)
				}
				return
			}
			if !Detect(src) {
				t.Errorf("Detect does not recognise it")
			}
			for _, e := range f.Errors {
				t.Errorf("error: %v", e)
			}
			for _, w := range f.Warnings {
				t.Errorf("warning: %v", w)
			}
			if len(f.Objects) == 0 {
				t.Errorf("no objects")
			}
			for _, o := range f.Objects {
				if o.Incomplete || o.Pos.End <= o.Pos.Offset || src[o.Pos.End-1] != '}' {
					t.Errorf("%s: bad extent %+v (incomplete %v)", o, o.Pos, o.Incomplete)
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no tmsh files under %s", root)
	}
}

// TestCorpusArchiveTree loads the corpus's BIG-IP 15.1 archive tree as a
// directory and checks what the model builder will rely on.
func TestCorpusArchiveTree(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "bigip", "f5devcentral__f5-corkscrew", "archive1")
	for _, in := range []string{dir, filepath.Join(dir, "config")} {
		c, err := Load(in)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range c.Files {
			rel, _ := filepath.Rel(dir, f.Path)
			names = append(names, filepath.ToSlash(rel))
		}
		want := []string{
			"config/low_profile_base.conf",
			"config/profile_base.conf",
			"config/bigip_base.conf",
			"config/bigip.conf",
			"config/partitions/foo/bigip_base.conf",
			"config/partitions/foo/bigip.conf",
			"config/partitions/foo.a_1-c/bigip.conf",
			"config/partitions/hue-infra/bigip.conf",
			"config/partitions/test/bigip.conf",
		}
		if strings.Join(names, " ") != strings.Join(want, " ") {
			t.Errorf("Load(%s) files = %q\nwant %q", in, names, want)
		}
		if errs := c.Errors(); len(errs) != 0 {
			t.Errorf("errors: %v", errs)
		}
		if c.Version() != "15.1.8.2" {
			t.Errorf("Version = %q", c.Version())
		}
		// The built-in profile, defined in profile_base.conf by a relative
		// name, is found by its full name.
		cssl := c.Find("ltm profile", "/Common/clientssl")
		if cssl == nil || cssl.Kind != "ltm profile client-ssl" {
			t.Fatalf("clientssl = %v", cssl)
		}
		if v, _ := cssl.Value("ciphers"); v != "DEFAULT" {
			t.Errorf("clientssl ciphers = %q", v)
		}
		app3 := c.Find("ltm profile client-ssl", "app3_clientssl")
		if app3 == nil || app3.Ref("defaults-from") != "/Common/clientssl" {
			t.Errorf("app3_clientssl = %v", app3)
		}
		vs := c.Find("ltm virtual", "/foo/defaultsUDP_5555/serviceMain")
		if vs == nil || vs.Partition != "foo" {
			t.Fatalf("partition virtual = %v", vs)
		}
		d, err := ParseDestination(vs.Prop("destination").Value())
		if err != nil || d.Port != 5555 || d.Address != "192.50.2.1" || d.Folder != "/foo" {
			t.Errorf("destination = %+v, %v", d, err)
		}
		// The built-in certificate's file is found through its system-path;
		// this tree has no config/ssl/ssl.crt, so the error says where the
		// lookup went.
		def := c.Find("sys file ssl-cert", "/Common/default.crt")
		if def == nil {
			t.Fatal("no sys file ssl-cert /Common/default.crt")
		}
		if _, err := c.FindFile(def); err == nil || !strings.Contains(err.Error(), "config/ssl/ssl.crt/default.crt") {
			t.Errorf("FindFile(default.crt) error = %v", err)
		}
	}
}

// TestCorpusModel loads every tmsh file of the corpus, and the 15.1 archive
// tree as a whole, into the model: nothing may fail to load, every loader
// finding must carry a position, TL001 only where the file is broken and
// TL002 only for references the file really leaves undefined.
func TestCorpusModel(t *testing.T) {
	root := filepath.Join(corpusDir(t), "bigip")
	wantTL001 := map[string]string{
		"f5devcentral__f5-corkscrew/badBigip.conf": `3:1 expected a tmsh object ("module type name { … }"), found "This represents a .conf file that does not have the right…"`,
	}
	wantTL002 := map[string]string{
		// the iRule is attached but not part of this excerpt
		"jasonrahm__mcp_test_tools/bigip.conf": "57:9 iRule /Common/mcp_proxy on /Common/mcp_virtual is not defined in the input (the input holds no ltm rule objects at all: a partial export, such as tmsh list ltm without sys file)",
	}
	var inputs []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".conf") {
			inputs = append(inputs, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, filepath.Join(root, "f5devcentral__f5-corkscrew", "archive1"))
	listeners := 0
	for _, p := range inputs {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			m := lint.NewModel()
			if err := LoadModel(m, p, &Options{Display: relTo(root)}); err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, f := range m.Findings {
				if !f.Pos.IsValid() {
					t.Errorf("finding without a position: %s %s", f.Rule, f.Message)
				}
				got[f.Rule] = append(got[f.Rule], fmt.Sprintf("%d:%d %s", f.Pos.Line, f.Pos.Col, f.Message))
			}
			for rule, want := range map[string]map[string]string{"TL001": wantTL001, "TL002": wantTL002} {
				w := want[rel]
				if g := strings.Join(got[rule], "\n"); g != w {
					t.Errorf("%s = %q, want %q", rule, g, w)
				}
			}
			for _, l := range m.Listeners {
				if l.Product != lint.BigIP || l.Subject == "" || !l.Pos.IsValid() {
					t.Errorf("listener %+v", l)
				}
				for _, b := range l.Binds {
					if !b.Pos.IsValid() || !b.PortPos.IsValid() {
						t.Errorf("%s: bind without positions", l.Subject)
					}
				}
			}
			listeners += len(m.Listeners)
		})
	}
	if listeners == 0 {
		t.Error("no listeners in the whole corpus")
	}
}
