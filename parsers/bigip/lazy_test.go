package bigip

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

// checkLazy parses src as a configuration loaded for the model is parsed
// (bodies on demand) and checks it against whole, the same text parsed
// whole: the same objects, errors, warnings and comments, and every body
// read on demand equal to the one read whole, also when read again after
// a release.
func checkLazy(t *testing.T, whole *File, src []byte) {
	t.Helper()
	lazy := parseLazy(whole.Path, src)
	if !reflect.DeepEqual(lazy.Errors, whole.Errors) || !reflect.DeepEqual(lazy.Warnings, whole.Warnings) ||
		!reflect.DeepEqual(lazy.Comments, whole.Comments) || lazy.Version != whole.Version {
		t.Fatalf("parsed on demand, the file's records differ:\nerrors %v\nwant   %v\nwarnings %v\nwant     %v", lazy.Errors, whole.Errors, lazy.Warnings, whole.Warnings)
	}
	if len(lazy.Objects) != len(whole.Objects) {
		t.Fatalf("parsed on demand: %d objects, whole: %d", len(lazy.Objects), len(whole.Objects))
	}
	c := &Config{Files: []*File{lazy}}
	for round := 0; round < 3; round++ {
		for i, o := range lazy.Objects {
			w := whole.Objects[i]
			if o.String() != w.String() || o.Pos != w.Pos || o.BodyPos != w.BodyPos || o.Incomplete != w.Incomplete ||
				o.FullName != w.FullName || o.BaseFolder != w.BaseFolder || !reflect.DeepEqual(o.Header, w.Header) || !reflect.DeepEqual(o.Raw, w.Raw) {
				t.Fatalf("object %d: %s at %v (body %v) parsed on demand, %s at %v (body %v) whole", i, o, o.Pos, o.BodyPos, w, w.Pos, w.BodyPos)
			}
			if w.Body().Pos != w.BodyPos {
				t.Fatalf("%s: BodyPos %v, Body().Pos %v", w, w.BodyPos, w.Body().Pos)
			}
			if got := o.Body(); !reflect.DeepEqual(got, w.Body()) {
				t.Fatalf("round %d: the body of %s read on demand differs from the one read whole", round, o)
			}
		}
		c.releaseBodies()
	}
	// every body was read three times: the clean ones are kept since the
	// second read (shared, see lazyBodies), the others were never dropped
	for _, o := range lazy.Objects {
		if o.body.Load() == nil {
			t.Fatalf("%s: dropped although read again after a release", o)
		}
	}
}

// TestLazyBodies reads realistic files on demand: the bench's bigip.conf,
// the fixtures, the corpus when it is there, and files with the errors and
// oddities whose bodies are kept as first read.
func TestLazyBodies(t *testing.T) {
	inputs := map[string][]byte{
		"bench":   GenerateBench(40),
		"virtual": []byte(virtualSrc),
		"irule":   []byte(iruleSrc),
		"ucs":     []byte(ucsBigipConf),
		"unclosed": []byte("ltm pool /Common/p {\n    members {\n        /Common/n:80 {\n            address 10.0.0.1\n" +
			"ltm virtual /Common/v {\n    destination /Common/10.0.0.1:443\n    pool /Common/p\n}\n"),
		"one-line":     []byte("ltm virtual /Common/v { destination /Common/10.0.0.1:443 ip-protocol tcp pool /Common/p profiles { /Common/c { context clientside } } }\nltm node /Common/n { address 10.0.0.2 }\n"),
		"run-together": []byte("ltm profile client-ssl /Common/c {\n    cert-key-chain {\n        a { cert /Common/a.crt key /Common/a.key chain /Common/ca.crt }\n    }\n}\n"),
		"deep":         []byte("ltm virtual /Common/v {\n" + nest(120) + "\n}\nltm pool /Common/p {\n    monitor /Common/http\n}\n"),
		"quotes":       []byte("ltm virtual /Common/v {\n    description \"a \\\"quoted\\\" { brace\"\n    # a comment inside\n    destination /Common/10.0.0.1:443\n}\nltm pool /Common/p {\n    description \"unterminated\n}\n"),
		"partitions":   []byte("cli admin-partitions {\n    update-partition Prod\n}\nltm pool p1 {\n    members {\n        n1:80 {\n            address 10.0.0.1\n        }\n    }\n}\n"),
	}
	if dir, ok := shared.Find("corpus"); ok {
		matches, _ := filepath.Glob(filepath.Join(dir, "bigip", "*", "*.conf"))
		for _, m := range matches {
			if src, err := os.ReadFile(m); err == nil {
				inputs[m] = src
			}
		}
	} else {
		t.Log("../shared/corpus is not beside the repository: the corpus files were skipped")
	}
	for name, src := range inputs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			checkLazy(t, Parse(name, src), src)
		})
	}
}

func nest(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "a {\n"
	}
	for i := 0; i < n; i++ {
		s += "}\n"
	}
	return s
}

// TestLazyRelease: a virtual server's body, and the bodies the build read
// for it, are dropped after it; what several virtual servers share is
// parsed once more, then kept.
func TestLazyRelease(t *testing.T) {
	src := []byte(`ltm pool /Common/shared {
    members {
        /Common/10.0.0.1:443 {
            address 10.0.0.1
        }
    }
}
ltm virtual /Common/a {
    destination /Common/10.1.0.1:443
    pool /Common/shared
}
ltm virtual /Common/b {
    destination /Common/10.1.0.2:443
    pool /Common/shared
}
`)
	f := parseLazy("bigip.conf", src)
	c := &Config{Files: []*File{f}}
	pool, a, b := f.Objects[0], f.Objects[1], f.Objects[2]
	for _, o := range f.Objects {
		if o.body.Load() != nil {
			t.Fatalf("%s: body kept by the first pass", o)
		}
	}
	if v, _ := a.Value("pool"); v != "/Common/shared" || pool.Get("members", "/Common/10.0.0.1:443", "address").Value() != "10.0.0.1" {
		t.Fatalf("bodies read on demand: pool %q", v)
	}
	c.releaseBodies()
	if a.body.Load() != nil || pool.body.Load() != nil {
		t.Fatal("a release kept the bodies read before it")
	}
	if v, _ := b.Value("pool"); v != "/Common/shared" || len(pool.Body().Props) != 1 {
		t.Fatalf("after a release: pool %q, %d pool properties", v, len(pool.Body().Props))
	}
	c.releaseBodies()
	if pool.body.Load() == nil || b.body.Load() != nil {
		t.Fatalf("second release: the pool read twice must be kept (%v), b read once dropped (%v)", pool.body.Load() != nil, b.body.Load() == nil)
	}
}
