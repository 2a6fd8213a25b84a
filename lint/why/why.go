package why

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// Limits that keep memory bounded whatever the log holds.
const (
	// MaxLine caps one log line: nginx writes at most NGX_MAX_ERROR_STR
	// (2048) bytes a line, syslog a few KiB; the rest of a longer line is
	// skipped.
	MaxLine = 16 << 10
	// MaxGroups caps distinct diagnoses; past it, lines about new objects
	// join one diagnosis per reason.
	MaxGroups = 10000
	// maxText caps the line a diagnosis keeps (nginx's own lines are at
	// most 2048 bytes): MaxGroups diagnoses hold at most 40 MiB of text.
	maxText = 4 << 10
)

// Verdicts.
const (
	Explained   = "explained"
	Unexplained = "unexplained"
)

// Diagnosis is one cause: lines with the same reason about the same object.
type Diagnosis struct {
	File    string // the log ("--line" for lines given on the command line)
	Line    int    // the first line of the group
	Text    string // that line
	Count   int
	Product string
	Side    string
	Reason  string
	Peer    string
	Server  string
	Request string
	Subject string // the model object the lines are about
	Verdict string
	// ExplainedBy are the findings whose failure mode produces the reason,
	// on the matched objects, most specific first.
	ExplainedBy []lint.Finding
	Hint        string
	HintMsg     lint.Msg // Hint as a format and arguments, for --lang
}

// Result is a whole diagnosis run.
type Result struct {
	Diagnoses []*Diagnosis // most frequent first, then by log position
	Lines     int          // non-empty lines read
	Ignored   int          // lines that are no recognised handshake failure
}

