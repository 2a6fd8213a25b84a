package bigip

import (
	"strings"
	"testing"
)

func TestScanTCL(t *testing.T) {
	// Each body is what follows "ltm rule x {"; the scan must stop at the
	// '}' marked by the trailing "<END>" (which is removed).
	tests := []struct {
		name string
		body string
	}{
		{"empty", "\n<END>}"},
		{"simple", "\nwhen HTTP_REQUEST { HTTP::redirect https://[HTTP::host][HTTP::uri] }\n<END>}"},
		{"top-level comment with an open brace", "\n# legacy { handler\nwhen HTTP_REQUEST {\n    pool web\n}\n<END>}"},
		{"top-level comment with a close brace", "\n# } closes nothing\nwhen CLIENT_ACCEPTED { TCP::collect }\n<END>}"},
		{"comment continued by a backslash", "\n# a comment \\\n  continued } here\nwhen X { }\n<END>}"},
		{"quoted word with braces at top level", "\nset static::banner \"{ not a block\"\nwhen X { }\n<END>}"},
		{"quoted word with a command substitution", "\nset static::v \"[string map {\\{ x} abc]\"\n<END>}"},
		{"escaped braces inside a body", "\nwhen HTTP_REQUEST {\n    set a \\{\n    set b \\}\n}\n<END>}"},
		{"braces inside quotes inside a braced body are counted, as TCL does", "\nwhen HTTP_REQUEST {\n    if { $x eq \"{\" } { set y \"}\" }\n}\n<END>}"},
		{"close-brace followed by open-brace", "\nwhen HTTP_REQUEST {\n  if { [HTTP::path] ends_with \"*.css\" }{\n    pool css_pool\n  } elseif { 1 }{ pool b }\n}\n<END>}"},
		{"variables in braces", "\nwhen HTTP_REQUEST { log local0. ${my var} }\nproc p {} { return ${x} }\n<END>}"},
		{"semicolons and a trailing signature", "\nwhen X { a; b }; when Y { c }\ndefinition-signature iZGf55ghe/SCmAy8oGgqDG4kibmmFg8ihZSkO7sORsHNA==\n<END>}"},
		{"one line", " when HTTP_REQUEST { pool p } <END>}"},
		{"PROXY protocol emitter", "\nwhen CLIENT_ACCEPTED {\n    set proxyheader \"PROXY TCP[IP::version] [IP::remote_addr] [IP::local_addr] [TCP::remote_port] [TCP::local_port]\\r\\n\"\n}\nwhen SERVER_CONNECTED {\n    TCP::respond $proxyheader\n}\n<END>}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.Index(tt.body, "<END>")
			src := strings.Replace(tt.body, "<END>", "", 1) + "\nltm pool /Common/after { }\n"
			end, ok := scanTCL([]byte(src), 0)
			if !ok || end != want {
				t.Errorf("scanTCL = %d, %v; want %d (%q)", end, ok, want, src[:min(end+1, len(src))])
			}
		})
	}
	for _, body := range []string{"\nwhen X {\n", "\nset a \"open", "\nset a [cmd", "\nwhen X { \\"} {
		if end, ok := scanTCL([]byte(body), 0); ok {
			t.Errorf("scanTCL(%q) = %d, true; want not ok", body, end)
		}
	}
	// Deep command substitution does not exhaust the stack.
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "}"
	if _, ok := scanTCL([]byte(deep), 0); ok {
		t.Errorf("scanTCL accepted 10000 nested substitutions")
	}
}

const iruleSrc = `#TMSH-VERSION: 17.1.1
ltm rule /Common/proxy_v2 {
# Emits a PROXY protocol header; braces in comments { are fine here
when CLIENT_ACCEPTED {
    set proxyheader "PROXY TCP[IP::version] [IP::remote_addr] [IP::local_addr] [TCP::remote_port] [TCP::local_port]\r\n"
}
when SERVER_CONNECTED {
    TCP::respond $proxyheader
}
}
ltm rule /Common/_sys_https_redirect {
    when HTTP_REQUEST {
       HTTP::redirect https://[getfield [HTTP::host] ":" 1][HTTP::uri]
    }
definition-signature tJY87UPbfpgQ3TPXqXhbCAgqIJhR1MvyFxXLTX/wNqmH+XV51tNkr8HWmv4PBq8hm6w7peLK==
}
ltm rule /Common/empty {

}
ltm virtual /Common/vs {
    rules {
        /Common/proxy_v2
    }
}
`

