package bigip

import (
	"reflect"
	"strings"
	"testing"
)

// parseOK parses src and fails the test on any syntax error or warning.
func parseOK(t *testing.T, src string) *File {
	t.Helper()
	f := Parse("bigip.conf", []byte(src))
	for _, e := range f.Errors {
		t.Errorf("unexpected error: %v", e)
	}
	for _, e := range f.Warnings {
		t.Errorf("unexpected warning: %v", e)
	}
	return f
}

func findObj(t *testing.T, f *File, kind, name string) *Object {
	t.Helper()
	for _, o := range f.Objects {
		if o.Kind == kind && o.Name == name {
			return o
		}
	}
	t.Fatalf("no %s %s among %d objects", kind, name, len(f.Objects))
	return nil
}

// at returns the Pos of the n-th (0-based) occurrence of sub in src, on the
// assumption that it is one token.
func at(t *testing.T, src, sub string, n int) Pos {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(src[off+1:], sub)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", sub, n+1)
		}
		off += 1 + j
	}
	line := strings.Count(src[:off], "\n") + 1
	col := off - (strings.LastIndex(src[:off], "\n") + 1) + 1
	return Pos{Offset: int32(off), End: int32(off + len(sub)), Line: int32(line), Col: int32(col)}
}

const virtualSrc = `#TMSH-VERSION: 17.1.1

ltm virtual /Common/vs_app {
    description "public \"app\" VIP"
    destination /Common/10.1.20.30%2:443
    ip-protocol tcp
    pool /Common/app_pool
    profiles {
        /Common/app_clientssl {
            context clientside
        }
        /Common/http { }
        /Common/tcp { }
    }
    rules {
        /Common/proxy_v2
        /Common/hsts
    }
    vlans-enabled
    vlans {
        /Common/external
    }
}
`

func TestParseVirtualPositions(t *testing.T) {
	f := parseOK(t, virtualSrc)
	if f.Version != "17.1.1" || f.VersionPos.Line != 1 {
		t.Errorf("Version = %q at %v, want 17.1.1 at line 1", f.Version, f.VersionPos)
	}
	if len(f.Objects) != 1 {
		t.Fatalf("got %d objects, want 1", len(f.Objects))
	}
	vs := f.Objects[0]
	if vs.Module != "ltm" || !reflect.DeepEqual(vs.Types, []string{"virtual"}) || vs.Kind != "ltm virtual" {
		t.Errorf("module/types/kind = %q %q %q", vs.Module, vs.Types, vs.Kind)
	}
	if vs.Name != "/Common/vs_app" || vs.FullName != "/Common/vs_app" || vs.Partition != "Common" {
		t.Errorf("name = %q full %q partition %q", vs.Name, vs.FullName, vs.Partition)
	}
	if want := at(t, virtualSrc, "/Common/vs_app", 0); vs.NamePos != want {
		t.Errorf("NamePos = %+v, want %+v", vs.NamePos, want)
	}
	objStart := at(t, virtualSrc, "ltm virtual", 0)
	if vs.Pos.Offset != objStart.Offset || vs.Pos.Line != 3 || vs.Pos.Col != 1 || int(vs.Pos.End) != len(virtualSrc)-1 {
		t.Errorf("object Pos = %+v, want from %d (3:1) to %d", vs.Pos, objStart.Offset, len(virtualSrc)-1)
	}
	if got := f.Text(vs.Pos); !strings.HasPrefix(got, "ltm virtual") || !strings.HasSuffix(got, "\n}") {
		t.Errorf("object text = %q", got)
	}

	dest := vs.Prop("destination")
	if dest == nil || dest.Value() != "/Common/10.1.20.30%2:443" {
		t.Fatalf("destination = %+v", dest)
	}
	if want := at(t, virtualSrc, "destination", 0); dest.KeyPos() != want {
		t.Errorf("destination KeyPos = %+v, want %+v", dest.KeyPos(), want)
	}
	if want := at(t, virtualSrc, "/Common/10.1.20.30%2:443", 0); dest.Values[0].Pos != want || dest.Values[0].Pos.Line != 5 || dest.Values[0].Pos.Col != 17 {
		t.Errorf("destination value Pos = %+v, want %+v (5:17)", dest.Values[0].Pos, want)
	}

	desc := vs.Prop("description")
	if desc.Value() != `public "app" VIP` || !desc.Values[0].Quoted {
		t.Errorf("description = %q quoted=%v", desc.Value(), desc.Values[0].Quoted)
	}
	if got := f.Text(desc.Values[0].Pos); got != `"public \"app\" VIP"` {
		t.Errorf("description source = %q", got)
	}

	if got := vs.Get("profiles", "/Common/app_clientssl", "context"); got.Value() != "clientside" {
		t.Errorf("profiles/app_clientssl/context = %q", got.Value())
	}
	if got, _ := vs.Value("profiles", "/Common/app_clientssl", "context"); got != "clientside" {
		t.Errorf("Value(profiles…context) = %q", got)
	}
	profiles := vs.Prop("profiles").Block
	if got := profiles.Strings(); !reflect.DeepEqual(got, []string{"/Common/app_clientssl", "/Common/http", "/Common/tcp"}) {
		t.Errorf("profiles list = %q", got)
	}
	if want := at(t, virtualSrc, "{\n        /Common/app_clientssl", 0); profiles.Pos.Offset != want.Offset || profiles.Pos.Line != 8 {
		t.Errorf("profiles block Pos = %+v, want offset %d line 8", profiles.Pos, want.Offset)
	}
	if src := f.Text(profiles.Pos); !strings.HasPrefix(src, "{") || !strings.HasSuffix(src, "}") {
		t.Errorf("profiles block text = %q", src)
	}
	if got := vs.Prop("rules").Block.Strings(); !reflect.DeepEqual(got, []string{"/Common/proxy_v2", "/Common/hsts"}) {
		t.Errorf("rules = %q", got)
	}
	flag := vs.Prop("vlans-enabled")
	if flag == nil || len(flag.Values) != 0 || flag.Block != nil {
		t.Errorf("vlans-enabled = %+v, want a flag", flag)
	}
	if vs.Get("profiles", "/Common/http", "context") != nil {
		t.Errorf("Get through an empty block found something")
	}
	if vs.Get("destination", "x") != nil || vs.Get() != nil || vs.Prop("nope") != nil {
		t.Errorf("Get of missing paths should be nil")
	}
}

