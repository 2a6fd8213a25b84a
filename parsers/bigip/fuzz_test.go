package bigip

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"

	"github.com/tlslint/tlslint/lint"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// every position it reports lies inside the input and is consistent with
// File.LineCol. Seeds live in testdata/fuzz/FuzzParse; the corpus files and
// the package's own fixtures are added when present.
func FuzzParse(f *testing.F) {
	f.Add([]byte(virtualSrc))
	f.Add([]byte(iruleSrc))
	f.Add([]byte(ucsBigipConf))
	f.Add(GenerateBench(2))
	if dir, ok := shared.Find("corpus"); ok {
		matches, _ := filepath.Glob(filepath.Join(dir, "bigip", "*", "*.conf"))
		for _, m := range matches {
			if src, err := os.ReadFile(m); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Parse("fuzz.conf", src)
		check := func(what string, p Pos) {
			if !p.IsValid() {
				return
			}
			if p.Offset < 0 || p.End < p.Offset || int(p.End) > len(src) {
				t.Fatalf("%s: Pos %+v outside the input (%d bytes)", what, p, len(src))
			}
			if line, col := file.LineCol(int(p.Offset)); line != int(p.Line) || col != int(p.Col) {
				t.Fatalf("%s: Pos %+v but LineCol(%d) = %d:%d", what, p, p.Offset, line, col)
			}
		}
		var checkBlock func(b *Block, depth int)
		checkBlock = func(b *Block, depth int) {
			if b == nil {
				return
			}
			if depth > maxDepth+2 {
				t.Fatalf("block depth %d beyond the limit", depth)
			}
			check("block", b.Pos)
			for _, p := range b.Props {
				check("prop", p.Pos)
				check("key", p.KeyPos())
				for _, v := range p.Values {
					check("value", v.Pos)
				}
				checkBlock(p.Block, depth+1)
			}
		}
		last := -1
		for _, o := range file.Objects {
			check("object", o.Pos)
			check("name", o.NamePos)
			if int(o.Pos.Offset) <= last {
				t.Fatalf("objects out of order at %+v", o.Pos)
			}
			last = int(o.Pos.Offset)
			if o.Body() == nil {
				t.Fatalf("%s has a nil Body", o)
			}
			checkBlock(o.Body(), 0)
			if o.Raw != nil {
				check("raw", o.Raw.Pos)
				if string(src[o.Raw.Pos.Offset:o.Raw.Pos.End]) != o.Raw.Text {
					t.Fatalf("raw text differs from its span")
				}
			}
		}
		for _, e := range append(file.Errors, file.Warnings...) {
			check("error", e.Pos)
			if e.Msg == "" {
				t.Fatalf("error without a message")
			}
		}
		for _, c := range file.Comments {
			check("comment", c.Pos)
		}
		checkLazy(t, file, src)
		Detect(src)
		if d, err := ParseDestination(string(src)); err == nil {
			if _, err := ParseDestination(d.String()); err != nil {
				t.Fatalf("ParseDestination(%q).String() = %q does not parse: %v", src, d.String(), err)
			}
		}
	})
}

// FuzzLoadModel checks that mapping any input into the model neither
// panics nor produces a loader finding without a position, and that every
// position it records lies inside its source.
func FuzzLoadModel(f *testing.F) {
	f.Add([]byte(virtualSrc))
	f.Add([]byte(iruleSrc))
	f.Add(GenerateBench(2))
	f.Add([]byte(vsHeader + "ltm profile client-ssl /Common/app_clientssl {\n    defaults-from /Common/app_clientssl\n    cipher-group /Common/g\n}\nltm cipher group /Common/g {\n    allow {\n        /Common/r\n    }\n}\n"))
	for _, name := range []string{"config/bigip.conf", "config/partitions/Prod/bigip.conf", "config/partitions/Legacy/bigip.conf"} {
		if src, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "bigip", "multi-partition", filepath.FromSlash(name))); err == nil {
			f.Add(src)
		}
	}
	// the fixture as a UCS: configuration and filestore in a gzip'd tar
	if src, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "bigip", "multi-partition.ucs")); err == nil {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m := lint.NewModel()
		if err := LoadModelBytes(m, "fuzz.conf", src, nil); err != nil {
			if !IsArchive(src) {
				t.Fatalf("text input gave an error: %v", err)
			}
			return
		}
		inside := func(what string, p lint.Pos) {
			if !p.IsValid() {
				return
			}
			s := m.Source(p.File)
			if s == nil || p.Offset < 0 || p.End < p.Offset || int(p.End) > len(s.Data) {
				t.Fatalf("%s: %+v outside its source", what, p)
			}
		}
		for _, fd := range m.Findings {
			if !fd.Pos.IsValid() || fd.Message == "" {
				t.Fatalf("finding %+v without a position or message", fd)
			}
			inside("finding", fd.Pos)
		}
		for _, l := range m.Listeners {
			inside("listener", l.Pos)
			for _, b := range l.Binds {
				inside("bind", b.Pos)
				inside("port", b.PortPos)
			}
			if l.Policy != nil {
				inside("protocols", l.Policy.Protocols.Pos)
				for _, c := range l.Policy.Protocols.Chain() {
					inside("chain", c)
				}
			}
		}
		for _, u := range m.Upstreams {
			inside("upstream", u.Pos)
			for _, e := range u.Targets {
				inside("target", e.Pos)
				inside("target port", e.PortPos)
			}
		}
		m.BuildSockets()
	})
}
