// Package rules holds tlslint's rules, one file per rule. Each registers
// itself in init with its metadata; the rule pages are generated from it.
package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// merger folds findings that share one cause (the same position and
// message) into one finding whose related locations list every place the
// cause takes effect: "one finding per cause, not one per inherited location".
type merger struct {
	p *lint.Pass
	// found holds the merged findings by value, in the order their causes
	// were first seen, and goes to the pass as it is (flush). A
	// 20,000-server tree has 40,000 TL105 causes: a copy of each behind a
	// pointer, then reported one by one into the pass's own list, held 24
	// MB at the end of the rule.
	found lint.FindingList
	by    map[causeKey]int // index in found
	// related holds the related locations already recorded of the causes
	// that have more than fewRelated of them: a cause that takes effect at
	// 10,000 virtual servers would otherwise compare each new place with
	// every earlier one. The few of the others are scanned: most causes
	// have one place (the 20,000 TL105 causes of the bench tree's
	// "applies to" lines), and a set of them all cost as much again.
	related map[relatedKey]bool
}

// fewRelated is how many related locations of a cause are scanned before
// they are kept in merger.related.
const fewRelated = 8

// causeKey is what makes two findings one cause. A struct, not a string
// joined with fmt.Sprintf: its strings are the finding's own, where a
// joined key copied every message (7.5 MB live at the 20,000-server bench
// tree's peak, more in garbage).
type causeKey struct {
	file     string
	offset   int32
	severity lint.Severity
	message  string
}

type relatedKey struct {
	cause int
	pos   lint.Pos
	text  string
}

func newMerger(p *lint.Pass) *merger {
	return &merger{p: p, by: map[causeKey]int{}, related: map[relatedKey]bool{}}
}

// add records f, or adds rel to the finding already recorded for the same
// cause; it returns the cause's index (see at).
func (m *merger) add(f lint.Finding, rel lint.Related) int {
	f.Fill()
	rel.Fill()
	key := causeKey{f.Pos.File, f.Pos.Offset, f.Severity, f.Message}
	if i, ok := m.by[key]; ok {
		if rel.Pos.IsValid() {
			m.relate(i, rel)
		}
		return i
	}
	if rel.Pos.IsValid() {
		f.Related = append(f.Related, rel)
	}
	i := m.found.Add(f)
	m.by[key] = i
	if len(f.Related) > fewRelated {
		m.index(i)
	}
	return i
}

// relate adds rel to the related locations of cause i unless it lists it
// already.
func (m *merger) relate(i int, rel lint.Related) {
	rel.Fill()
	if !m.recorded(i, rel) {
		m.record(i, rel)
	}
}

// at returns cause i's finding, valid until the next add.
func (m *merger) at(i int) *lint.Finding { return m.found.At(i) }

// recorded reports whether cause i lists rel already.
func (m *merger) recorded(i int, rel lint.Related) bool {
	rs := m.at(i).Related
	if len(rs) > fewRelated {
		return m.related[relatedKey{i, rel.Pos, relText(rel)}]
	}
	for _, r := range rs {
		if r.Pos == rel.Pos && relText(r) == relText(rel) {
			return true
		}
	}
	return false
}

// record adds rel to the related locations of recorded cause i: past
// fewRelated, all of them are in the set.
func (m *merger) record(i int, rel lint.Related) {
	f := m.at(i)
	f.Related = append(f.Related, rel)
	switch n := len(f.Related); {
	case n == fewRelated+1:
		m.index(i)
	case n > fewRelated+1:
		m.related[relatedKey{i, rel.Pos, relText(rel)}] = true
	}
}

// index puts every related location of cause i in the set.
func (m *merger) index(i int) {
	for _, r := range m.at(i).Related {
		m.related[relatedKey{i, r.Pos, relText(r)}] = true
	}
}

// relText is a related location's English text, from Msg when the rule
// has not filled Message yet.
func relText(r lint.Related) string {
	if r.Message != "" {
		return r.Message
	}
	return r.Msg.String()
}

// flush reports the merged findings.
func (m *merger) flush() {
	for i := range m.found.Len() {
		rs := m.at(i).Related
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Pos.Before(rs[j].Pos) })
	}
	m.p.ReportAll(&m.found)
	m.by, m.related = map[causeKey]int{}, map[relatedKey]bool{}
}

// appliesAt is the related location for a setting written elsewhere.
func appliesAt(pos lint.Pos, subject string) lint.Related {
	return lint.Related{Pos: pos, Msg: lint.Msgf("applies to %s", subject)}
}

