package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/tls"
)

// tl206Options mirrors what a rule with options declares: a struct with hcl
// tags that a `rule "TL206" { … }` body decodes into.
type tl206Options struct {
	Allow []string `hcl:"allow,optional"`
	Max   *int     `hcl:"max,optional"`
}

// The package under test only knows rules through the registry; register
// the few it needs, as package rules does from its init functions.
func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{ID: "TL105", Name: "upstream-no-verify", Severity: lint.Warning, Summary: "upstream certificate not verified"}})
	lint.Register(&lint.Rule{
		Meta:    lint.Meta{ID: "TL206", Name: "weak-ciphers", Severity: lint.Warning, Summary: "weak cipher suites enabled"},
		Options: func() any { return &tl206Options{} },
	})
	lint.Register(&lint.Rule{
		Meta:    lint.Meta{ID: "TL299", Name: "broken-options", Severity: lint.Info, Summary: "a rule whose Options func is wrong"},
		Options: func() any { return tl206Options{} },
	})
	lint.Register(&lint.Rule{
		Meta:    lint.Meta{ID: "TL298", Name: "bad-tags", Severity: lint.Info, Summary: "a rule whose options have a bad hcl tag"},
		Options: func() any { return &badTags{} },
	})
}

// badTags has a tag gohcl rejects with a panic.
type badTags struct {
	X string `hcl:"x,nonsense"`
}

func ptr[T any](v T) *T { return &v }

