package bigip

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

// TestBuiltinTableMatchesProfileBase checks the embedded built-in profiles
// of 15.1 against the profile_base.conf of a 15.1.8.2 device in the
// corpus: every attribute both have must agree, and every built-in SSL
// profile of that file must be in the table.
func TestBuiltinTableMatchesProfileBase(t *testing.T) {
	real, err := ParseFile(filepath.Join(corpusDir(t), "bigip", "f5devcentral__f5-corkscrew", "archive1", "config", "profile_base.conf"))
	if err != nil {
		t.Fatal(err)
	}
	table := Parse("(built-in)", builtinSource(lint.ProductVersion{Major: 15, Minor: 1}))
	if len(table.Errors) != 0 {
		t.Fatalf("the table does not parse: %v", table.Errors)
	}
	byName := map[string]*Object{}
	for _, o := range table.Objects {
		byName[o.FullName] = o
	}
	checked := 0
	for _, ro := range real.Objects {
		if ro.Kind != "ltm profile client-ssl" && ro.Kind != "ltm profile server-ssl" {
			continue
		}
		to := byName[ro.FullName]
		if to == nil {
			t.Errorf("%s is not in the built-in table", ro)
			continue
		}
		if to.Kind != ro.Kind {
			t.Errorf("%s: kind %q in the table", ro, to.Kind)
		}
		for _, tp := range to.Body().Props {
			rp := ro.Prop(tp.Key)
			if rp == nil {
				continue // an attribute profile_base.conf leaves implicit
			}
			checked++
			got, want := propText(to, tp), propText(ro, rp)
			if got != want {
				t.Errorf("%s %s = %q in the table, %q on the device", ro, tp.Key, got, want)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d attributes compared", checked)
	}
}

// propText renders a property comparably: references made absolute, lists
// and nested blocks flattened.
func propText(o *Object, p *Prop) string {
	var words []string
	var walk func(p *Prop)
	walk = func(p *Prop) {
		for _, v := range p.Values {
			words = append(words, NormalizeName(v.Text, o.BaseFolder))
		}
		if p.Block != nil {
			for _, q := range p.Block.Props {
				if q.Key == "passphrase" {
					continue
				}
				words = append(words, q.Key)
				walk(q)
			}
		}
	}
	walk(p)
	return strings.Join(words, " ")
}

func TestBuiltinVersions(t *testing.T) {
	for _, v := range []string{"11.6", "12.1", "13.1", "14.1", "15.1", "16.1", "17.1", "21.0"} {
		pv, _ := lint.ParseProductVersion(v)
		f := Parse("(built-in)", builtinSource(pv))
		if len(f.Errors) != 0 || len(f.Warnings) != 0 {
			t.Errorf("%s: %v %v", v, f.Errors, f.Warnings)
		}
		seen := map[string]bool{}
		for _, o := range f.Objects {
			if seen[o.FullName] {
				t.Errorf("%s: %s twice", v, o.FullName)
			}
			seen[o.FullName] = true
			keys := map[string]bool{}
			for _, p := range o.Body().Props {
				if keys[p.Key] {
					t.Errorf("%s: %s writes %s twice", v, o.FullName, p.Key)
				}
				keys[p.Key] = true
			}
		}
		if !seen["/Common/clientssl"] || !seen["/Common/serverssl"] {
			t.Errorf("%s: no root profiles", v)
		}
	}
}
