package clients

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlslint/tlslint/fixtures/shared"
)

func TestPresetsResolve(t *testing.T) {
	wantSizes := map[string]int{"modern": 8, "intermediate": 10, "old": 9}
	for _, spec := range presetSpecs {
		for _, m := range spec.members {
			for _, n := range strings.Split(m.profiles, "|") {
				if _, ok := ByName(n); !ok {
					t.Errorf("preset %s: %s maps to %q, which is not a profile", spec.name, m.oldest, n)
				}
			}
		}
		cs, ok := Preset(spec.name)
		if !ok || len(cs) != wantSizes[spec.name] {
			t.Errorf("Preset(%q) has %d clients, want %d", spec.name, len(cs), wantSizes[spec.name])
		}
	}
	if _, ok := Preset("INTERMEDIATE"); !ok {
		t.Error("preset names should be case-insensitive")
	}
	if _, ok := Preset("ancient"); ok {
		t.Error(`Preset("ancient") found something`)
	}
	infos := Presets()
	if len(infos) != 3 || infos[0].Name != "modern" || infos[1].Guideline != "6.0" || infos[2].Guideline != "5.8" {
		t.Errorf("Presets() = %+v", infos)
	}
	var opera *PresetMember
	for i, m := range infos[1].Members {
		if m.Oldest == "Opera 20" {
			opera = &infos[1].Members[i]
		}
	}
	if opera == nil || len(opera.Clients) != 1 || opera.Clients[0].Name != "Chrome 33 Win 7" {
		t.Errorf("intermediate's Opera 20 member = %+v", opera)
	}
}

// TestPresetsFollowMozilla checks each preset's members against the
// guideline JSON it cites (the corpus is read in place, never copied).
func TestPresetsFollowMozilla(t *testing.T) {
	dir := corpusDir(t)
	for _, spec := range presetSpecs {
		path := filepath.Join(dir, "guidelines", "mozilla__ssl-config-generator", "src__static__guidelines__"+spec.guideline+".json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Configurations map[string]struct {
				OldestClients []string `json:"oldest_clients"`
			} `json:"configurations"`
		}
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got []string
		for _, m := range spec.members {
			got = append(got, m.oldest)
		}
		if want := g.Configurations[spec.name].OldestClients; !reflect.DeepEqual(got, want) {
			t.Errorf("preset %s: oldest clients %q, guideline %s says %q", spec.name, got, spec.guideline, want)
		}
	}
}

func corpusDir(t *testing.T) string { return sharedDir(t, "corpus", "TLSLINT_CORPUS") }

func sharedDir(t *testing.T, sub, _ string) string { return shared.Dir(t, sub) }

func names(cs []*Client) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

func TestSelect(t *testing.T) {
	intermediate, _ := Preset("intermediate")
	modern, _ := Preset("modern")
	tests := []struct {
		name string
		spec []string
		want []string
	}{
		{"empty is the default preset", nil, names(intermediate)},
		{"blank entries are ignored", []string{" ", ""}, names(intermediate)},
		{"a preset", []string{"modern"}, names(modern)},
		{"client names and short names", []string{"Android 4.4.2", "java_8u161"}, []string{"Android 4.4.2", "Java 8u161"}},
		{"duplicates dropped, order kept", []string{"IE 8 XP", "android_442", "ie 8 xp"}, []string{"IE 8 XP", "Android 4.4.2"}},
		{"preset plus a client", []string{"modern", "IE 8 XP", "Chrome 70 Win 10"}, append(names(modern), "IE 8 XP")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Select(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names(got), tt.want) {
				t.Errorf("Select(%q) = %q, want %q", tt.spec, names(got), tt.want)
			}
		})
	}
}

func TestSelectUnknown(t *testing.T) {
	tests := []struct {
		in       string
		suggests []string
	}{
		{"Andriod 4.4.2", []string{"Android 4.4.2"}},
		{"chrome 49", []string{"Chrome 49 Win 7", "Chrome 49 XP SP3"}},
		{"intermediat", []string{"intermediate"}},
		{"Netscape 4", nil},
	}
	for _, tt := range tests {
		_, err := Select([]string{"modern", tt.in})
		var ue *UnknownClientError
		if !errors.As(err, &ue) {
			t.Fatalf("Select(%q): error %v, want *UnknownClientError", tt.in, err)
		}
		if ue.Name != tt.in {
			t.Errorf("Name = %q, want %q", ue.Name, tt.in)
		}
		for i, s := range tt.suggests {
			if i >= len(ue.Suggestions) || ue.Suggestions[i] != s {
				t.Errorf("Select(%q): suggestions %q, want %q first", tt.in, ue.Suggestions, tt.suggests)
				break
			}
		}
		if tt.suggests == nil && len(ue.Suggestions) != 0 {
			t.Errorf("Select(%q): suggestions %q, want none", tt.in, ue.Suggestions)
		}
		if !strings.Contains(err.Error(), `unknown client "`+tt.in+`"`) {
			t.Errorf("message %q does not name the input", err)
		}
	}
	_, err := Select([]string{"Andriod 4.4.2"})
	want := `unknown client "Andriod 4.4.2": not a preset (modern, intermediate, old) nor a client profile name; did you mean "Android 4.4.2"`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message = %v, want prefix %q", err, want)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"andriod", "android", 2}, {"kitten", "sitting", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
