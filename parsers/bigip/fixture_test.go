package bigip

import (
	"archive/tar"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bigipfixtures "github.com/tlslint/tlslint/fixtures/bigip"
	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/certs"
	"github.com/tlslint/tlslint/lint/tls"
)

// fixtureDir is the multi-partition fixture of fixtures/bigip as a copy of
// /config: its UCS (multi-partition.ucs) unpacked into a temporary
// directory named multi-partition, the filestore under
// config/filestore/files_d with F5's ":Prod:name_id_rev" file names, which
// the repository cannot hold (Go module zips forbid ':').
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "multi-partition")
	if err := bigipfixtures.Unpack(filepath.Join("..", "..", "fixtures", "bigip", bigipfixtures.MultiPartitionUCS), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// relTo displays paths relative to dir.
func relTo(dir string) func(string) string {
	return func(abs string) string {
		if rel, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
		return abs
	}
}

func loadPath(t testing.TB, p string, opts *Options) *lint.Model {
	t.Helper()
	m := lint.NewModel()
	if err := LoadModel(m, p, opts); err != nil {
		t.Fatal(err)
	}
	return m
}

// where renders a position as "file:line: text".
func where(m *lint.Model, p lint.Pos) string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, text(m, p))
}

func TestFixtureMultiPartition(t *testing.T) {
	dir := fixtureDir(t)
	m := loadPath(t, dir, &Options{Display: relTo(dir)})
	noFindings(t, m)

	var names []string
	for name, s := range m.Sources {
		names = append(names, name)
		if s.Path != filepath.Join(dir, filepath.FromSlash(name)) {
			t.Errorf("%s: Path = %q, want the file on disk (fixes rewrite it)", name, s.Path)
		}
	}
	sort.Strings(names)
	eqs(t, "sources", names, []string{"config/bigip.conf", "config/bigip_base.conf",
		"config/partitions/Legacy/bigip.conf", "config/partitions/Prod/bigip.conf"})
	eq(t, "listeners", len(m.Listeners), 10)
	eq(t, "upstreams", len(m.Upstreams), 8)

	// the clean one: client-ssl and http on :443, verified server-ssl to 443
	shop := listener(t, m, "/Prod/vs_shop_https", "/Prod/shop_clientssl")
	eq(t, "shop bind", fmt.Sprintf("%s:%d ssl=%v default=%v", shop.Binds[0].Addr, shop.Binds[0].Port, shop.Binds[0].SSL, shop.Binds[0].Default), "198.51.100.10:443 ssl=true default=true")
	eq(t, "shop port", where(m, shop.Binds[0].PortPos), "config/partitions/Prod/bigip.conf:224: 443")
	eq(t, "shop http", shop.HTTPProfile, true)
	eq(t, "shop protocols", shop.Policy.Protocols.Value, tls.Versions(tls.TLS12))
	eq(t, "shop protocols at", where(m, shop.Policy.Protocols.Pos), "config/bigip.conf:45: options { dont-insert-empty-fragments no-tlsv1.3 no-tlsv1 no-tlsv1.1 cipher-server-preference }")
	eqs(t, "shop protocols chain", texts(m, shop.Policy.Protocols.Chain()), []string{"defaults-from /Common/corp-clientssl-strict"})
	eq(t, "shop prefers server", shop.Policy.PreferServer.Value, true)
	eq(t, "shop cert", shop.Certs[0].Cert.Value, "/Prod/shop.example.com.crt")
	eq(t, "shop cert path", shop.Certs[0].CertPath, filepath.Join(dir, "config/filestore/files_d/Prod_d/certificate_d/:Prod:shop.example.com.crt_61202_3"))
	eq(t, "shop key path", shop.Certs[0].KeyPath, filepath.Join(dir, "config/filestore/files_d/Prod_d/certificate_key_d/:Prod:shop.example.com.key_61204_3"))
	eq(t, "shop chain path", shop.Certs[0].ChainPth, filepath.Join(dir, "config/filestore/files_d/Common_d/certificate_d/:Common:corp-intermediate.crt_52106_1"))
	for _, p := range []string{shop.Certs[0].CertPath, shop.Certs[0].KeyPath, shop.Certs[0].ChainPth} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("the fixture's filestore lacks %s", p)
		}
	}
	su := upstream(t, m, "/Prod/vs_shop_https > pool /Prod/shop_pool")
	eq(t, "shop upstream", fmt.Sprintf("tls=%v verify=%v sni=%q trusted=%s", su.TLS, su.Verify.Value, su.SNIName.Value, su.Policy.Trusted.Value),
		"tls=true verify=true sni=\"shop-backend.internal.example.com\" trusted=/Common/corp-internal-ca.crt")
	eq(t, "shop verify at", where(m, su.Verify.Pos), "config/bigip.conf:55: peer-cert-mode require")
	eq(t, "shop trusted path", su.Policy.TrustedPath, filepath.Join(dir, "config/filestore/files_d/Common_d/certificate_d/:Common:corp-internal-ca.crt_52108_1"))
	eq(t, "shop upstream protocols", su.Policy.Protocols.Value, tls.Versions(tls.TLS12))

	// client-ssl on :80, in route domain 2, TLSv1 inherited twice over
	kiosk := listener(t, m, "/Legacy/vs_kiosk", "/Legacy/kiosk_clientssl")
	eq(t, "kiosk bind", fmt.Sprintf("%s:%d ssl=%v", kiosk.Binds[0].Addr, kiosk.Binds[0].Port, kiosk.Binds[0].SSL), "10.30.0.21%2:80 ssl=true")
	eq(t, "kiosk ssl at", where(m, kiosk.Binds[0].SSLPos), "config/partitions/Legacy/bigip.conf:61: /Legacy/kiosk_clientssl")
	eq(t, "kiosk protocols", kiosk.Policy.Protocols.Value, tls.Versions(tls.TLS10, tls.TLS11, tls.TLS12))
	eq(t, "kiosk protocols at", where(m, kiosk.Policy.Protocols.Pos), "config/bigip.conf:28: options { dont-insert-empty-fragments no-tlsv1.3 }")
	eq(t, "kiosk protocols context", kiosk.Policy.Protocols.Context, "/Common/corp-clientssl-base")
	var chain []string
	for _, p := range kiosk.Policy.Protocols.Chain() {
		chain = append(chain, where(m, p))
	}
	eqs(t, "kiosk chain", chain, []string{
		"config/partitions/Legacy/bigip.conf:33: defaults-from /Legacy/legacy_clientssl",
		"config/partitions/Legacy/bigip.conf:40: defaults-from /Common/corp-clientssl-base",
	})

	// :443 with http and no client-ssl
	status := listener(t, m, "/Legacy/vs_status", "")
	eq(t, "status", fmt.Sprintf("port=%d tls=%v http=%v", status.Binds[0].Port, status.TLS(), status.HTTPProfile), "port=443 tls=false http=true")

	// server-ssl to members on 80
	portal := upstream(t, m, "/Legacy/vs_portal > pool /Legacy/portal_pool")
	eq(t, "portal", fmt.Sprintf("tls=%v %s %s", portal.TLS, portal.Targets[0], portal.Targets[1]), "tls=true 10.31.0.41%2:80 10.31.0.42%2:80")
	eq(t, "portal member port", where(m, portal.Targets[0].PortPos), "config/partitions/Legacy/bigip.conf:14: 80")

	// client-ssl, no server-ssl, pool on 443
	reports := upstream(t, m, "/Legacy/vs_reports > pool /Legacy/reports_pool")
	eq(t, "reports", fmt.Sprintf("tls=%v from-tls=%v %s", reports.TLS, reports.From.TLS(), reports.Targets[0]), "tls=false from-tls=true 10.31.0.51%2:443")

	// FQDN node, server-name none
	partner := upstream(t, m, "/Prod/vs_partner_proxy > pool /Prod/partner_pool")
	eq(t, "partner target", fmt.Sprintf("%s ip=%v", partner.Targets[0], partner.Targets[0].IP), "partner-api.example.net:443 ip=false")
	eq(t, "partner sni", partner.SNI.Value, false)
	eq(t, "partner sni at", where(m, partner.SNI.Pos), "config/partitions/Prod/bigip.conf:130: server-name none")
	eq(t, "partner trusted", partner.Policy.Trusted.Value, "/Common/ca-bundle.crt")
	eq(t, "partner trusted path (built-in, not in the tree)", partner.Policy.TrustedPath, "")

	// TLS 1.3 only, with a cipher group; sends PROXY to its pool
	api := listener(t, m, "/Prod/vs_api_tls13", "/Prod/api_tls13_clientssl")
	eq(t, "api protocols", api.Policy.Protocols.Value, tls.Versions(tls.TLS13))
	eq(t, "api group", api.Policy.CipherGroup.Value.Name, "/Common/tls13-only")
	eq(t, "api groups", api.Policy.Groups.Value, "X25519:P256:P384")
	eq(t, "api pp", where(m, upstream(t, m, "/Prod/vs_api_tls13 > pool /Prod/api_pool").ProxyProtocol.Pos), "config/partitions/Prod/bigip.conf:156: /Common/proxy-protocol-send")

	// two client-ssl profiles, no sni-default
	a := listener(t, m, "/Prod/vs_brands", "/Prod/brand_a_clientssl")
	b := listener(t, m, "/Prod/vs_brands", "/Prod/brand_b_clientssl")
	eq(t, "brands", fmt.Sprintf("%v %v %s %s", a.SNIDefault.Value, b.SNIDefault.Value, a.Names[0].Value, b.Names[0].Value), "false false brand-a.example.com brand-b.example.com")
	eq(t, "brands sni-default at", where(m, a.SNIDefault.Pos), "config/partitions/Prod/bigip.conf:91: sni-default false")
	eq(t, "brands certs inherited", a.Certs[0].Cert.Value+" "+where(m, a.Certs[0].Cert.Pos), "/Common/wildcard.example.com.crt config/bigip.conf:35: cert /Common/wildcard.example.com.crt")
}