// Explaining returns the findings that explain some line, each once.
func (r *Result) Explaining() []lint.Finding {
	var out []lint.Finding
	seen := map[string]bool{}
	for _, d := range r.Diagnoses {
		for _, f := range d.ExplainedBy {
			k := f.Rule + "\x00" + f.Pos.String() + "\x00" + f.Message
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// Diagnoser reads log lines and groups them into diagnoses against one
// lint result. Feed it with Read or Line, then call Result.
type Diagnoser struct {
	x       *index
	rules   map[string]*lint.Rule
	groups  map[string]*Diagnosis
	order   []*Diagnosis
	bigip   bigipParser
	bigFile string
	lines   int
	ignored int
}

// New prepares a diagnosis against a model and the findings of its lint.
func New(m *lint.Model, findings []lint.Finding) *Diagnoser {
	d := &Diagnoser{x: newIndex(m, findings), rules: map[string]*lint.Rule{}, groups: map[string]*Diagnosis{}}
	for _, r := range lint.Rules() {
		d.rules[r.ID] = r
	}
	return d
}

// Read streams a log: lines longer than MaxLine are cut, nothing but the
// groups is kept.
func (d *Diagnoser) Read(name string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if long == nil {
				long = append(make([]byte, 0, MaxLine), chunk[:min(len(chunk), MaxLine)]...)
			}
			continue
		}
		if len(chunk) > 0 || long != nil {
			n++
			line := chunk
			if long != nil {
				line, long = long, nil
			}
			d.Line(name, n, string(bytes.TrimRight(line[:min(len(line), MaxLine)], "\r\n")))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
	}
	d.flush()
	return nil
}

// Line takes one log line (n is its 1-based number in file).
func (d *Diagnoser) Line(file string, n int, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.lines++
	if strings.Contains(text, ": 01260") {
		if d.bigFile != file {
			d.flush()
			d.bigFile = file
		}
		ev, done, ok := d.bigip.parse(text, n)
		if !ok {
			d.ignored++
			return
		}
		if done {
			d.add(file, ev)
		}
		return
	}
	ev, ok := parseNginx(text)
	if !ok {
		d.ignored++
		return
	}
	ev.Line, ev.Text = n, text
	d.add(file, ev)
}

func (d *Diagnoser) flush() {
	for _, ev := range d.bigip.flush() {
		d.add(d.bigFile, ev)
	}
}

// add matches an event and counts it into its diagnosis.
func (d *Diagnoser) add(file string, ev Event) {
	var t target
	var idx []int
	if ev.Side == SideStartup {
		idx = d.x.startup(&ev)
		t.subject = ev.File + ":" + strconv.Itoa(ev.FileLine)
	} else {
		t = d.x.match(&ev)
	}
	ident := t.subject
	if ident == "" {
		ident = "peer " + ev.Peer
	}
	reason := ev.Reason
	if reason == ReasonNoMatch {
		reason += " " + ev.Detail // the name nginx verified
	}
	key := strings.Join([]string{file, ev.Product, ev.Side, reason, strconv.Itoa(ev.Code), ident}, "\x00")
	g := d.groups[key]
	overflow := false
	if g == nil && len(d.groups) >= MaxGroups {
		key = strings.Join([]string{file, ev.Product, ev.Side, reason, "(more)"}, "\x00")
		g = d.groups[key]
		overflow = true
	}
	if g != nil {
		g.Count++
		return
	}
	text := ev.Text
	if len(text) > maxText {
		text = text[:maxText]
	}
	g = &Diagnosis{File: file, Line: ev.Line, Text: text, Count: 1, Product: ev.Product, Side: ev.Side,
		Reason: ev.Reason, Peer: ev.Peer, Server: ev.Server, Request: ev.Request, Subject: t.subject}
	if ev.Side == SideUpstream && ev.Reason == ReasonNoMatch {
		g.Reason = ReasonNoMatch + " \"" + ev.Detail + "\""
	}
	if ev.Detail == "verify" {
		g.Reason = fmt.Sprintf("upstream SSL certificate verify error: (%d:%s)", ev.Code, ev.Reason)
	}
	rules, hint, knob := rulesFor(&ev)
	if overflow {
		// past MaxGroups the lines of one reason share a diagnosis whatever
		// they are about: no one object's findings explain them all
		g.Subject, g.Peer, g.Server, g.Request = "", "", "", ""
		g.Verdict = Unexplained
		g.HintMsg = lint.Msgf("more than %d distinct causes in one log: diagnose these lines apart (grep the address)", MaxGroups)
		g.Hint = g.HintMsg.String()
		d.groups[key] = g
		d.order = append(d.order, g)
		return
	}
	if ev.Side == SideStartup {
		g.ExplainedBy = d.startupFindings(idx, rules, ev.Detail)
	} else {
		g.ExplainedBy = d.rank(t, rules, ev.Peer)
	}
	if len(g.ExplainedBy) > 0 {
		g.Verdict = Explained
		g.HintMsg = d.fixHint(g.ExplainedBy[0])
	} else {
		g.Verdict = Unexplained
		g.HintMsg = lint.Join(hintFor(&ev, hint), setting(t, knob), population(t, rules))
		if t.subject == "" && ev.Side != SideStartup && ev.Peer != "" {
			g.HintMsg = g.HintMsg.Join(lint.Msgf("; nothing in the linted config listens or connects at %s", ev.Peer))
		}
	}
	g.Hint = g.HintMsg.String()
	d.groups[key] = g
	d.order = append(d.order, g)
}

// rank returns the findings on the matched objects whose rule can cause
// the reason: by the rule's place in the reason's list, then severity,
// then the object (the upstream the line names before the backend), then
// the findings that name the peer (a pool's member at that address), then
// position.
func (d *Diagnoser) rank(t target, rules []string, peer string) []lint.Finding {
	if len(rules) == 0 {
		return nil
	}
	place := map[string]int{}
	for i, r := range rules {
		place[r] = i
	}
	type cand struct{ i, obj int }
	var cs []cand
	seen := map[int]bool{}
	obj := 0
	take := func(o any) {
		for _, i := range d.x.byObject[o] {
			if _, ok := place[d.x.findings[i].Rule]; ok && !seen[i] {
				seen[i] = true
				cs = append(cs, cand{i, obj})
			}
		}
		obj++
	}
	for _, u := range t.upstreams {
		take(u)
	}
	for _, l := range t.listeners {
		take(l)
	}
	fs := d.x.findings
	sort.SliceStable(cs, func(a, b int) bool {
		fa, fb := fs[cs[a].i], fs[cs[b].i]
		if place[fa.Rule] != place[fb.Rule] {
			return place[fa.Rule] < place[fb.Rule]
		}
		if fa.Severity != fb.Severity {
			return fa.Severity > fb.Severity
		}
		if cs[a].obj != cs[b].obj {
			return cs[a].obj < cs[b].obj
		}
		if na, nb := names(fa, peer), names(fb, peer); na != nb {
			return na
		}
		return fa.Pos.Before(fb.Pos)
	})
	out := make([]lint.Finding, 0, len(cs))
	for _, c := range cs {
		out = append(out, fs[c.i])
	}
	return out
}

// names reports whether a finding's message names the address (as a whole
// host:port, not a prefix of a longer one).
func names(f lint.Finding, peer string) bool {
	if peer == "" {
		return false
	}
	i := strings.Index(f.Message, peer)
	if i < 0 {
		return false
	}
	end := i + len(peer)
	return end == len(f.Message) || f.Message[end] < '0' || f.Message[end] > '9'
}

// startupFindings: the findings at the line nginx names, errors first;
// for a start-up failure that names no line, those of the reason's rules
// anywhere.
func (d *Diagnoser) startupFindings(idx []int, rules []string, file string) []lint.Finding {
	var out []lint.Finding
	if len(idx) > 0 {
		for _, i := range idx {
			out = append(out, d.x.findings[i])
		}
	} else if len(rules) > 0 {
		want := map[string]bool{}
		for _, r := range rules {
			want[r] = true
		}
		var named []lint.Finding
		base := path.Base(filepath.ToSlash(file))
		for _, f := range d.x.findings {
			if want[f.Rule] && f.Suppressed == nil {
				out = append(out, f)
				if file != "" && strings.Contains(f.Message, base) {
					named = append(named, f)
				}
			}
		}
		// the file nginx names picks the finding about it
		if len(named) > 0 {
			out = named
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if sa, sb := refusesStart(out[a]), refusesStart(out[b]); sa != sb {
			return sa
		}
		if out[a].Severity != out[b].Severity {
			return out[a].Severity > out[b].Severity
		}
		return out[a].Pos.Before(out[b].Pos)
	})
	return out
}

// setting quotes the matched listener's setting a reason is about, for an
// unexplained line: "; there: ssl_ecdh_curve "X448" (nginx.conf:95:9)".
func setting(t target, knob string) lint.Msg {
	if knob == "" || len(t.listeners) == 0 || t.listeners[0].Policy == nil {
		return lint.Msg{}
	}
	l := t.listeners[0]
	var v string
	var o lint.Origin
	switch knob {
	case "protocols":
		v, o = l.Policy.Protocols.Value.String(), l.Policy.Protocols.Origin
	case "ciphers":
		v, o = l.Policy.Ciphers.Value, l.Policy.Ciphers.Origin
	case "groups":
		v, o = l.Policy.Groups.Value, l.Policy.Groups.Origin
	}
	if v == "" {
		return lint.Msg{}
	}
	if o.Default || !o.Pos.IsValid() {
		return lint.Msgf("; %s: %s %q by default", l.Subject, knob, v)
	}
	return lint.Msgf("; %s: %s %q at %s", l.Subject, knob, v, o.Pos)
}

// population: the rules that judge clients judge the declared population
// only (--clients); the client in the log may be outside it. Said only
// when the line is about a listener of the config.
func population(t target, rules []string) lint.Msg {
	if len(t.listeners) == 0 {
		return lint.Msg{}
	}
	for _, r := range rules {
		switch r {
		case "TL208":
			return lint.Msgf("; TL208 judges only the declared clients (--clients): a TLS 1.3 client is in --clients modern")
		case "TL205", "TL210":
			return lint.Msgf("; %s judges only the declared clients (--clients): this client may be outside them", r)
		}
	}
	return lint.Msg{}
}

// refusesStart: the finding says nginx will not start (what an [emerg]
// line is).
func refusesStart(f lint.Finding) bool {
	return strings.Contains(f.Message, "refuses to start") || strings.Contains(f.Message, "does not start")
}

// fixHint words what to change: the finding's first fix, else its rule's
// advice, at the finding's place.
func (d *Diagnoser) fixHint(f lint.Finding) lint.Msg {
	var what lint.Msg
	if len(f.Fixes) > 0 {
		what = f.Fixes[0].Msg
		if what.IsZero() && f.Fixes[0].Description != "" {
			what = lint.Msgf("%s", f.Fixes[0].Description)
		}
	} else if r := d.rules[f.Rule]; r != nil && strings.TrimSpace(r.Fix) != "" {
		what = lint.Clause(r.Fix)
	}
	at := f.Pos.String()
	if what.IsZero() {
		what = f.Msg
		if what.IsZero() {
			what = lint.Msgf("%s", f.Message)
		}
	}
	return lint.Msgf("%s at %s: %s", f.Rule, at, what)
}

// Result returns the diagnoses, most frequent first.
func (d *Diagnoser) Result() *Result {
	d.flush()
	out := append([]*Diagnosis(nil), d.order...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return &Result{Diagnoses: out, Lines: d.lines, Ignored: d.ignored}
}