// write puts a config file in a fresh directory and returns its path.
func write(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		check func(t *testing.T, f *File, dir string)
	}{
		{
			name: "empty file",
			text: "# nothing configured yet\n",
			check: func(t *testing.T, f *File, dir string) {
				if f.Clients != nil || f.NginxVersion != "" || f.FailOn != "" || f.ExpiryDays != nil ||
					f.NoSystemRoots != nil || f.RequireCerts != nil || len(f.Rules) != 0 || f.Backends != nil || f.Ignores != nil {
					t.Errorf("empty file decoded to %+v", f)
				}
			},
		},
		{
			name: "environments",
			text: `environment "prod"    { paths = ["envs/prod/nginx.conf"] }
environment "staging" {
  paths        = ["envs/staging/nginx.conf", "/abs/extra.conf"]
  hostname_map = { "App.Staging.example.com" = "app.example.com", ".stg.example.com" = ".example.com" }
  path_map     = { "/etc/nginx" = "envs/staging" }
}
`,
			check: func(t *testing.T, f *File, dir string) {
				if len(f.Environments) != 2 {
					t.Fatalf("environments = %+v", f.Environments)
				}
				p, s := f.Environments[0], f.Environments[1]
				eq(t, "prod name", p.Name, "prod")
				eq(t, "prod paths", p.Paths, []string{filepath.Join(dir, "envs", "prod", "nginx.conf")})
				eq(t, "prod map", p.HostnameMap, map[string]string{})
				eq(t, "staging paths", s.Paths, []string{filepath.Join(dir, "envs", "staging", "nginx.conf"), "/abs/extra.conf"})
				eq(t, "staging map", s.HostnameMap, map[string]string{"app.staging.example.com": "app.example.com", ".stg.example.com": ".example.com"})
				eq(t, "staging path_map", s.PathMap, []Mapping{{From: "/etc/nginx", To: filepath.Join(dir, "envs", "staging")}})
				if s.Pos.Line != 2 {
					t.Errorf("staging pos = %v, want line 2", s.Pos)
				}
			},
		},
		{
			name: "CLI.md example without environments",
			text: `clients        = "intermediate"
nginx_version  = "1.26"
fail_on        = "warning"
roots          = ["ca/internal-root.pem"]
path_map       = { "/etc/nginx" = "deploy/nginx", "/etc/ssl" = "deploy/ssl" }
expiry_days    = 30

rule "TL105" { enabled = false }
rule "TL206" { allow = ["AES128-SHA"] }

backend "legacy.internal:8443" {
  protocols = ["TLSv1.2"]
  ciphers   = "ECDHE-RSA-AES128-GCM-SHA256"
}
`,
			check: func(t *testing.T, f *File, dir string) {
				eq(t, "Clients", f.Clients, []string{"intermediate"})
				eq(t, "NginxVersion", f.NginxVersion, "1.26")
				eq(t, "FailOn", f.FailOn, "warning")
				eq(t, "Roots", f.Roots, []string{filepath.Join(dir, "ca", "internal-root.pem")})
				eq(t, "PathMap", f.PathMap, []Mapping{
					{From: "/etc/nginx", To: filepath.Join(dir, "deploy", "nginx")},
					{From: "/etc/ssl", To: filepath.Join(dir, "deploy", "ssl")},
				})
				eq(t, "ExpiryDays", f.ExpiryDays, ptr(30))
				r105 := f.Rules["TL105"]
				if r105 == nil || r105.Enabled == nil || *r105.Enabled || r105.Severity != nil || r105.Options != nil {
					t.Errorf("TL105 = %+v, want enabled=false only", r105)
				} else if r105.Pos.Line != 8 || r105.Pos.Col != 1 {
					t.Errorf("TL105 pos = %v, want line 8 col 1", r105.Pos)
				}
				r206 := f.Rules["TL206"]
				if r206 == nil {
					t.Fatal("TL206 missing")
				}
				eq(t, "TL206 options", r206.Options, any(&tl206Options{Allow: []string{"AES128-SHA"}}))
				if len(f.Backends) != 1 {
					t.Fatalf("backends = %+v", f.Backends)
				}
				b := f.Backends[0]
				eq(t, "backend", Backend{Address: b.Address, Host: b.Host, Port: b.Port, Protocols: b.Protocols, Ciphers: b.Ciphers},
					Backend{Address: "legacy.internal:8443", Host: "legacy.internal", Port: 8443,
						Protocols: tls.Versions(tls.TLS12), Ciphers: "ECDHE-RSA-AES128-GCM-SHA256"})
				if b.Pos.Line != 11 {
					t.Errorf("backend pos = %v, want line 11", b.Pos)
				}
			},
		},
		{
			name: "clients list, target versions, booleans, severity by rule name",
			text: `clients = ["Android 4.4.2", "Java 8u161"]
openssl_version = "1.1.1@2"
openssl_build = ["legacy-provider", "weak-ciphers"]
bigip_version = "17.1.0.1"
nginx_version = 1.26
fail_on = "WARN"
no_system_roots = true
require_certs = false
rule "upstream-no-verify" { severity = "info" }
rule "TL206" {
  enabled = true
  max     = 3
}
`,
			check: func(t *testing.T, f *File, dir string) {
				eq(t, "Clients", f.Clients, []string{"Android 4.4.2", "Java 8u161"})
				if f.ClientsPos.Line != 1 || f.ClientsPos.Col != 11 {
					t.Errorf("ClientsPos = %v, want 1:11", f.ClientsPos)
				}
				eq(t, "OpenSSLVersion", f.OpenSSLVersion, "1.1.1@2")
				eq(t, "OpenSSLBuild", f.OpenSSLBuild, "weak-ciphers,legacy-provider")
				eq(t, "BigIPVersion", f.BigIPVersion, "17.1.0.1")
				// A bare number is converted to its string form by cty.
				eq(t, "NginxVersion", f.NginxVersion, "1.26")
				eq(t, "FailOn", f.FailOn, "warning")
				eq(t, "NoSystemRoots", f.NoSystemRoots, ptr(true))
				eq(t, "RequireCerts", f.RequireCerts, ptr(false))
				r := f.Rules["TL105"]
				if r == nil || r.ID != "TL105" || r.Severity == nil || *r.Severity != lint.Info || r.Enabled != nil {
					t.Errorf("TL105 by name = %+v", r)
				}
				eq(t, "TL206 options", f.Rules["TL206"].Options, any(&tl206Options{Max: ptr(3)}))
				eq(t, "TL206 enabled", f.Rules["TL206"].Enabled, ptr(true))
			},
		},
		{
			name: "path_map longest prefix first, absolute targets kept",
			text: `path_map = {
  "/etc" = "/srv/etc"
  "/etc/nginx/" = "nginx"
  "/config/filestore" = "../filestore"
}
`,
			check: func(t *testing.T, f *File, dir string) {
				eq(t, "PathMap", f.PathMap, []Mapping{
					{From: "/config/filestore", To: filepath.Join(filepath.Dir(dir), "filestore")},
					{From: "/etc/nginx", To: filepath.Join(dir, "nginx")},
					{From: "/etc", To: "/srv/etc"},
				})
			},
		},
		{
			name: "backends: IPv6, TLS 1.3 suites; ignore blocks",
			text: `backend "[2001:db8::1]:443" {
  protocols    = ["TLSv1.3"]
  ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
}
backend "old.example:8443" { protocols = ["TLSv1", "TLSv1.1"] }

ignore {
  rule    = "TL105"
  subject = "/Common/vs_partner"
  reason  = "partner terminates TLS on the same host"
}
ignore {
  rules   = ["weak-ciphers", "TL105"]
  subject = "server legacy.* > *"
  reason  = "kiosk site, OPS-123"
}
`,
			check: func(t *testing.T, f *File, dir string) {
				if len(f.Backends) != 2 {
					t.Fatalf("backends = %+v", f.Backends)
				}
				b := f.Backends[0]
				if b.Host != "2001:db8::1" || b.Port != 443 || b.Protocols != tls.Versions(tls.TLS13) ||
					b.CipherSuites != "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256" || b.Ciphers != "" {
					t.Errorf("backend 0 = %+v", b)
				}
				if got := f.Backends[1].Protocols; got != tls.Versions(tls.TLS10, tls.TLS11) {
					t.Errorf("backend 1 protocols = %v", got)
				}
				if len(f.Ignores) != 2 {
					t.Fatalf("ignores = %+v", f.Ignores)
				}
				s := f.Ignores[0]
				eq(t, "ignore 0", *s, lint.Suppression{Pos: s.Pos, Rules: []string{"TL105"}, Subject: "/Common/vs_partner",
					Reason: "partner terminates TLS on the same host"})
				if s.Pos.Line != 7 || s.Pos.File == "" {
					t.Errorf("ignore 0 pos = %v, want line 7", s.Pos)
				}
				eq(t, "ignore 1 rules", f.Ignores[1].Rules, []string{"TL206", "TL105"})
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.text)
			f, err := Load(p)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if f.Path != p {
				t.Errorf("Path = %q, want %q", f.Path, p)
			}
			tt.check(t, f, filepath.Dir(p))
		})
	}
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "line:col: substring", one per expected problem, in order
	}{
		{"syntax error", "clients = [\"a\"\nfail_on = \"error\"\n", []string{`2:1: Missing item separator`}},
		{"unknown attribute with suggestion", "fail_onn = \"error\"\n", []string{`1:1: Unsupported argument: An argument named "fail_onn" is not expected here. Did you mean "fail_on"?`}},
		{"unknown block", "check \"x\" {}\n", []string{`1:1: Unsupported block type: Blocks of type "check" are not expected here.`}},
		{"environment unknown attribute", "\nenvironment \"prod\" {\n  paths = [\"p\"]\n  hostnames = {}\n}\n",
			[]string{`4:3: Unsupported argument: An argument named "hostnames" is not expected here; environment takes paths, hostname_map, path_map`}},
		{"environment without paths", "environment \"prod\" {}\n", []string{`1:20: Missing required argument: The argument "paths" is required`}},
		{"environment empty paths", "environment \"prod\" { paths = [] }\n", []string{`1:30: environment "prod": paths is empty`}},
		{"duplicate environment", "environment \"prod\" { paths = [\"a\"] }\nenvironment \"prod\" { paths = [\"b\"] }\n",
			[]string{`2:13: duplicate environment "prod" (first declared at line 1)`}},
		{"environment hostname_map not a map", "environment \"s\" {\n  paths = [\"a\"]\n  hostname_map = \"x\"\n}\n", []string{`3:18: environment "s": hostname_map: expected a map`}},
		{"environment suffix to name", "environment \"s\" {\n  paths = [\"a\"]\n  hostname_map = { \".staging.example.com\" = \"example.com\" }\n}\n",
			[]string{`3:45: environment "s": hostname_map: ".staging.example.com" and "example.com": a suffix`}},
		{"environment path_map relative", "environment \"s\" {\n  paths = [\"a\"]\n  path_map = { \"etc/nginx\" = \"x\" }\n}\n", []string{`3:16: path_map: "etc/nginx" is not an absolute path`}},
		{"duplicate attribute", "fail_on = \"error\"\nfail_on = \"info\"\n", []string{`2:1: Attribute redefined`}},
		{"variables are not allowed", "clients = local.x\n", []string{`1:11: Variables not allowed`}},
		{"clients number", "clients = 3\n", []string{`1:11: clients: got a number: expected a preset name`}},
		{"clients empty list", "clients = []\n", []string{`1:11: clients: empty list`}},
		{"clients list of numbers", "clients = [\"Java 8u161\", 2]\n", []string{`1:11: clients: every element must be a non-empty client name string`}},
		{"bad nginx version", "nginx_version = \"1\"\n", []string{`1:17: nginx_version: invalid version "1": expected MAJOR.MINOR[.PATCH]`}},
		{"bad bigip version", "bigip_version = \"seventeen\"\n", []string{`1:17: bigip_version: invalid version "seventeen"`}},
		{"unknown openssl version", "openssl_version = \"2.0\"\n", []string{`1:19: openssl_version: OpenSSL version "2.0" is not one tlslint knows`}},
		{"empty openssl version", "openssl_version = \"\"\n", []string{`1:19: openssl_version: empty version`}},
		{"unknown openssl build option", "openssl_build = \"weak-ciphers,rc4\"\n", []string{`1:17: openssl_build: OpenSSL build "weak-ciphers,rc4": unknown option "rc4"`}},
		{"openssl build number", "openssl_build = 3\n", []string{`1:17: openssl_build: got a number: expected a string or a list`}},
		{"bad fail_on", "\n\nfail_on = \"fatal\"\n", []string{`3:11: fail_on: invalid severity "fatal": expected error, warning, info or never`}},
		{"expiry_days wrong type", "expiry_days = \"soon\"\n", []string{`1:16: Unsuitable value: a number is required`}},
		{"expiry_days negative", "expiry_days = -1\n", []string{`1:15: expiry_days: -1 is negative`}},
		{"roots not a list", "roots = 3\n", []string{`1:9: Unsuitable value: list of string required`}},
		{"path_map not a map", "path_map = \"/etc/nginx=deploy\"\n", []string{`1:12: path_map: expected a map`}},
		{"path_map relative key", "path_map = {\n  \"etc/nginx\" = \"deploy\"\n}\n", []string{`2:3: path_map: "etc/nginx" is not an absolute path`}},
		{"path_map duplicate after cleaning", "path_map = {\n  \"/etc/nginx\" = \"a\"\n  \"/etc/nginx/\" = \"b\"\n}\n", []string{`3:3: path_map: "/etc/nginx" is mapped twice`}},
		{"unknown rule", "rule \"TL999\" { enabled = false }\n", []string{"1:6: unknown rule \"TL999\": expected a rule ID or name from `tlslint rules`"}},
		{"rule without label", "rule { enabled = false }\n", []string{`1:6: Missing id for rule`}},
		{"duplicate rule block by name", "rule \"TL105\" { enabled = false }\nrule \"upstream-no-verify\" { severity = \"info\" }\n",
			[]string{`2:1: duplicate rule "upstream-no-verify" block for TL105 (first at line 1)`}},
		{"bad rule severity", "rule \"TL105\" {\n  severity = \"fatal\"\n}\n", []string{`2:14: rule TL105 severity: invalid severity "fatal": expected error, warning or info`}},
		{"never is only for fail_on", "rule \"TL105\" { severity = \"never\" }\n", []string{`1:27: rule TL105 severity: invalid severity "never"`}},
		{"option on a rule without options", "rule \"TL105\" {\n  enabled = true\n  allow = [\"x\"]\n}\n",
			[]string{`3:3: Unsupported argument: An argument named "allow" is not expected here; rule TL105 (upstream-no-verify) takes only enabled and severity`}},
		{"block in a rule without options", "rule \"TL105\" {\n  nested {}\n}\n", []string{`2:3: Unsupported block type`}},
		{"unknown option of a rule with options", "rule \"TL206\" {\n  alow = [\"x\"]\n}\n",
			[]string{`2:3: Unsupported argument: An argument named "alow" is not expected here. Did you mean "allow"?; rule TL206 (weak-ciphers) takes enabled, severity, allow, max`}},
		{"option of the wrong type", "rule \"TL206\" { max = \"three\" }\n", []string{`1:23: Unsuitable value: a number is required`}},
		{"TL001 cannot be disabled", "rule \"TL001\" { enabled = false }\n", []string{`1:16: rule TL001 (parse-error) always runs and cannot be disabled`}},
		{"rule with a broken Options func", "rule \"TL299\" { x = 1 }\n", []string{`1:1: rule TL299: its Options func returns config.tl206Options, not a pointer to a struct`}},
		{"rule whose options have a bad tag", "rule \"TL298\" { x = \"1\" }\n", []string{`1:1: rule TL298: its options cannot be decoded`}},
		{"backend without port", "backend \"legacy.internal\" { protocols = [\"TLSv1.2\"] }\n", []string{`1:9: backend "legacy.internal": no port`}},
		{"backend bad port", "backend \"b:99999\" { protocols = [\"TLSv1.2\"] }\n", []string{`1:9: backend "b:99999": bad port "99999"`}},
		{"backend unbracketed IPv6", "backend \"2001:db8::1:443\" { protocols = [\"TLSv1.2\"] }\n", []string{`1:9: backend "2001:db8::1:443": bracket IPv6 addresses`}},
		{"backend unknown protocol", "backend \"b:443\" {\n  protocols = [\"TLSv1.4\"]\n}\n", []string{`2:15: backend "b:443": unknown protocol "TLSv1.4"`}},
		{"backend empty", "backend \"b:443\" {}\n", []string{`1:1: backend "b:443" declares nothing`}},
		{"backend TLS 1.2 suite in ciphersuites", "backend \"b:443\" { ciphersuites = \"TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256\" }\n",
			[]string{`1:34: backend "b:443": "ECDHE-RSA-AES128-GCM-SHA256" is not a TLS 1.3 cipher suite`}},
		{"backend unknown attribute", "backend \"b:443\" {\n  protocol = [\"TLSv1.2\"]\n}\n", []string{`2:3: Unsupported argument: An argument named "protocol" is not expected here. Did you mean "protocols"?`}},
		{"duplicate backend", "backend \"b:443\" { ciphers = \"HIGH\" }\nbackend \"B:443\" { ciphers = \"HIGH\" }\n", []string{`2:1: duplicate backend "B:443" (first declared at line 1)`}},
		{"ignore without reason", "ignore {\n  rule = \"TL105\"\n  subject = \"/Common/vs\"\n}\n", []string{`1:8: Missing required argument: The argument "reason" is required`}},
		{"ignore empty reason", "ignore {\n  rule = \"TL105\"\n  subject = \"/Common/vs\"\n  reason = \" \"\n}\n", []string{`4:12: ignore: empty reason`}},
		{"ignore unknown rule", "ignore {\n  rules = [\"TL105\", \"TL998\"]\n  subject = \"/Common/vs\"\n  reason = \"r\"\n}\n", []string{`2:11: ignore: unknown rule "TL998"`}},
		{"ignore without rule", "ignore {\n  subject = \"/Common/vs\"\n  reason = \"r\"\n}\n", []string{`1:1: ignore: missing rule`}},
		{"ignore rule and rules", "ignore {\n  rule = \"TL105\"\n  rules = [\"TL206\"]\n  subject = \"/Common/vs\"\n  reason = \"r\"\n}\n", []string{`3:11: ignore: set rule or rules, not both`}},
		{"ignore bad subject pattern", "ignore {\n  rule = \"TL105\"\n  subject = \"server [x\"\n  reason = \"r\"\n}\n", []string{`3:13: ignore: subject "server [x" is not a valid pattern`}},
		{"several problems are all reported in file order",
			"rule \"TL998\" {}\nnginx_version = \"x\"\nfoo = 1\n",
			[]string{`1:6: unknown rule "TL998"`, `2:17: nginx_version: invalid version "x"`, `3:1: Unsupported argument`}},
		{"columns count bytes", "# é\nclients = \"é\"\nfail_on = \"é\"\n", []string{`3:11: fail_on: invalid severity "é"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.text)
			f, err := Load(p)
			if err == nil {
				t.Fatalf("Load succeeded (%+v), want errors %q", f, tt.want)
			}
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("error %v is a %T, want *config.Error", err, err)
			}
			name := displayName(p)
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems:\n%s\nwant %d: %q", len(lines), err, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], name+":"+w) {
					t.Errorf("problem %d:\n got %s\nwant %s:%s…", i, lines[i], name, w)
				}
				if cerr.Problems[i].Pos.File != name {
					t.Errorf("problem %d file = %q, want %q", i, cerr.Problems[i].Pos.File, name)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.hcl"))
	if err == nil || !strings.Contains(err.Error(), "nope.hcl does not exist") {
		t.Fatalf("err = %v", err)
	}
	var cerr *Error
	if errors.As(err, &cerr) {
		t.Errorf("a missing file is not a config *Error")
	}
}

func TestDisplayNameRelativeToWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "project")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, FileName), []byte("fail_on = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	_, err := Load(filepath.Join("project", FileName))
	if err == nil || !strings.HasPrefix(err.Error(), "project/.tlslint.hcl:1:11: fail_on:") {
		t.Errorf("err = %v, want it to start with project/.tlslint.hcl:1:11", err)
	}
	// Relative paths in the file resolve against its directory, not the
	// working directory.
	if err := os.WriteFile(filepath.Join(sub, FileName), []byte("roots = [\"ca.pem\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(filepath.Join("project", FileName))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Roots", f.Roots, []string{filepath.Join(sub, "ca.pem")})
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// A directory named .tlslint.hcl is not a config file.
	if err := os.MkdirAll(filepath.Join(root, "a", "b", FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	top := filepath.Join(root, FileName)
	mid := filepath.Join(root, "a", FileName)
	for _, p := range []string{top, mid} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		start string
		want  string
	}{
		{deep, mid},
		{filepath.Join(root, "a"), mid},
		{root, top},
	}
	for _, tt := range tests {
		got, ok := Find(tt.start)
		if !ok || got != tt.want {
			t.Errorf("Find(%s) = %q, %v; want %q", tt.start, got, ok, tt.want)
		}
	}
	// Relative start directories work from the working directory.
	t.Chdir(deep)
	if got, ok := Find("."); !ok || got != mid {
		t.Errorf("Find(.) = %q, %v; want %q", got, ok, mid)
	}
	if err := os.Remove(mid); err != nil {
		t.Fatal(err)
	}
	if got, ok := Find(deep); !ok || got != top {
		t.Errorf("after removing %s: Find = %q, %v; want %q", mid, got, ok, top)
	}
}

func TestFindNothing(t *testing.T) {
	// Only meaningful when no ancestor of the temp dir has a config file.
	dir := t.TempDir()
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, FileName)); err == nil {
			t.Skipf("an ancestor of %s has %s", dir, FileName)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if got, ok := Find(dir); ok {
		t.Errorf("Find = %q, true; want not found", got)
	}
}

func TestApplyTo(t *testing.T) {
	f, err := Load(write(t, `rule "TL105" {
  enabled  = false
  severity = "error"
}
rule "TL206" { allow = ["AES128-SHA"] }
ignore {
  rule    = "TL105"
  subject = "/Common/vs_partner"
  reason  = "same host"
}
`))
	if err != nil {
		t.Fatal(err)
	}
	o := &lint.RunOptions{Ignores: []*lint.Suppression{{Subject: "from-flags"}}}
	f.ApplyTo(o)
	eq(t, "Enabled", o.Enabled, map[string]bool{"TL105": false})
	eq(t, "Severity", o.Severity, map[string]lint.Severity{"TL105": lint.Error})
	eq(t, "RuleOptions", o.RuleOptions, map[string]any{"TL206": &tl206Options{Allow: []string{"AES128-SHA"}}})
	if len(o.Ignores) != 2 || o.Ignores[1] != f.Ignores[0] {
		t.Errorf("Ignores = %+v", o.Ignores)
	}
	// The decoded options are what the rule sees through the runner.
	r := lint.Lookup("TL105")
	if o.Active(r) {
		t.Errorf("TL105 active after enabled = false")
	}
	if !(&lint.RunOptions{Enabled: o.Enabled, Enable: []string{"TL105"}}).Active(r) {
		t.Errorf("--enable TL105 should win over the file")
	}
}

// FuzzParse checks that no input makes the decoder panic, and that every
// rejection names a position in the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"clients = [\"a\", \"b\"]\nrule \"TL206\" { allow = [\"x\"] }\n",
		"path_map = { \"/etc\" = \"x\" }\nbackend \"b:1\" { protocols = [\"TLSv1.2\"] }\n",
		"ignore {\n rule = \"TL105\"\n subject = \"s\"\n reason = \"r\"\n}\n",
		"rule \"TL299\" { x = 1 }\nexpiry_days = -1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parse("fuzz.hcl", "fuzz.hcl", "/project", data)
		var cerr *Error
		if err != nil && !errors.As(err, &cerr) {
			t.Fatalf("error %v is not a *config.Error", err)
		}
		if cerr != nil {
			if len(cerr.Problems) == 0 {
				t.Fatal("an Error without problems")
			}
			for _, p := range cerr.Problems {
				if p.Pos.File != "fuzz.hcl" {
					t.Fatalf("problem without the file: %v", p)
				}
			}
		}
	})
}
