package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
)

// chainRelated lists a BIG-IP defaults-from chain as related locations.
func chainRelated(o lint.Origin) []lint.Related {
	var out []lint.Related
	for _, c := range o.Chain() {
		out = append(out, lint.Related{Pos: c, Msg: lint.Msgf("inherited through defaults-from")})
	}
	return out
}

// suiteNames lists suites for messages, shortening long lists.
func suiteNames(ss []*tls.Suite, max int) lint.Msg {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	if len(names) > max {
		return lint.Msgf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
	}
	return lint.Msgf("%s", strings.Join(names, ", "))
}

// clientTable renders TL205's per-client table; the header, FAIL and the
// failure reasons follow the run's language.
func clientTable(pop []*clients.Client, res []clients.Result) lint.Msg {
	width := len("client")
	for _, c := range pop {
		width = max(width, len(c.Name))
	}
	// the second width lets a translation pad its header words, which take
	// two terminal cells a character (クライアント: 6 characters, 12 cells)
	rows := []any{lint.Msgf("%-[1]*[3]s  %-6[4]s  negotiated, or why it fails", width, width-len("client"), lint.Msgf("client"), lint.Msgf("result"))}
	for i, c := range pop {
		r := res[i]
		if r.OK {
			g := ""
			if r.Group != nil {
				g = " " + r.Group.Name
			}
			rows = append(rows, fmt.Sprintf("%-*s  %-6s  %s %s%s", width, c.Name, "ok", r.Version, r.Suite.Name, g))
		} else {
			rows = append(rows, lint.Msgf("%-*s  %-6s  %s", width, c.Name, "FAIL", r.ReasonMsg))
		}
	}
	// one line per row: "%s\n%s…", a format with nothing to translate
	return lint.Msg{Format: strings.TrimSuffix(strings.Repeat("%s\n", len(rows)), "\n"), Args: rows}
}

// clientNames joins client names for a message.
func clientNames(cs []*clients.Client) lint.Msg {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	sort.Strings(names)
	if len(names) > 4 {
		return lint.Msgf("%s and %d more", strings.Join(names[:4], ", "), len(names)-4)
	}
	return lint.Msgf("%s", strings.Join(names, ", "))
}

// populationName names the client population (--clients) for a message,
// translatable.
func populationName(t *lint.Target) lint.Msg {
	if len(t.Clients) == 1 {
		if _, ok := clients.Preset(t.Clients[0]); ok {
			return lint.Msgf("the %s population", t.Clients[0])
		}
	}
	if len(t.Clients) == 0 {
		return lint.Msgf("the %s population", clients.DefaultPreset)
	}
	return lint.Msgf("the declared clients")
}

// causeName names why a simulated handshake fails, for a message.
func causeName(c clients.Cause) lint.Msg {
	switch c {
	case clients.CauseProtocol:
		return lint.Msgf("protocol")
	case clients.CauseSNI:
		return lint.Msgf("sni")
	case clients.CauseSuite:
		return lint.Msgf("suite")
	case clients.CauseCertType:
		return lint.Msgf("cert-type")
	case clients.CauseGroup:
		return lint.Msgf("group")
	case clients.CauseKeySize:
		return lint.Msgf("key-size")
	case clients.CauseSignature:
		return lint.Msgf("signature")
	case clients.CauseDH:
		return lint.Msgf("dh")
	case clients.CauseSecLevel:
		return lint.Msgf("seclevel")
	}
	return lint.Msgf("%s", c.String())
}
