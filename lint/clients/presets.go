package clients

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// DefaultPreset is the population used when none is configured (CLI.md --clients).
const DefaultPreset = "intermediate"

// PresetInfo describes a preset: which Mozilla guideline it follows and how
// each of the guideline's oldest compatible clients maps to profiles.
type PresetInfo struct {
	Name      string
	Guideline string // Mozilla server-side TLS guideline version ("6.0")
	Members   []PresetMember
}

// PresetMember is one of a guideline's oldest clients and the profiles that
// stand for it.
type PresetMember struct {
	Oldest  string    // as the guideline writes it ("Opera 20")
	Clients []*Client // the profiles in client-simulation.txt
}

// presetSpecs pins each preset to Mozilla's "oldest_clients" of the
// ssl-config-generator guideline JSON (src/static/guidelines/<v>.json) and
// maps every entry to the profile that stands for it, as DESIGN.md ("TLS
// knowledge") fixes. Where the data has no profile for the exact version,
// the nearest one that is at most as capable is taken (a newer version of
// the same client is assumed to do at least as well).
var presetSpecs = []struct {
	name, guideline string
	members         []struct{ oldest, profiles string }
}{
	{
		// Guideline 6.0, configurations.modern.oldest_clients.
		name: "modern", guideline: "6.0",
		members: []struct{ oldest, profiles string }{
			{"Firefox 63", "Firefox 66 (Win 8.1/10)"},
			{"Android 10.0", "Android 10.0 (native)"},
			{"Chrome 70", "Chrome 70 Win 10"},
			{"Edge 75", "Edge 101/Chrome 101 Win 10 21H2"},
			{"Java 11", "Java 11.0.2 (OpenJDK)"},
			{"OpenSSL 1.1.1", "OpenSSL 1.1.1b (Debian)"},
			{"Opera 57", "Opera 60 (Win 10)"},
			{"Safari 12.1", "Safari 12.1 (iOS 12.2)"},
		},
	},
	{
		// Guideline 6.0, configurations.intermediate.oldest_clients.
		name: "intermediate", guideline: "6.0",
		members: []struct{ oldest, profiles string }{
			{"Firefox 31.3.0", "Firefox 31.3.0 ESR Win 7"},
			{"Android 4.4.2", "Android 4.4.2"},
			{"Chrome 49", "Chrome 49 Win 7"},
			{"Edge 15 on Windows 10", "Edge 15 Win 10"},
			{"IE 11 on Windows 10", "IE 11 Win 10"},
			{"Java 8u161", "Java 8u161"},
			{"OpenSSL 1.0.1l", "OpenSSL 1.0.1l"},
			{"Opera 20", "Chrome 33 Win 7"}, // Opera 20 is Chromium 33
			{"Safari 9", "Safari 9 iOS 9|Safari 9 OS X 10.11"},
		},
	},
	{
		// Guideline 5.8, configurations.old.oldest_clients (6.0 has no "old").
		name: "old", guideline: "5.8",
		members: []struct{ oldest, profiles string }{
			{"Firefox 1", "Firefox 10.0.12 ESR Win 7"},
			{"Android 2.3", "Android 2.3.7"},
			{"Chrome 1", "Chrome 27 Win 7"},
			{"Edge 12", "Edge 12 Win 10"},
			{"IE8 on Windows XP", "IE 8 XP"},
			{"Java 6", "Java 6u45"},
			{"OpenSSL 0.9.8", "OpenSSL 0.9.8y"},
			{"Opera 5", "Opera 12.15 Win 7"},
			{"Safari 1", "Safari 5.1.9 OS X 10.6.8"},
		},
	},
}

var presets = sync.OnceValue(func() []PresetInfo {
	var out []PresetInfo
	for _, spec := range presetSpecs {
		info := PresetInfo{Name: spec.name, Guideline: spec.guideline}
		for _, m := range spec.members {
			pm := PresetMember{Oldest: m.oldest}
			for _, n := range strings.Split(m.profiles, "|") {
				// Every name is checked by TestPresetsResolve.
				if c, ok := ByName(n); ok {
					pm.Clients = append(pm.Clients, c)
				}
			}
			info.Members = append(info.Members, pm)
		}
		out = append(out, info)
	}
	return out
})

// Presets describes every preset, in the order modern, intermediate, old.
func Presets() []PresetInfo {
	return append([]PresetInfo(nil), presets()...)
}

// Preset returns the clients of a preset ("modern", "intermediate", "old";
// case-insensitive), in the guideline's order.
func Preset(name string) ([]*Client, bool) {
	for _, p := range presets() {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			var out []*Client
			for _, m := range p.Members {
				out = append(out, m.Clients...)
			}
			return out, true
		}
	}
	return nil, false
}

// UnknownClientError reports a name in a client list that is neither a
// preset nor a client profile.
type UnknownClientError struct {
	Name        string
	Suggestions []string // close names, best first (may be empty)
}

func (e *UnknownClientError) Error() string {
	msg := fmt.Sprintf("unknown client %q: not a preset (modern, intermediate, old) nor a client profile name", e.Name)
	if len(e.Suggestions) > 0 {
		quoted := make([]string, len(e.Suggestions))
		for i, s := range e.Suggestions {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		msg += "; did you mean " + strings.Join(quoted, ", ") + "?"
	}
	return msg
}

// Select resolves a client population: each entry is a preset name or a
// client name or short name (case-insensitive). Duplicates are dropped,
// order is kept. An empty spec selects DefaultPreset. An unknown entry is an
// *UnknownClientError suggesting close names.
func Select(spec []string) ([]*Client, error) {
	var out []*Client
	seen := map[*Client]bool{}
	add := func(cs ...*Client) {
		for _, c := range cs {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	for _, entry := range spec {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		if cs, ok := Preset(entry); ok {
			add(cs...)
			continue
		}
		if c, ok := ByName(entry); ok {
			add(c)
			continue
		}
		return nil, &UnknownClientError{Name: entry, Suggestions: suggest(entry)}
	}
	if len(out) == 0 {
		cs, _ := Preset(DefaultPreset)
		return cs, nil
	}
	return out, nil
}

// suggest returns up to three client or preset names close to name: names
// that contain it (so "chrome 49" finds both Chrome 49 profiles), then names
// within a small edit distance (typos: "Andriod 4.4.2").
func suggest(name string) []string {
	q := strings.ToLower(strings.TrimSpace(name))
	type cand struct {
		name string
		rank int
	}
	var cands []cand
	consider := func(display string, keys ...string) {
		best := -1
		for _, k := range keys {
			k = strings.ToLower(k)
			r := -1
			switch d := editDistance(q, k); {
			case strings.Contains(k, q):
				r = len(k) - len(q) // the closer in length, the better
			case d <= max(2, len(q)/4):
				r = 1000 + d
			}
			if r >= 0 && (best < 0 || r < best) {
				best = r
			}
		}
		if best >= 0 {
			cands = append(cands, cand{display, best})
		}
	}
	for _, p := range presetSpecs {
		consider(p.name, p.name)
	}
	for _, c := range All() {
		consider(c.Name, c.Name, c.Short)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].rank < cands[j].rank })
	var out []string
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