// lineStart returns the offset of the start of pos's line and its indentation.
func lineStart(src *lint.Source, pos lint.Pos) (int, string) {
	start := src.Offset(int(pos.Line), 1)
	end := start
	for end < len(src.Data) && (src.Data[end] == ' ' || src.Data[end] == '\t') {
		end++
	}
	return start, string(src.Data[start:end])
}

// insertLineBefore builds an edit inserting a directive on its own line
// before the statement at pos, with the same indentation.
func insertLineBefore(m *lint.Model, pos lint.Pos, text string) (lint.Edit, bool) {
	src := m.Source(pos.File)
	if src == nil || src.Path == "" {
		return lint.Edit{}, false
	}
	off, indent := lineStart(src, pos)
	if off+len(indent) != int(pos.Offset) {
		// not alone at the start of its line: insert right before it instead
		return lint.Edit{Pos: src.Pos(int(pos.Offset), int(pos.Offset)), NewText: text + " "}, true
	}
	return lint.Edit{Pos: src.Pos(off, off), NewText: indent + text + lineEnd(src, off)}, true
}

// lineEnd is the line ending of the line starting at off: "\r\n" in a
// file written on Windows (CRLF), so an inserted line matches its
// neighbours.
func lineEnd(src *lint.Source, off int) string {
	if i := bytes.IndexByte(src.Data[off:], '\n'); i > 0 && src.Data[off+i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// replace builds an edit replacing pos's bytes, when they are editable.
func replace(m *lint.Model, pos lint.Pos, text string) (lint.Edit, bool) {
	src := m.Source(pos.File)
	if src == nil || src.Path == "" || !pos.IsValid() {
		return lint.Edit{}, false
	}
	return lint.Edit{Pos: pos, NewText: text}, true
}

// deleteStatement removes a statement, with its line when it stands alone.
func deleteStatement(m *lint.Model, pos lint.Pos) (lint.Edit, bool) {
	src := m.Source(pos.File)
	if src == nil || src.Path == "" {
		return lint.Edit{}, false
	}
	off, indent := lineStart(src, pos)
	rest := int(pos.End)
	for rest < len(src.Data) && (src.Data[rest] == ' ' || src.Data[rest] == '\t') {
		rest++
	}
	if rest+1 < len(src.Data) && src.Data[rest] == '\r' && src.Data[rest+1] == '\n' {
		rest++ // CRLF: the line ends at the \n, the \r goes with it
	}
	if off+len(indent) == int(pos.Offset) && (rest == len(src.Data) || src.Data[rest] == '\n') {
		if rest < len(src.Data) {
			rest++
		}
		return lint.Edit{Pos: src.Pos(off, rest)}, true
	}
	return lint.Edit{Pos: pos}, true
}

// fragmentNote explains an assumption made because a file is linted alone.
func fragmentNote(m *lint.Model, pos lint.Pos) lint.Msg {
	if s := m.Source(pos.File); s != nil && s.Fragment {
		return lint.Msgf(" (this file is linted alone: assuming nginx defaults for what the enclosing blocks would set)")
	}
	return lint.Msg{}
}

// byDefault returns " by default" or "" for a setting's origin.
func byDefault(o lint.Origin) lint.Msg {
	if o.Default {
		return lint.Msgf(" by default")
	}
	return lint.Msgf("")
}

// targetsText lists an upstream's endpoints for messages.
func targetsText(u *lint.Upstream) lint.Msg {
	var parts []string
	for _, t := range u.Targets {
		parts = append(parts, t.String())
	}
	if len(parts) > 3 {
		return lint.Msgf("%s and %d more", strings.Join(parts[:3], ", "), len(parts)-3)
	}
	return lint.Msgf("%s", strings.Join(parts, ", "))
}

// isName reports whether host is a DNS name rather than an IP literal or a socket.
func isName(t lint.Endpoint) bool { return !t.IP && !t.Unix && t.Host != "" }

// socketAnchor returns the listener a finding about a product default is
// reported at: the first listener of l's TLS socket that relies on the same
// default (decided by uses), so that one default is one finding per socket
// with the other servers as related locations, not one per server.
func socketAnchor(m *lint.Model, l *lint.Listener, uses func(*lint.Listener) bool) *lint.Listener {
	for _, b := range l.Binds {
		if b.Socket == nil || !b.Socket.TLS {
			continue
		}
		for _, o := range b.Socket.Binds {
			if o.Listener.Policy != nil && uses(o.Listener) {
				return o.Listener
			}
		}
	}
	return l
}

// quoteValue quotes a certificate or key setting's value in a message: an
// inline data: value (which may hold the key itself) is never repeated,
// and any other value is cut to lint.MaxQuoted.
func quoteValue(v string) string {
	if strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "data:$") {
		return `"data:…" (an inline value)`
	}
	return fmt.Sprintf("%q", lint.Trunc(v))
}
