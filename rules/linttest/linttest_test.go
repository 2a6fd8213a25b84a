package linttest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

func TestParseExpectations(t *testing.T) {
	got, err := parseExpectations(`TL101 "wrong version number" TL211 TL202 "say \"plain\"" "port"`, "a.conf:3")
	if err != nil {
		t.Fatal(err)
	}
	want := []expectation{{rule: "TL101", fragments: []string{"wrong version number"}}, {rule: "TL211"}, {rule: "TL202", fragments: []string{`say "plain"`, "port"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, bad := range []string{`TL101 wrong`, `TL101 ""`, `TL1 "x"`, `TL101 "unterminated`, `TL101"x"`, `TL101 "a""b"`} {
		if _, err := parseExpectations(bad, "a.conf:3"); err == nil || !strings.Contains(err.Error(), "a.conf:3") {
			t.Errorf("%q: error %v, want one naming a.conf:3", bad, err)
		}
	}
}

func TestCheck(t *testing.T) {
	at := func(line int, rule, msg string) lint.Finding {
		return lint.Finding{Rule: rule, Message: msg, Pos: lint.Pos{File: "a.conf", Line: int32(line), Col: 1}}
	}
	fs := []lint.Finding{
		at(3, "TL101", "proxy_pass opens TLS to b:80, a plain-HTTP port; requests fail with \"wrong version number\""),
		at(3, "TL101", "second finding on the line"),
		at(5, "TL211", "ssl on is deprecated"),
		at(7, "TL204", "TLSv1 is enabled"),
	}
	exp := []expectation{
		// the bare ID is listed first but must not take the finding the fragment names
		{file: "a.conf", line: 3, rule: "TL101"},
		{file: "a.conf", line: 3, rule: "TL101", fragments: []string{"wrong version number"}},
		{file: "a.conf", line: 5, rule: "TL211", fragments: []string{"deprecated", "obsolete"}},
		{file: "a.conf", line: 9, rule: "TL101"},
	}
	got := check(fs, exp, "TL101", false)
	want := []string{
		"a.conf:5: unexpected TL211: ssl on is deprecated",
		"a.conf:5: want TL211 \"deprecated\" \"obsolete\", got none\n\ton this line: TL211: ssl on is deprecated",
		"a.conf:7: unexpected TL204: TLSv1 is enabled",
		"a.conf:9: want TL101, got none",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := check(fs[:2], exp[:2], "TL101", true); len(got) != 2 || !strings.Contains(got[0], "ok_ case has a finding") {
		t.Errorf("ok_ case: %q", got)
	}
	// suppressed findings are neither expected nor unexpected
	sup := at(7, "TL204", "x")
	sup.Suppressed = &lint.Suppression{}
	if got := check([]lint.Finding{sup}, nil, "TL204", true); len(got) != 0 {
		t.Errorf("suppressed: %q", got)
	}
}
