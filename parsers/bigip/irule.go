package bigip

import "strings"

// irule is what tlslint reads from an iRule: whether it speaks the PROXY
// protocol (HAProxy's PROXY protocol specification, v1 text header
// "PROXY TCP4 …\r\n", v2 binary signature "\r\n\r\n\0\r\nQUIT\n").
type irule struct {
	sends   bool // writes a PROXY header towards the pool member
	expects bool // reads and strips a PROXY header the client sends
}

// event is one `when EVENT [priority N] { body }` of an iRule.
type event struct {
	name string
	body string
}

// events splits an iRule's TCL text into its event handlers, reading it as
// TCL does (comments, quoted and braced words: tcl.go).
func events(src []byte, start, end int) []event {
	s := tclScanner{src: src[:end]}
	var out []event
	i := start
	for i < end {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';':
			i++
			continue
		case c == '#':
			i = s.comment(i)
			continue
		}
		// one command: collect its words
		var words []struct{ off, end int }
		for i < end && src[i] != '\n' && src[i] != ';' {
			if src[i] == ' ' || src[i] == '\t' || src[i] == '\r' {
				i++
				continue
			}
			if src[i] == '\\' && i+1 < end && src[i+1] == '\n' {
				i += 2
				continue
			}
			w := i
			var ok bool
			switch src[i] {
			case '{':
				i, ok = s.braced(i)
			case '"':
				i, ok = s.quoted(i, 0)
			default:
				i, ok = s.bare(i, 0, 0)
			}
			if i <= w {
				i = w + 1
			}
			words = append(words, struct{ off, end int }{w, min(i, end)})
			if !ok {
				break
			}
		}
		if len(words) >= 3 && string(src[words[0].off:words[0].end]) == "when" {
			last := words[len(words)-1]
			if src[last.off] == '{' && last.end-last.off >= 2 {
				out = append(out, event{name: string(src[words[1].off:words[1].end]), body: string(src[last.off+1 : last.end-1])})
			}
		}
	}
	return out
}

// proxyMarkers are the texts of a PROXY protocol header in an iRule,
// compared case-insensitively: the v1 header's first word and protocol,
// and the v2 signature as the hex string `binary scan … H*` produces
// (0d0a0d0a000d0a515549540a) or as TCL escapes.
var proxyMarkers = []string{"proxy tcp", "proxy unknown", "0d0a0d0a000d0a515549540a",
	`\x0d\x0a\x0d\x0a\x00\x0d\x0a\x51\x55\x49\x54\x0a`}

// scanIRule reads an iRule's PROXY protocol use:
//
//   - it sends a header when a SERVER_CONNECTED handler — raised once the
//     connection to the pool member is set up (clouddocs.f5.com/api/irules/
//     SERVER_CONNECTED.html) — writes to the server with TCP::respond,
//     and the rule builds a PROXY header ("PROXY TCP[IP::version] …");
//   - it expects one when CLIENT_ACCEPTED collects the first bytes
//     (TCP::collect) and a CLIENT_DATA handler reads TCP::payload for the
//     "PROXY" keyword or the v2 signature, as DevCentral's "Proxy Protocol
//     Receiver" iRule does (community.f5.com/kb/codeshare/
//     proxy-protocol-receiver/280518).
//
// Comment lines do not count.
func (b *builder) scanIRule(o *Object) irule {
	if r, ok := b.rules[o.FullName]; ok {
		return r
	}
	var r irule
	if o.Raw == nil {
		b.rules[o.FullName] = r
		return r
	}
	src := b.fileOf(o).f.Src
	text := o.Raw.Pos
	evs := events(src, int(text.Offset), min(int(text.End), len(src)))
	header := false
	collects := false
	for _, e := range evs {
		body := stripComments(e.body)
		lower := strings.ToLower(body)
		for _, m := range proxyMarkers {
			if strings.Contains(lower, m) {
				header = true
			}
		}
		if e.name == "CLIENT_ACCEPTED" && strings.Contains(body, "TCP::collect") {
			collects = true
		}
	}
	for _, e := range evs {
		body := stripComments(e.body)
		switch e.name {
		case "SERVER_CONNECTED":
			if header && strings.Contains(body, "TCP::respond") {
				r.sends = true
			}
		case "CLIENT_DATA":
			if collects && strings.Contains(body, "TCP::payload") && (strings.Contains(body, `"PROXY"`) || header) {
				r.expects = true
			}
		}
	}
	b.rules[o.FullName] = r
	return r
}

// stripComments drops TCL comment lines (a '#' where a command starts) from
// a handler body.
func stripComments(body string) string {
	if !strings.Contains(body, "#") {
		return body
	}
	var sb strings.Builder
	for _, line := range strings.SplitAfter(body, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "#") {
			continue
		}
		sb.WriteString(line)
	}
	return sb.String()
}