// fixtureUCS builds backup.ucs from the fixture tree as `tmsh save sys
// ucs` lays it out: the configuration under config/, the filestore under
// var/tmp/filestore_temp/files_d, members tlslint skips beside them. The
// api.example.com certificate is left out, as if its file had been lost.
func fixtureUCS(t *testing.T) string {
	t.Helper()
	dir := fixtureDir(t)
	var entries []tarEntry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "config/") || strings.Contains(rel, ":api.example.com.crt") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel = strings.Replace(rel, "config/filestore/files_d/", "var/tmp/filestore_temp/files_d/", 1)
		entries = append(entries, tarEntry{name: rel, body: string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entries = append(entries, tarEntry{name: "var/log/ltm", body: "skipped\n"}, tarEntry{name: "config/ssl/ssl.crl/", typ: tar.TypeDir})
	out := filepath.Join(t.TempDir(), "backup.ucs")
	if err := os.WriteFile(out, buildUCS(t, entries, true), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFixtureUCS(t *testing.T) {
	ucs := fixtureUCS(t)
	files := NewFiles()
	m := loadPath(t, ucs, &Options{Display: relTo(filepath.Dir(ucs)), Files: files})
	noFindings(t, m)
	for name, s := range m.Sources {
		if !strings.HasPrefix(name, "backup.ucs!config/") || s.Path != "" {
			t.Errorf("source %q (Path %q): want backup.ucs!config/… and no path (archives are not rewritten)", name, s.Path)
		}
	}
	shop := listener(t, m, "/Prod/vs_shop_https", "/Prod/shop_clientssl")
	eq(t, "ssl at", where(m, shop.Binds[0].SSLPos), "backup.ucs!config/partitions/Prod/bigip.conf:232: /Prod/shop_clientssl")
	c := shop.Certs[0]
	eq(t, "cert path", c.CertPath, "backup.ucs!var/tmp/filestore_temp/files_d/Prod_d/certificate_d/:Prod:shop.example.com.crt_61202_3")

	// the certificate loader reads the archive's files through Files
	ld := certs.NewLoader(files, nil)
	cb, err := ld.Load(c.CertPath)
	if err != nil {
		t.Fatal(err)
	}
	if leaf := cb.Leaf(); leaf == nil || leaf.Subject.CommonName != "shop.example.com" {
		t.Errorf("leaf = %+v", leaf)
	}
	kb, err := ld.Load(c.KeyPath)
	if err != nil || len(kb.Keys) != 1 {
		t.Errorf("key: %v, %+v", err, kb)
	}
	chb, err := ld.Load(c.ChainPth)
	if err != nil || chb.Leaf() == nil || chb.Leaf().Subject.CommonName != "Example Corp Issuing CA 1" {
		t.Errorf("chain: %v", err)
	}
	// a file the configuration names but the archive lacks reads as missing
	api := listener(t, m, "/Prod/vs_api_tls13", "/Prod/api_tls13_clientssl")
	eq(t, "api cert path", api.Certs[0].CertPath, "backup.ucs!config/filestore/files_d/Prod_d/certificate_d/:Prod:api.example.com.crt_61210_1")
	if _, err := ld.Load(api.Certs[0].CertPath); err == nil {
		t.Error("missing member loaded")
	} else if fe, ok := err.(*certs.FileError); !ok || fe.Kind != certs.Unavailable {
		t.Errorf("missing member: %v, want an Unavailable FileError", err)
	}

	// the archive and the directory give the same model
	dir := fixtureDir(t)
	fromDir := loadPath(t, dir, &Options{Display: relTo(dir)})
	if got, want := summary(m, "backup.ucs!"), summary(fromDir, ""); got != want {
		t.Errorf("UCS model differs from the directory's:\n%s\nwant\n%s", got, want)
	}

	// standard input carrying the archive
	data, err := os.ReadFile(ucs)
	if err != nil {
		t.Fatal(err)
	}
	sm := lint.NewModel()
	if err := LoadModelBytes(sm, "<stdin>", data, &Options{Files: files}); err != nil {
		t.Fatal(err)
	}
	if got, want := summary(sm, "<stdin>!"), summary(fromDir, ""); got != want {
		t.Errorf("stdin UCS model differs from the directory's:\n%s\nwant\n%s", got, want)
	}
}

// summary renders what a model says about each listener and upstream,
// with file names stripped of prefix, for comparing inputs.
func summary(m *lint.Model, prefix string) string {
	var lines []string
	pos := func(p lint.Pos) string {
		return fmt.Sprintf("%s:%d:%d", strings.TrimPrefix(p.File, prefix), p.Line, p.Col)
	}
	for _, l := range m.Listeners {
		s := fmt.Sprintf("L %s %s http=%v inc=%v at=%s", l.Subject, l.Profile, l.HTTPProfile, l.Incomplete, pos(l.Pos))
		for _, b := range l.Binds {
			s += fmt.Sprintf(" bind=%s:%d/%v/%v/%v@%s", b.Addr, b.Port, b.SSL, b.Default, b.ProxyProtocol, pos(b.PortPos))
		}
		if l.Policy != nil {
			s += fmt.Sprintf(" proto=%s@%s ciphers=%s", l.Policy.Protocols.Value, pos(l.Policy.Protocols.Pos), l.Policy.Ciphers.Value)
		}
		for _, c := range l.Certs {
			s += " cert=" + c.Cert.Value + "@" + pos(c.Cert.Pos)
		}
		lines = append(lines, s)
	}
	for _, u := range m.Upstreams {
		s := fmt.Sprintf("U %s tls=%v sni=%v/%s verify=%v pp=%v", u.Subject, u.TLS, u.SNI.Value, u.SNIName.Value, u.Verify.Value, u.ProxyProtocol.Value)
		for _, e := range u.Targets {
			s += " " + e.String() + "@" + pos(e.PortPos)
		}
		lines = append(lines, s)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	onDisk := filepath.Join(dir, "a.pem")
	if err := os.WriteFile(onDisk, []byte("disk"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := NewFiles()
	f.add("odd!name.ucs", NewArchive("odd!name.ucs", map[string][]byte{
		"var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:a.crt_1_1": []byte("member"),
	}))
	tests := []struct {
		name, want string
		err        bool
	}{
		{onDisk, "disk", false},
		{"odd!name.ucs!var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:a.crt_1_1", "member", false},
		{"odd!name.ucs!var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:b.crt_1_1", "", true},
		{"odd!name.ucs!var/tmp/filestore_temp", "", true}, // a directory
		{filepath.Join(dir, "missing.pem"), "", true},
	}
	for _, tc := range tests {
		data, err := f.ReadFile(tc.name)
		if (err != nil) != tc.err || string(data) != tc.want {
			t.Errorf("ReadFile(%q) = %q, %v", tc.name, data, err)
		}
	}
	entries, err := f.ReadDir("odd!name.ucs!var/tmp/filestore_temp/files_d/Common_d/certificate_d")
	if err != nil || len(entries) != 1 || entries[0].Name() != ":Common:a.crt_1_1" {
		t.Errorf("ReadDir = %v, %v", entries, err)
	}
	if entries, err := f.ReadDir(dir); err != nil || len(entries) != 1 {
		t.Errorf("ReadDir(disk) = %v, %v", entries, err)
	}
}

func TestLoadModelErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "missing.conf"), dir} {
		if err := LoadModel(lint.NewModel(), p, nil); err == nil {
			t.Errorf("LoadModel(%s): no error", p)
		}
	}
	enc := append([]byte{0x8c, 0x0d, 0x04, 0x09, 0x03, 0x02}, make([]byte, 40)...)
	if err := LoadModelBytes(lint.NewModel(), "<stdin>", enc, nil); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("encrypted UCS: %v", err)
	}
}