func TestParseSyntax(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, f *File)
	}{
		{
			name: "one-line objects and empty blocks",
			src: "ltm node /Common/n1 { address 10.0.0.1 }\n" +
				"ltm pool /Common/empty { }\n" +
				"net routing profile bgp bgp {}\n" +
				"ltm profile dns-acceleration dns-acceleration {\n}\n",
			check: func(t *testing.T, f *File) {
				if len(f.Objects) != 4 {
					t.Fatalf("got %d objects", len(f.Objects))
				}
				n := f.Objects[0]
				if v, _ := n.Value("address"); v != "10.0.0.1" || int(n.Pos.End) != len("ltm node /Common/n1 { address 10.0.0.1 }") {
					t.Errorf("node address %q, Pos %+v", v, n.Pos)
				}
				for _, o := range f.Objects[1:] {
					if len(o.Body().Props) != 0 {
						t.Errorf("%s: body has %d props", o, len(o.Body().Props))
					}
				}
				bgp := f.Objects[2]
				if bgp.Kind != "net routing profile bgp" || bgp.Name != "bgp" {
					t.Errorf("bgp: kind %q name %q", bgp.Kind, bgp.Name)
				}
			},
		},
		{
			name: "lists on one line and flags",
			src: `ltm profile client-ssl /Common/cssl {
    options { dont-insert-empty-fragments no-tlsv1.3 no-tlsv1 }
    cert-extension-includes { basic-constraints subject-alternative-name }
    accept-languages { en }
    mode enabled
}
`,
			check: func(t *testing.T, f *File) {
				o := f.Objects[0]
				opts := o.Prop("options").Block
				if got := opts.Strings(); !reflect.DeepEqual(got, []string{"dont-insert-empty-fragments", "no-tlsv1.3", "no-tlsv1"}) {
					t.Errorf("options = %q", got)
				}
				if !opts.Has("no-tlsv1") || opts.Has("no-tlsv1.1") {
					t.Errorf("Has wrong")
				}
				l := opts.List()
				if l[1].Pos.Line != 2 || l[1].Pos.Col != 43 {
					t.Errorf("no-tlsv1.3 at %v, want 2:43", l[1].Pos)
				}
				if got := o.Prop("accept-languages").Block.Strings(); !reflect.DeepEqual(got, []string{"en"}) {
					t.Errorf("accept-languages = %q", got)
				}
			},
		},
		{
			name: "quoted strings: escapes, multi-line, braces, backslash sequences kept",
			src: `ltm monitor https /Common/mon {
    send "GET /health HTTP/1.1\r\nHost: app.example.com\r\n\r\n"
    recv "200 OK"
    description "say \"hi\" \? {not a block}"
    headers "Cache-Control: no-store
Pragma: no-cache"
    empty ""
}
`,
			check: func(t *testing.T, f *File) {
				o := f.Objects[0]
				if v, _ := o.Value("send"); v != `GET /health HTTP/1.1\r\nHost: app.example.com\r\n\r\n` {
					t.Errorf("send = %q", v)
				}
				if v, _ := o.Value("description"); v != `say "hi" ? {not a block}` {
					t.Errorf("description = %q", v)
				}
				h := o.Prop("headers")
				if h.Value() != "Cache-Control: no-store\nPragma: no-cache" || h.Values[0].Pos.Line != 5 || h.Values[0].Pos.Col != 13 {
					t.Errorf("headers = %q at %v", h.Value(), h.Values[0].Pos)
				}
				e := o.Prop("empty")
				if e == nil || len(e.Values) != 1 || e.Value() != "" || !e.Values[0].Quoted {
					t.Errorf("empty = %+v", e)
				}
				// The property after a multi-line string is on the right line.
				if e.KeyPos().Line != 7 {
					t.Errorf("empty key line = %d, want 7", e.KeyPos().Line)
				}
			},
		},
		{
			name: "quoted object name",
			src:  "ltm pool \"/Common/my pool\" {\n    description \"spaces in names\"\n}\n",
			check: func(t *testing.T, f *File) {
				o := f.Objects[0]
				if o.Name != "/Common/my pool" || o.FullName != "/Common/my pool" || !o.Header[2].Quoted {
					t.Errorf("name %q full %q header %+v", o.Name, o.FullName, o.Header)
				}
				if o.NamePos.Col != 10 || int(o.NamePos.End-o.NamePos.Offset) != len(`"/Common/my pool"`) {
					t.Errorf("NamePos = %+v", o.NamePos)
				}
			},
		},
		{
			name: "comments at top level and inside blocks",
			src: `#TMSH-VERSION: 15.1.8.2
# a comment with { an open brace
ltm pool /Common/p1 {
    # members below }
    members {
        /Common/10.0.0.1:80 {
            address 10.0.0.1
        }
    }
}
`,
			check: func(t *testing.T, f *File) {
				if len(f.Objects) != 1 || len(f.Comments) != 3 {
					t.Fatalf("objects %d comments %d", len(f.Objects), len(f.Comments))
				}
				if c := f.Comments[2]; c.Text != "# members below }" || c.Pos.Line != 4 || c.Pos.Col != 5 {
					t.Errorf("comment = %+v", c)
				}
				if got := f.Objects[0].Prop("members").Block.Strings(); !reflect.DeepEqual(got, []string{"/Common/10.0.0.1:80"}) {
					t.Errorf("members = %q", got)
				}
			},
		},
		{
			name: "tmsh list output with relative names",
			src: `ltm pool p1 {
    members {
        10.0.3.201:webcache {
            address 10.0.3.201
        }
    }
    monitor http
}
ltm profile client-ssl cssl {
    defaults-from clientssl
}
ltm virtual vs {
    destination 10.0.2.50:https
    pool p1
}
`,
			check: func(t *testing.T, f *File) {
				p := findObj(t, f, "ltm pool", "p1")
				if p.FullName != "/Common/p1" || p.Partition != "Common" || p.BaseFolder != "/Common" {
					t.Errorf("pool full %q partition %q base %q", p.FullName, p.Partition, p.BaseFolder)
				}
				c := findObj(t, f, "ltm profile client-ssl", "cssl")
				if !reflect.DeepEqual(c.Types, []string{"profile", "client-ssl"}) || c.Ref("defaults-from") != "/Common/clientssl" {
					t.Errorf("types %q defaults-from %q", c.Types, c.Ref("defaults-from"))
				}
				vs := findObj(t, f, "ltm virtual", "vs")
				if vs.Ref("pool") != "/Common/p1" || vs.Ref("nope") != "" {
					t.Errorf("pool ref %q", vs.Ref("pool"))
				}
			},
		},
		{
			name: "singletons, name-less and folder-less objects, unknown modules",
			src: `sys global-settings {
    hostname bigip1.example.com
}
auth remote-user {
    default-role no-access
}
sys provision ltm {
    level nominal
}
net interface 1.1 {
    media-fixed 10000T-FD
}
sys management-ip 192.0.2.10/24 {
    description configured-statically
}
sys folder / {
    hidden false
}
sys software update {
    auto-check enabled
}
frobnicate widget gizmo /Common/thing {
    knob 11
}
ltm data-group internal /Common/hosts {
    records {
        "www example" {
            data "pool a"
        }
    }
    type string
}
`,
			check: func(t *testing.T, f *File) {
				want := []struct{ kind, name, full, part string }{
					{"sys global-settings", "", "", ""},
					{"auth remote-user", "", "", ""},
					{"sys provision", "ltm", "ltm", ""},
					{"net interface", "1.1", "1.1", ""},
					{"sys management-ip", "192.0.2.10/24", "192.0.2.10/24", ""},
					{"sys folder", "/", "/", ""},
					{"sys software update", "", "", ""},
					{"frobnicate widget gizmo", "/Common/thing", "/Common/thing", "Common"},
					{"ltm data-group internal", "/Common/hosts", "/Common/hosts", "Common"},
				}
				if len(f.Objects) != len(want) {
					t.Fatalf("got %d objects, want %d", len(f.Objects), len(want))
				}
				for i, w := range want {
					o := f.Objects[i]
					if o.Kind != w.kind || o.Name != w.name || o.FullName != w.full || o.Partition != w.part {
						t.Errorf("object %d = %q %q %q %q, want %+v", i, o.Kind, o.Name, o.FullName, o.Partition, w)
					}
				}
				if v, _ := f.Objects[7].Value("knob"); v != "11" {
					t.Errorf("unknown object body not kept: knob = %q", v)
				}
				rec := f.Objects[8].Get("records", "www example")
				if rec == nil || !rec.KeyQuoted || rec.Block.Find("data").Value() != "pool a" {
					t.Errorf("data-group record = %+v", rec)
				}
			},
		},
		{
			name: "anonymous blocks and monitor expressions",
			src: `apm policy policy-item /Common/ent {
    rules {
        {
            caption Successful
            expression "expr {[mcget {session.logon.last.result}] == 1}"
        }
        {
            caption fallback
        }
    }
}
ltm pool /Common/p {
    monitor min 1 of { /Common/http /Common/tcp }
}
`,
			check: func(t *testing.T, f *File) {
				rules := f.Objects[0].Prop("rules").Block
				if len(rules.Props) != 2 || !rules.Props[0].Anonymous() || rules.Props[0].Block.Find("caption").Value() != "Successful" {
					t.Fatalf("rules = %+v", rules.Props)
				}
				if rules.List() != nil {
					t.Errorf("List of anonymous blocks = %v, want none", rules.List())
				}
				if v, _ := rules.Props[0].Block.Value("expression"); v != "expr {[mcget {session.logon.last.result}] == 1}" {
					t.Errorf("expression = %q", v)
				}
				m := f.Objects[1].Prop("monitor")
				if m.Text() != "min 1 of" || !reflect.DeepEqual(m.Block.Strings(), []string{"/Common/http", "/Common/tcp"}) {
					t.Errorf("monitor = %q %q", m.Text(), m.Block.Strings())
				}
			},
		},
		{
			name: "SCF partitions switch the folder of relative names",
			src: `cli admin-partitions {
    update-partition Tenant_A
}
ltm pool web_pool {
    members {
        10.1.1.1:80 {
            address 10.1.1.1
        }
    }
}
ltm virtual /Tenant_A/app/vs {
    pool web_pool
}
cli admin-partitions {
    update-partition Common
}
ltm pool shared_pool { }
`,
			check: func(t *testing.T, f *File) {
				p := findObj(t, f, "ltm pool", "web_pool")
				if p.FullName != "/Tenant_A/web_pool" || p.Partition != "Tenant_A" || p.BaseFolder != "/Tenant_A" {
					t.Errorf("web_pool: full %q partition %q base %q", p.FullName, p.Partition, p.BaseFolder)
				}
				vs := findObj(t, f, "ltm virtual", "/Tenant_A/app/vs")
				if vs.Ref("pool") != "/Tenant_A/web_pool" {
					t.Errorf("vs pool ref = %q", vs.Ref("pool"))
				}
				if s := findObj(t, f, "ltm pool", "shared_pool"); s.FullName != "/Common/shared_pool" {
					t.Errorf("shared_pool full = %q", s.FullName)
				}
			},
		},
		{
			name: "CRLF line endings and a byte order mark",
			src:  "\xef\xbb\xbf#TMSH-VERSION: 16.1.3\r\nltm node /Common/n {\r\n    address 10.0.0.9\r\n}\r\nltm pool /Common/p {\r\n    monitor /Common/tcp\r\n}\r\n",
			check: func(t *testing.T, f *File) {
				if f.Version != "16.1.3" || len(f.Objects) != 2 {
					t.Fatalf("version %q objects %d", f.Version, len(f.Objects))
				}
				a := f.Objects[0].Prop("address")
				if a.Value() != "10.0.0.9" || a.KeyPos().Line != 3 || a.KeyPos().Col != 5 {
					t.Errorf("address %q at %v", a.Value(), a.KeyPos())
				}
				if p := f.Objects[1]; p.Pos.Line != 5 || p.Pos.Col != 1 {
					t.Errorf("second object at %v", p.Pos)
				}
			},
		},
		{
			name: "values with route domains, IPv6, wildcards, colons and HTML",
			src: `ltm virtual /Common/v6 {
    destination /Common/2001:db8::10.443
    source ::/0
    mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
}
ltm monitor tcp-half-open /Common/m {
    destination *:*
}
net self-allow {
    defaults {
        igmp:0
        tcp:443
    }
}
security bot-defense profile /Common/bot {
    honeypot-page {
        body <html><head><title></title></head><body></body></html>
    }
}
`,
			check: func(t *testing.T, f *File) {
				if v, _ := f.Objects[0].Value("destination"); v != "/Common/2001:db8::10.443" {
					t.Errorf("destination = %q", v)
				}
				if v, _ := f.Objects[1].Value("destination"); v != "*:*" {
					t.Errorf("monitor destination = %q", v)
				}
				if got := f.Objects[2].Prop("defaults").Block.Strings(); !reflect.DeepEqual(got, []string{"igmp:0", "tcp:443"}) {
					t.Errorf("self-allow defaults = %q", got)
				}
				if v, _ := f.Objects[3].Value("honeypot-page", "body"); v != "<html><head><title></title></head><body></body></html>" {
					t.Errorf("body = %q", v)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, parseOK(t, tt.src))
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// errs are the expected messages, each "line:col: message" or a
		// prefix of it.
		errs []string
		// objects are the kinds and names parsed despite the errors.
		objects []string
		// incomplete lists the objects whose body is incomplete.
		incomplete []string
	}{
		{
			name: "missing '}' before the next object",
			src: `ltm virtual /Common/vs {
    destination /Common/10.0.0.1:443
    profiles {
        /Common/http { }
    }
ltm pool /Common/p {
    monitor /Common/http
}
`,
			errs:       []string{"6:1: expected '}' to close ltm virtual /Common/vs opened at line 1 before the next object"},
			objects:    []string{"ltm virtual /Common/vs", "ltm pool /Common/p"},
			incomplete: []string{"ltm virtual /Common/vs"},
		},
		{
			name: "missing '}' of a nested block before the next object",
			src: `ltm virtual /Common/vs {
    profiles {
        /Common/http { }
}
ltm pool /Common/p { }
`,
			errs:    []string{`5:1: expected '}' to close ltm virtual /Common/vs opened at line 1 before the next object`},
			objects: []string{"ltm virtual /Common/vs", "ltm pool /Common/p"},
		},
		{
			name: "missing '}' at the end of the file",
			src: `ltm pool /Common/p { }
ltm virtual /Common/vs {
    profiles {
        /Common/tcp { }
    }
`,
			errs:    []string{"6:1: expected '}' to close ltm virtual /Common/vs opened at line 2"},
			objects: []string{"ltm pool /Common/p", "ltm virtual /Common/vs"},
		},
		{
			name: "unclosed nested block at the end of the file",
			src: `ltm virtual /Common/vs {
    profiles {
        /Common/tcp { }
`,
			errs:       []string{`4:1: expected '}' to close "profiles" opened at line 2 (in ltm virtual /Common/vs)`},
			objects:    []string{"ltm virtual /Common/vs"},
			incomplete: []string{"ltm virtual /Common/vs"},
		},
		{
			name:    "stray closing brace",
			src:     "ltm pool /Common/a { }\n}\nltm pool /Common/b { }\n",
			errs:    []string{"2:1: unexpected '}' outside any object"},
			objects: []string{"ltm pool /Common/a", "ltm pool /Common/b"},
		},
		{
			name: "unterminated quoted string",
			src: `ltm pool /Common/a {
    description "no end
    monitor /Common/http
}
`,
			errs:    []string{`2:17: unterminated quoted string: no closing '"' before the end of the file`},
			objects: []string{"ltm pool /Common/a"},
		},
		{
			name:    "stray quote does not swallow the next object",
			src:     "ltm pool /Common/a {\n    description \"oops\n}\nltm pool /Common/b {\n    description \"fine\"\n}\n",
			errs:    []string{`2:17: unterminated quoted string: no closing '"' before the next object`},
			objects: []string{"ltm pool /Common/a", "ltm pool /Common/b"},
		},
		{
			name:    "header without a body",
			src:     "ltm pool /Common/a\nltm pool /Common/b { }\n",
			errs:    []string{`1:1: expected '{' after "ltm pool /Common/a"`},
			objects: []string{"ltm pool /Common/b"},
		},
		{
			name:    "prose is not an object",
			src:     "\r\n\r\nThis represents a .conf file that does not have the right content",
			errs:    []string{`3:1: expected a tmsh object ("module type name { … }"), found "This represents a .conf file that does not have the right…"`},
			objects: nil,
		},
		{
			name:    "garbage line, then a good object",
			src:     "Hello {\n  world\n}\nltm node /Common/n { address 10.0.0.1 }\n",
			errs:    []string{`1:1: expected a tmsh object`},
			objects: []string{"ltm node /Common/n"},
		},
		{
			name:    "brace without a header",
			src:     "{ address 10.0.0.1 }\nltm node /Common/n { }\n",
			errs:    []string{`1:1: expected an object header (module type name) before '{'`},
			objects: []string{"ltm node /Common/n"},
		},
		{
			name:    "nesting too deep",
			src:     "ltm pool /Common/deep " + strings.Repeat("{ a ", 150) + "\nltm node /Common/n { }\n",
			errs:    []string{"blocks nested more than 100 deep in ltm pool /Common/deep"},
			objects: []string{"ltm pool /Common/deep", "ltm node /Common/n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("bigip.conf", []byte(tt.src))
			if len(f.Errors) != len(tt.errs) {
				t.Errorf("got %d errors, want %d:", len(f.Errors), len(tt.errs))
				for _, e := range f.Errors {
					t.Logf("  %v", e)
				}
			}
			for i := 0; i < min(len(f.Errors), len(tt.errs)); i++ {
				got := f.Errors[i].Error()
				if !strings.Contains(got, tt.errs[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, got, tt.errs[i])
				}
				if !strings.HasPrefix(got, "bigip.conf:") {
					t.Errorf("error %d lacks the file name: %q", i, got)
				}
			}
			if tt.objects != nil || len(f.Objects) > 0 {
				var got []string
				for _, o := range f.Objects {
					got = append(got, o.String())
				}
				if !reflect.DeepEqual(got, tt.objects) {
					t.Errorf("objects = %q, want %q", got, tt.objects)
				}
			}
			for _, name := range tt.incomplete {
				for _, o := range f.Objects {
					if o.String() == name && !o.Incomplete {
						t.Errorf("%s should be Incomplete", name)
					}
				}
			}
		})
	}
}

func TestOneLineOutput(t *testing.T) {
	src := "ltm virtual vs { destination 10.1.10.100:https ip-protocol tcp mask 255.255.255.255 pool web_pool profiles { clientssl { context clientside } http { } } translate-port enabled }\n" +
		"ltm node /Common/n { address 10.0.0.1 }\n" +
		"ltm pool /Common/p { monitor min 1 of { /Common/http } }\n"
	f := Parse("list.txt", []byte(src))
	if len(f.Errors) != 0 || len(f.Objects) != 3 {
		t.Fatalf("errors %v, %d objects", f.Errors, len(f.Objects))
	}
	// The properties run together on one line are split at the names of
	// the properties tlslint reads (oneLineKeys), so nothing is dropped.
	if len(f.Warnings) != 0 {
		t.Errorf("warnings = %v", f.Warnings)
	}
	vs := f.Objects[0]
	for key, want := range map[string]string{"destination": "10.1.10.100:https", "ip-protocol": "tcp", "mask": "255.255.255.255", "pool": "web_pool", "translate-port": "enabled"} {
		if got, _ := vs.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := vs.Prop("profiles").Block.Strings(); strings.Join(got, " ") != "clientssl http" {
		t.Errorf("profiles = %q", got)
	}
	if cs := vs.Prop("profiles").Block.Find("clientssl"); cs == nil || cs.Block.Find("context") == nil {
		t.Errorf("clientssl's context lost")
	}
	if m := f.Objects[2].Prop("monitor"); m == nil || len(m.Values) != 3 || m.Block == nil {
		t.Errorf("monitor min 1 of { … } was split: %+v", m)
	}
	// cert-key-chain entries written on one line, the other miss
	ckc := Parse("ckc.conf", []byte("ltm profile client-ssl /Common/cs {\n    cert-key-chain { a { cert /Common/x.crt key /Common/x.key chain /Common/ca.crt } }\n}\n"))
	a := ckc.Objects[0].Prop("cert-key-chain").Block.Find("a").Block
	for key, want := range map[string]string{"cert": "/Common/x.crt", "key": "/Common/x.key", "chain": "/Common/ca.crt"} {
		if pr := a.Find(key); pr == nil || len(pr.Values) != 1 || pr.Values[0].Text != want || pr.KeyPos().Line != 2 {
			t.Errorf("cert-key-chain %s = %+v, want %q", key, pr, want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ name, folder, want string }{
		{"pool1", "/Common", "/Common/pool1"},
		{"pool1", "", "/Common/pool1"},
		{"/Tenant/app/pool1", "/Common", "/Tenant/app/pool1"},
		{"app/pool1", "/Tenant", "/Tenant/app/pool1"},
		{"pool1", "Tenant", "/Tenant/pool1"},
		{"pool1", "/Tenant/", "/Tenant/pool1"},
		{"", "/Common", ""},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.name, tt.folder); got != tt.want {
			t.Errorf("NormalizeName(%q, %q) = %q, want %q", tt.name, tt.folder, got, tt.want)
		}
	}
	splits := []struct{ full, part, folder, base string }{
		{"/Common/app.app/vs", "Common", "/Common/app.app", "vs"},
		{"/Common/pool1", "Common", "/Common", "pool1"},
		{"/Common", "Common", "/", "Common"},
		{"pool1", "", "", "pool1"},
	}
	for _, s := range splits {
		p, f, b := SplitName(s.full)
		if p != s.part || f != s.folder || b != s.base {
			t.Errorf("SplitName(%q) = %q %q %q, want %q %q %q", s.full, p, f, b, s.part, s.folder, s.base)
		}
	}
}

func TestLineCol(t *testing.T) {
	f := Parse("x.conf", []byte("ltm node /Common/n {\n    address 10.0.0.1\n}\n"))
	for _, tc := range []struct{ off, line, col int }{{0, 1, 1}, {20, 1, 21}, {21, 2, 1}, {25, 2, 5}, {40, 2, 20}, {42, 3, 1}} {
		if l, c := f.LineCol(tc.off); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
	a := f.Objects[0].Prop("address").Values[0].Pos
	if l, c := f.LineCol(int(a.Offset)); l != int(a.Line) || c != int(a.Col) {
		t.Errorf("LineCol disagrees with the lexer: %d:%d vs %v", l, c, a)
	}
}
