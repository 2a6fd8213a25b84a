package bigip

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const ucsBigipConf = `#TMSH-VERSION: 17.1.1

ltm profile client-ssl /Common/app_clientssl {
    cert-key-chain {
        app_rsa {
            cert /Common/app.example.com.crt
            key /Common/app.example.com.key
        }
    }
    defaults-from /Common/clientssl
}
ltm virtual /Common/app_vs {
    destination /Common/192.0.2.10:443
    profiles {
        /Common/app_clientssl {
            context clientside
        }
    }
}
sys file ssl-cert /Common/app.example.com.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1
    revision 1
}
sys file ssl-key /Common/app.example.com.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:app.example.com.key_12347_1
    revision 1
}
sys file ssl-cert /Common/rotated.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:rotated.crt_500_1
    revision 1
}
sys file ssl-cert /Common/missing.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:missing.crt_9_1
}
`

const ucsProfileBase = `ltm profile client-ssl clientssl {
    ciphers DEFAULT
    options { dont-insert-empty-fragments no-tlsv1.3 }
}
sys file ssl-cert /Common/default.crt {
    system-path "/config/ssl/ssl.crt/default.crt"
}
`

const ucsPartitionConf = `#TMSH-VERSION: 17.1.1

ltm virtual /Tenant/app/vs {
    destination /Tenant/198.51.100.7%5:8443
}
sys file ssl-cert /Tenant/app/tenant.crt {
    cache-path /config/filestore/files_d/Tenant_d/certificate_d/:Tenant:app:tenant.crt_77_1
}
`

type tarEntry struct {
	name string
	body string
	typ  byte
}