func TestIRules(t *testing.T) {
	f := parseOK(t, iruleSrc)
	if len(f.Objects) != 4 {
		t.Fatalf("got %d objects, want 4", len(f.Objects))
	}
	r := findObj(t, f, "ltm rule", "/Common/proxy_v2")
	if r.Raw == nil {
		t.Fatal("iRule has no Raw body")
	}
	if !strings.HasPrefix(r.Raw.Text, "\n# Emits a PROXY") || !strings.HasSuffix(r.Raw.Text, "TCP::respond $proxyheader\n}\n") {
		t.Errorf("Raw = %q", r.Raw.Text)
	}
	if f.Text(r.Raw.Pos) != r.Raw.Text || r.Raw.Pos.Line != 2 || r.Raw.Pos.Col != 28 {
		t.Errorf("Raw Pos = %+v", r.Raw.Pos)
	}
	if len(r.Body().Props) != 0 || r.Body().Pos.Line != 2 {
		t.Errorf("raw object body = %+v", r.Body())
	}
	if got := f.Text(r.Pos); !strings.HasPrefix(got, "ltm rule /Common/proxy_v2 {") || !strings.HasSuffix(got, "}\n}") {
		t.Errorf("object text = %q", got)
	}
	// Locating a command inside the body gives a file position.
	i := strings.Index(r.Raw.Text, "TCP::respond")
	line, col := f.LineCol(int(r.Raw.Pos.Offset) + i)
	if line != 8 || col != 5 {
		t.Errorf("TCP::respond at %d:%d, want 8:5", line, col)
	}
	sys := findObj(t, f, "ltm rule", "/Common/_sys_https_redirect")
	if !strings.Contains(sys.Raw.Text, "definition-signature") {
		t.Errorf("signature line lost: %q", sys.Raw.Text)
	}
	if e := findObj(t, f, "ltm rule", "/Common/empty"); e.Raw.Text != "\n\n" {
		t.Errorf("empty rule Raw = %q", e.Raw.Text)
	}
	vs := findObj(t, f, "ltm virtual", "/Common/vs")
	if got := vs.Prop("rules").Block.Strings(); len(got) != 1 || got[0] != "/Common/proxy_v2" {
		t.Errorf("rules after the iRules = %q", got)
	}
}

func TestScriptObjects(t *testing.T) {
	src := `cli script /Common/show_ssl {
proc script::run {} {
    foreach {name} [tmsh::get_config ltm profile client-ssl] { puts $name }
}
}
sys icall script /Common/rotate {
    app-service none
    definition {
        set x "}"
    }
}
gtm rule /Common/geo {
    when DNS_REQUEST { if { [whereis [IP::client_addr] continent] eq "EU" } { pool eu } }
}
pem irule /Common/sub {
when PEM_POLICY { }
}
sys application template /Common/f5.custom {
    actions {
        definition {
            html-help {
                <p>Help { text }</p>
            }
            implementation {
                tmsh::create ltm virtual ...
            }
        }
    }
    description "custom template"
}
ltm node /Common/n { address 10.0.0.1 }
`
	f := Parse("bigip.conf", []byte(src))
	// In the icall script, the quoted "}" inside a braced word closes the
	// word, as TCL reads it, and leaves a quote open: the parser recovers
	// from the layout and warns.
	if len(f.Errors) != 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	var kinds []string
	for _, o := range f.Objects {
		kinds = append(kinds, o.Kind)
		if o.Kind != "ltm node" && o.Raw == nil {
			t.Errorf("%s has no Raw body", o)
		}
	}
	want := []string{"cli script", "sys icall script", "gtm rule", "pem irule", "sys application template", "ltm node"}
	if strings.Join(kinds, ",") != strings.Join(want, ",") {
		t.Errorf("kinds = %q, want %q", kinds, want)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Error(), "TCL body of sys icall script /Common/rotate has an unclosed brace or quote") {
		t.Errorf("warnings = %v", f.Warnings)
	}
}

func TestIRuleRecovery(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		warnings []string
		errors   []string
		after    string // an object parsed after the rule
	}{
		{
			name: "comment with an unbalanced brace inside an event body",
			src: `ltm rule /Common/bad_comment {
when HTTP_REQUEST {
    # old code: if { $a } {
    pool web
}
}
ltm pool /Common/web { }
`,
			warnings: []string{"1:10: the TCL body of ltm rule /Common/bad_comment has an unclosed brace or quote (BIG-IP rejects such a script); its end was taken at the '}' on line 6"},
			after:    "/Common/web",
		},
		{
			name: "extra closing brace in an event body",
			src: `ltm rule /Common/extra {
when HTTP_REQUEST {
    # stray }
    pool web
}
}
ltm pool /Common/web { }
`,
			warnings: []string{"1:10: the braces in the TCL body of ltm rule /Common/extra do not balance as TCL reads them (BIG-IP rejects such a script); its end was taken at the '}' on line 6"},
			after:    "/Common/web",
		},
		{
			name: "unclosed rule at the end of the file",
			src: `ltm pool /Common/web { }
ltm rule /Common/open {
when HTTP_REQUEST {
    pool web
`,
			errors: []string{"5:1: expected '}' to close ltm rule /Common/open opened at line 2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("bigip.conf", []byte(tt.src))
			check := func(kind string, got []*Error, want []string) {
				if len(got) != len(want) {
					t.Errorf("%s = %v, want %q", kind, got, want)
					return
				}
				for i := range want {
					if !strings.Contains(got[i].Error(), want[i]) {
						t.Errorf("%s %d = %q, want %q", kind, i, got[i], want[i])
					}
				}
			}
			check("warnings", f.Warnings, tt.warnings)
			check("errors", f.Errors, tt.errors)
			if tt.after != "" {
				findObj(t, f, "ltm pool", tt.after)
			}
			for _, o := range f.Objects {
				if o.Kind == "ltm rule" && o.Raw == nil {
					t.Errorf("%s lost its body", o)
				}
			}
		})
	}
}
