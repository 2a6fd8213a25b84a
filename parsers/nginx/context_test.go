package nginx

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/lint"
)

func TestChefDestination(t *testing.T) {
	for _, tt := range []struct{ staged, dest string }{
		{".chef-app20261206-4242-1x9k2f.conf", "app.conf"},
		// the extension is greedy: from the first dot of the destination name
		{".chef-shop20261206-77-abc.example.com.conf", "shop.example.com.conf"},
		// a name clash adds -N; a basename ending in digits keeps them
		{".chef-site220261206-4242-1x9k2f-1.conf", "site2.conf"},
		{".chef-default20261206-9-zz", "default"},
		{"chef-app20261206-4242-1x9k2f.conf", "app.conf"}, // Windows: no leading dot
	} {
		if got, ok := ChefDestination(tt.staged); !ok || got != tt.dest {
			t.Errorf("ChefDestination(%q) = %q, %v; want %q", tt.staged, got, ok, tt.dest)
		}
	}
	for _, name := range []string{"app.conf", ".chef-20261206-1-a.conf", "source", ".chef-app.conf"} {
		if got, ok := ChefDestination(name); ok {
			t.Errorf("ChefDestination(%q) = %q: not a staging name", name, got)
		}
	}
}

func TestContextRoot(t *testing.T) {
	dir := tree(t, map[string]string{"etc/nginx/nginx.conf": "events {}\n", "etc/nginx/conf.d/a.conf": "", "etc/other/x.conf": ""})
	if root, ok := ContextRoot(filepath.Join(dir, "etc/nginx/conf.d/a.conf")); !ok || root != filepath.Join(dir, "etc/nginx/nginx.conf") {
		t.Errorf("conf.d/a.conf: %q, %v", root, ok)
	}
	if root, ok := ContextRoot(filepath.Join(dir, "etc/other/x.conf")); ok {
		t.Errorf("etc/other/x.conf has no nginx.conf above it, got %q", root)
	}
	// nginx.conf itself is no context for itself
	if root, ok := ContextRoot(filepath.Join(dir, "etc/nginx/nginx.conf")); ok {
		t.Errorf("nginx.conf: %q", root)
	}
}

// TestStandIn: the staged bytes are read where the tree reads the
// destination, through a glob (the destination new or existing) or a
// plain include, and shown under the staged file's name; the staged dot
// file itself is never read by the glob.
func TestStandIn(t *testing.T) {
	const main = "events {}\nhttp {\n    include conf.d/*.conf;\n    include extra/exact.conf;\n}\n"
	const rendered = "server {\n    listen 443 ssl;\n    server_name new.example.com;\n}\n"
	for _, tt := range []struct {
		name, dest string
		existing   bool
	}{
		{"new file in a glob", "conf.d/app.conf", false},
		{"existing file in a glob", "conf.d/app.conf", true},
		{"plain include, new", "extra/exact.conf", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"nginx.conf": main, "conf.d/other.conf": "server { listen 80; server_name other.example.com; }\n",
				"extra/.keep": ""}
			if tt.dest != "extra/exact.conf" {
				files["extra/exact.conf"] = ""
			}
			if tt.existing {
				files[tt.dest] = "server { listen 443 ssl; server_name old.example.com; }\n"
			}
			staged := filepath.Join(filepath.Dir(tt.dest), ".chef-"+strings.TrimSuffix(filepath.Base(tt.dest), ".conf")+"20261206-1-abc.conf")
			files[staged] = rendered
			dir := tree(t, files)
			m := lint.NewModel()
			ld := NewLoader(m, &Options{Display: func(abs string) string { r, _ := filepath.Rel(dir, abs); return r }})
			ld.StandIn(filepath.Join(dir, tt.dest), filepath.Join(dir, staged), []byte(rendered))
			if err := ld.LoadPath(filepath.Join(dir, "nginx.conf")); err != nil {
				t.Fatal(err)
			}
			ld.Wait()
			if !ld.Loaded(filepath.Join(dir, tt.dest)) {
				t.Fatalf("the destination was not read")
			}
			var subjects []string
			for _, l := range m.Listeners {
				subjects = append(subjects, l.Subject+" @ "+l.Pos.File)
			}
			sort.Strings(subjects)
			got := strings.Join(subjects, "\n")
			if !strings.Contains(got, "server new.example.com:443 @ "+staged) || strings.Contains(got, "old.example.com") {
				t.Errorf("listeners:\n%s", got)
			}
			if d := diags(m, "TL002"); len(d) != 0 {
				t.Errorf("unresolved includes: %v", d)
			}
		})
	}
	// Without a stand-in the staged dot file is hidden from the glob, as from nginx.
	dir := tree(t, map[string]string{"nginx.conf": main, "conf.d/.chef-app20261206-1-abc.conf": rendered, "extra/exact.conf": ""})
	m := load(t, dir, "nginx.conf", nil)
	for _, l := range m.Listeners {
		t.Errorf("a listener from a dot file: %s", l.Subject)
	}
	if _, err := os.Stat(filepath.Join(dir, "conf.d/.chef-app20261206-1-abc.conf")); err != nil {
		t.Fatal(err)
	}
}

// TestStandInThroughLink: Debian's layout includes sites-enabled/*, whose
// entries link to sites-available/, where the destination is written.
func TestStandInThroughLink(t *testing.T) {
	const rendered = "server {\n    listen 443 ssl;\n    server_name new.example.com;\n}\n"
	for _, exact := range []bool{false, true} {
		include := "sites-enabled/*"
		if exact {
			include = "sites-enabled/app"
		}
		dir := tree(t, map[string]string{
			"nginx.conf":          "events {}\nhttp {\n    include " + include + ";\n}\n",
			"sites-available/app": "server { listen 443 ssl; server_name old.example.com; }\n",
			"sites-available/.chef-app20261206-1-abc": rendered,
		})
		if err := os.MkdirAll(filepath.Join(dir, "sites-enabled"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("../sites-available/app", filepath.Join(dir, "sites-enabled", "app")); err != nil {
			t.Fatal(err)
		}
		m := lint.NewModel()
		ld := NewLoader(m, &Options{Display: func(abs string) string { r, _ := filepath.Rel(dir, abs); return r }})
		ld.StandIn(filepath.Join(dir, "sites-available/app"), filepath.Join(dir, "sites-available/.chef-app20261206-1-abc"), []byte(rendered))
		if err := ld.LoadPath(filepath.Join(dir, "nginx.conf")); err != nil {
			t.Fatal(err)
		}
		ld.Wait()
		if !ld.Loaded(filepath.Join(dir, "sites-available/app")) {
			t.Errorf("include %s: the destination, behind a link, was not read", include)
		}
		if len(m.Listeners) != 1 || m.Listeners[0].Subject != "server new.example.com:443" {
			for _, l := range m.Listeners {
				t.Errorf("include %s: listener %s", include, l.Subject)
			}
		}
	}
}