// buildUCS writes a gzip-compressed tar like `tmsh save sys ucs` does,
// with members tlslint keeps and members it skips.
func buildUCS(t testing.TB, entries []tarEntry, compress bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	var tw *tar.Writer
	var zw *gzip.Writer
	if compress {
		zw = gzip.NewWriter(&buf)
		tw = tar.NewWriter(zw)
	} else {
		tw = tar.NewWriter(&buf)
	}
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: e.typ}
		switch e.typ {
		case 0:
			h.Typeflag = tar.TypeReg
		case tar.TypeDir:
			h.Size = 0
		case tar.TypeSymlink:
			h.Linkname, h.Size = e.body, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

const (
	pemApp     = "-----BEGIN CERTIFICATE-----\nMIIBapp\n-----END CERTIFICATE-----\n"
	pemKey     = "-----BEGIN PRIVATE KEY-----\nMIIBkey\n-----END PRIVATE KEY-----\n"
	pemRotated = "-----BEGIN CERTIFICATE-----\nMIIBrotated\n-----END CERTIFICATE-----\n"
	pemDefault = "-----BEGIN CERTIFICATE-----\nMIIBdefault\n-----END CERTIFICATE-----\n"
	pemTenant  = "-----BEGIN CERTIFICATE-----\nMIIBtenant\n-----END CERTIFICATE-----\n"
)

func sampleUCS(t testing.TB) []byte {
	fsd := "var/tmp/filestore_temp/files_d/"
	return buildUCS(t, []tarEntry{
		{name: "config/", typ: tar.TypeDir},
		{name: "config/bigip.conf", body: ucsBigipConf},
		{name: "./config/profile_base.conf", body: ucsProfileBase},
		{name: "config/bigip_base.conf", body: "#TMSH-VERSION: 17.1.1\n\nsys global-settings {\n    hostname lb1.example.com\n}\n"},
		{name: "config/partitions/Tenant/bigip.conf", body: ucsPartitionConf},
		{name: "config/BigDB.dat", body: "[Big3d.Log.Level]\ndefault=Critical\n"},
		{name: "config/ssl/ssl.crt/default.crt", body: pemDefault},
		{name: "config/ssl/ssl.key/default.key", body: pemKey},
		{name: fsd + "Common_d/certificate_d/:Common:app.example.com.crt_12345_1", body: pemApp},
		{name: fsd + "Common_d/certificate_key_d/:Common:app.example.com.key_12347_1", body: pemKey},
		// Re-imported after the config was written: another id and revision.
		{name: fsd + "Common_d/certificate_d/:Common:rotated.crt_500_2", body: "old"},
		{name: fsd + "Common_d/certificate_d/:Common:rotated.crt_612_1", body: pemRotated},
		{name: fsd + "Tenant_d/certificate_d/:Tenant:app:tenant.crt_77_1", body: pemTenant},
		{name: fsd + "Common_d/epsec_package_d/:Common:epsec.iso_1_1", body: strings.Repeat("x", 4096)},
		{name: "var/log/ltm", body: "Jan  1 00:00:00 lb1 notice mcpd[1]: started\n"},
		{name: "config/bigip.conf.link", body: "bigip.conf", typ: tar.TypeSymlink},
		{name: "../../etc/passwd", body: "root:x:0:0::/root:/bin/sh\n"},
	}, true)
}

func TestReadArchiveUCS(t *testing.T) {
	a, err := ReadArchive("backup.ucs", bytes.NewReader(sampleUCS(t)), DefaultArchiveLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"config/bigip.conf",
		"config/bigip_base.conf",
		"config/partitions/Tenant/bigip.conf",
		"config/profile_base.conf",
		"config/ssl/ssl.crt/default.crt",
		"config/ssl/ssl.key/default.key",
		"var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1",
		"var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:rotated.crt_500_2",
		"var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:rotated.crt_612_1",
		"var/tmp/filestore_temp/files_d/Common_d/certificate_key_d/:Common:app.example.com.key_12347_1",
		"var/tmp/filestore_temp/files_d/Tenant_d/certificate_d/:Tenant:app:tenant.crt_77_1",
	}
	if got := a.Names(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept members:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := fstest.TestFS(a, "config/bigip.conf", "config/partitions/Tenant/bigip.conf", "config/ssl/ssl.crt/default.crt"); err != nil {
		t.Errorf("Archive is not a well-behaved fs.FS: %v", err)
	}
	if _, err := a.ReadFile("config/BigDB.dat"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("skipped member readable: %v", err)
	}
	if got := a.DisplayName("config/bigip.conf"); got != "backup.ucs!config/bigip.conf" {
		t.Errorf("DisplayName = %q", got)
	}

	c, err := LoadArchive(a)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range c.Files {
		files = append(files, f.Path)
		if len(f.Errors) != 0 {
			t.Errorf("%s: %v", f.Path, f.Errors)
		}
	}
	wantFiles := []string{
		"backup.ucs!config/profile_base.conf",
		"backup.ucs!config/bigip_base.conf",
		"backup.ucs!config/bigip.conf",
		"backup.ucs!config/partitions/Tenant/bigip.conf",
	}
	if strings.Join(files, " ") != strings.Join(wantFiles, " ") {
		t.Errorf("files = %q, want %q", files, wantFiles)
	}
	if c.Version() != "17.1.1" {
		t.Errorf("Version = %q", c.Version())
	}

	tests := []struct {
		kind, name string
		member     string // "" when not found
		content    string
		errPart    string
	}{
		{"sys file ssl-cert", "/Common/app.example.com.crt", "var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1", pemApp, ""},
		{"sys file ssl-key", "/Common/app.example.com.key", "var/tmp/filestore_temp/files_d/Common_d/certificate_key_d/:Common:app.example.com.key_12347_1", pemKey, ""},
		{"sys file ssl-cert", "/Common/rotated.crt", "var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:rotated.crt_612_1", pemRotated, ""},
		{"sys file ssl-cert", "/Tenant/app/tenant.crt", "var/tmp/filestore_temp/files_d/Tenant_d/certificate_d/:Tenant:app:tenant.crt_77_1", pemTenant, ""},
		{"sys file ssl-cert", "/Common/default.crt", "config/ssl/ssl.crt/default.crt", pemDefault, ""},
		{"sys file ssl-cert", "/Common/missing.crt", "", "", "no file for sys file ssl-cert /Common/missing.crt (looked for backup.ucs!config/filestore/files_d/Common_d/certificate_d/:Common:missing.crt_9_1, backup.ucs!var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:missing.crt_9_1"},
	}
	for _, tt := range tests {
		obj := c.Find(tt.kind, tt.name)
		if obj == nil {
			t.Errorf("no %s %s", tt.kind, tt.name)
			continue
		}
		name, data, err := c.ReadFileObject(obj)
		if tt.member == "" {
			if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("%s: error = %v, want %q", tt.name, err, tt.errPart)
			}
			continue
		}
		if err != nil || name != tt.member || string(data) != tt.content {
			t.Errorf("%s: ReadFileObject = %q, %q, %v; want %q", tt.name, name, data, err, tt.member)
		}
	}

	vs := c.Find("ltm virtual", "/Tenant/app/vs")
	if vs == nil || vs.Pos.Line != 3 || c.DisplayName("config/partitions/Tenant/bigip.conf") != "backup.ucs!config/partitions/Tenant/bigip.conf" {
		t.Errorf("partition virtual = %v", vs)
	}
}

func TestReadArchiveFormats(t *testing.T) {
	plain := buildUCS(t, []tarEntry{{name: "config/bigip.conf", body: ucsBigipConf}}, false)
	a, err := ReadArchive("plain.tar", bytes.NewReader(plain), DefaultArchiveLimits)
	if err != nil || len(a.Names()) != 1 {
		t.Errorf("plain tar: %v, %v", a, err)
	}

	encrypted := map[string][]byte{
		// gpg --symmetric: an old-format tag 3 packet, version 4 (RFC 4880 5.3).
		"old format": {0x8c, 0x0d, 0x04, 0x07, 0x03, 0x02, 0x5f, 0x1e, 0x2c, 0x9d, 0xa1, 0x3f, 0x4b, 0x61, 0xd2},
		// GnuPG 2.4 writes the same packet in the new format.
		"new format": {0xc3, 0x0d, 0x04, 0x09, 0x03, 0x02, 0x5f, 0x1e, 0x2c, 0x9d, 0xa1, 0x3f, 0x4b, 0x61, 0xd2},
		"armored":    []byte("-----BEGIN PGP MESSAGE-----\n\njA0EBwMCXx4snaE/S2HS\n-----END PGP MESSAGE-----\n"),
	}
	for name, data := range encrypted {
		_, err := ReadArchive("backup.ucs", bytes.NewReader(data), DefaultArchiveLimits)
		if !errors.Is(err, ErrEncrypted) || !strings.HasPrefix(err.Error(), "backup.ucs: the archive is encrypted with a passphrase") {
			t.Errorf("%s: error = %v, want ErrEncrypted", name, err)
		}
		if !IsArchive(data) {
			t.Errorf("%s: IsArchive = false", name)
		}
	}

	for name, data := range map[string][]byte{
		"text":      []byte(ucsBigipConf),
		"truncated": sampleUCS(t)[:300],
		"utf-8":     []byte("\xc3\xa9t\xc3\xa9 {"),
	} {
		if _, err := ReadArchive("x.ucs", bytes.NewReader(data), DefaultArchiveLimits); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if IsArchive([]byte(ucsBigipConf)) || IsArchive([]byte("\xc3\xa9t\xc3\xa9 {")) {
		t.Errorf("IsArchive accepts text")
	}

	a, err = ReadArchive("empty.ucs", bytes.NewReader(buildUCS(t, []tarEntry{{name: "var/log/ltm", body: "x"}}, true)), DefaultArchiveLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadArchive(a); err == nil || !strings.Contains(err.Error(), "no config/bigip.conf in the archive") {
		t.Errorf("LoadArchive without config: %v", err)
	}
}

func TestReadArchiveLimits(t *testing.T) {
	big := strings.Repeat("A", 1<<20)
	data := buildUCS(t, []tarEntry{
		{name: "config/bigip.conf", body: ucsBigipConf},
		{name: "var/core/tmm.core", body: big},
		{name: "var/core/tmm2.core", body: big},
	}, true)
	tests := []struct {
		name string
		lim  ArchiveLimits
		msg  string
	}{
		{"total", ArchiveLimits{MaxTotalBytes: 1 << 20, MaxKeptBytes: 1 << 20, MaxFileBytes: 1 << 20, MaxEntries: 10}, "expands to more than 1048576 bytes"},
		{"entries", ArchiveLimits{MaxTotalBytes: 1 << 30, MaxKeptBytes: 1 << 20, MaxFileBytes: 1 << 20, MaxEntries: 2}, "more than 2 members"},
		{"file", ArchiveLimits{MaxTotalBytes: 1 << 30, MaxKeptBytes: 1 << 20, MaxFileBytes: 100, MaxEntries: 10}, fmt.Sprintf("config/bigip.conf is %d bytes, over the 100-byte limit", len(ucsBigipConf))},
		{"kept", ArchiveLimits{MaxTotalBytes: 1 << 30, MaxKeptBytes: 100, MaxFileBytes: 1 << 20, MaxEntries: 10}, "exceed 100 bytes"},
	}
	for _, tt := range tests {
		_, err := ReadArchive("bomb.ucs", bytes.NewReader(data), tt.lim)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error = %v, want %q", tt.name, err, tt.msg)
		}
	}
	if _, err := ReadArchive("ok.ucs", bytes.NewReader(data), DefaultArchiveLimits); err != nil {
		t.Errorf("default limits: %v", err)
	}
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadTrees(t *testing.T) {
	// A qkview-like tree: config/ with the filestore inside it, no keys.
	qk := t.TempDir()
	writeTree(t, qk, map[string]string{
		"config/bigip.conf": ucsBigipConf,
		"config/filestore/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1": pemApp,
	})
	// An extracted UCS, loaded through its config directory.
	ex := t.TempDir()
	writeTree(t, ex, map[string]string{
		"config/bigip.conf":         ucsBigipConf,
		"config/ssl/ssl.crt/x.crt":  pemDefault,
		"config/partitions/T/x.txt": "not a config file",
		"var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1":     pemApp,
		"var/tmp/filestore_temp/files_d/Common_d/certificate_key_d/:Common:app.example.com.key_12347_1": pemKey,
	})
	tests := []struct {
		name    string
		path    string
		certAt  string
		keyErr  bool
		display string
	}{
		{"qkview root", qk, "config/filestore/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1", true, filepath.Join(qk, "config", "bigip.conf")},
		{"extracted UCS via config/", filepath.Join(ex, "config"), "var/tmp/filestore_temp/files_d/Common_d/certificate_d/:Common:app.example.com.crt_12345_1", false, filepath.Join(ex, "config", "bigip.conf")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Files) != 1 || c.Files[0].Path != tt.display {
				t.Fatalf("files = %v", c.Files)
			}
			name, data, err := c.ReadFileObject(c.Find("sys file ssl-cert", "/Common/app.example.com.crt"))
			if err != nil || name != tt.certAt || string(data) != pemApp {
				t.Errorf("cert = %q %v", name, err)
			}
			_, _, err = c.ReadFileObject(c.Find("sys file ssl-key", "/Common/app.example.com.key"))
			if (err != nil) != tt.keyErr {
				t.Errorf("key error = %v, want error %v", err, tt.keyErr)
			}
		})
	}

	if _, err := LoadDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no bigip.conf here") {
		t.Errorf("LoadDir(empty) = %v", err)
	}

	// Load dispatches on content: a .ucs archive and a single file.
	dir := t.TempDir()
	ucsPath := filepath.Join(dir, "backup.ucs")
	if err := os.WriteFile(ucsPath, sampleUCS(t), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(ucsPath)
	if err != nil || len(c.Files) != 4 || c.Files[2].Path != ucsPath+"!config/bigip.conf" {
		t.Fatalf("Load(ucs) = %v, %v", c, err)
	}
	single := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(single, []byte("ltm pool p1 {\n    monitor http\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Load(single)
	if err != nil || len(c.Files) != 1 || c.Find("ltm pool", "p1") == nil {
		t.Fatalf("Load(single) = %v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "nope")); err == nil {
		t.Errorf("Load of a missing path succeeded")
	}

	// Standard input: text, then an archive.
	c, err = LoadBytes("<stdin>", []byte("ltm node /Common/n { address 10.0.0.1 }\n"))
	if err != nil || c.Find("ltm node", "/Common/n") == nil || c.Files[0].Path != "<stdin>" {
		t.Fatalf("LoadBytes(text) = %v, %v", c, err)
	}
	if _, err := c.FindFile(c.Find("ltm node", "/Common/n")); err == nil {
		t.Errorf("FindFile on stdin input succeeded")
	}
	c, err = LoadBytes("backup.ucs", sampleUCS(t))
	if err != nil || c.Find("ltm virtual", "/Common/app_vs") == nil {
		t.Fatalf("LoadBytes(ucs) = %v, %v", c, err)
	}
}

func TestFindOverrides(t *testing.T) {
	a := NewArchive("b.ucs", map[string][]byte{
		"config/profile_base.conf": []byte("ltm profile client-ssl clientssl {\n    ciphers DEFAULT\n}\n"),
		"config/bigip.conf":        []byte("ltm profile client-ssl /Common/clientssl {\n    ciphers ECDHE+AESGCM\n}\nltm pool /Common/clientssl { }\n"),
	})
	c, err := LoadArchive(a)
	if err != nil {
		t.Fatal(err)
	}
	// bigip.conf is loaded after profile_base.conf: its definition wins.
	if v, _ := c.Find("ltm profile", "clientssl").Value("ciphers"); v != "ECDHE+AESGCM" {
		t.Errorf("ciphers = %q", v)
	}
	if got := len(c.Lookup("/Common/clientssl")); got != 3 {
		t.Errorf("Lookup found %d objects, want 3", got)
	}
	if p := c.Find("ltm pool", "/Common/clientssl"); p == nil || p.Kind != "ltm pool" {
		t.Errorf("Find(ltm pool) = %v", p)
	}
	if c.Find("ltm virtual", "/Common/clientssl") != nil || c.Find("ltm pro", "/Common/clientssl") != nil {
		t.Errorf("Find matched the wrong kind")
	}
	if n := len(c.Objects()); n != 3 {
		t.Errorf("Objects = %d", n)
	}
}
