package rules

import (
	"github.com/tlslint/tlslint/lint/offer"
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL103", Name: "upstream-sni-missing", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "TLS to a host name without SNI (nginx proxy_ssl_server_name off, the default; BIG-IP server-ssl server-name none towards FQDN nodes)",
		Why: "Backends that host several names (CDNs, ingress controllers, cloud load balancers) pick the " +
			"certificate by SNI: without it they answer with a default certificate or abort with \"tlsv1 " +
			"unrecognized name\"; verification then fails on the wrong name. localhost is not reported.",
		Example: "location / {\n    proxy_pass https://api.example.com;\n}",
		Fix:     "Send SNI: proxy_ssl_server_name on; (grpc_ssl_server_name / uwsgi_ssl_server_name for those modules).",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_server_name",
			"https://www.rfc-editor.org/rfc/rfc6066#section-3"},
	}, Check: checkTL103})
}

func checkTL103(p *lint.Pass) {
	mg := newMerger(p)
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" || (u.Incomplete && !u.SNI.Set()) {
			continue
		}
		if f, ok := needsSNI(p, u); ok {
			mg.add(f, lint.Related{})
			continue
		}
		if u.SNI.Value {
			continue
		}
		host := ""
		for _, t := range u.Targets {
			if isName(t) && t.Host != "localhost" {
				host = t.Host
				break
			}
		}
		if host == "" {
			continue
		}
		dir := u.Spell(lint.KnobSNI)
		f := lint.Finding{Pos: u.At(), Subject: u.Subject,
			Msg: lint.Msgf("%s opens TLS to %s without SNI (%s is off%s): a backend that serves several names answers with the wrong certificate or \"unrecognized name\"",
				u.Kind, host, dir, byDefault(u.SNI.Origin)).Join(fragmentNote(p.Model, u.Pos))}
		rel := lint.Related{}
		if u.SNI.Set() {
			f.Pos = u.SNI.Pos
			off := map[lint.Product]string{lint.Nginx: "off", lint.BigIP: "none", lint.AS3: "false"}[u.Product]
			f.Msg = lint.Msgf("%s %s: TLS upstreams it applies to are reached by host name without SNI; a backend that serves several names answers with the wrong certificate or \"unrecognized name\"", dir, off)
			rel = lint.Related{Pos: u.Pos, Msg: lint.Msgf("%s to %s without SNI (%s)", u.Kind, host, u.Subject)}
		} else if u.Product != lint.Nginx {
			none := "none"
			if u.Product == lint.AS3 {
				none = "false"
			}
			f.Msg = lint.Msgf("the server-ssl profile sends no SNI (%s %s%s) to the FQDN pool member %s: a backend that serves several names answers with the wrong certificate or \"unrecognized name\"",
				dir, none, byDefault(u.SNI.Origin), host)
		} else if e, ok := insertLineBefore(p.Model, u.Pos, dir+" on;"); ok {
			f.Fixes = []lint.Fix{{Msg: lint.Msgf("send SNI: %s on", dir), Safety: lint.Safe, Edits: []lint.Edit{e}}}
		}
		mg.add(f, rel)
	}
	mg.flush()
}

// needsSNI judges an upstream whose backend is a listener of the model and
// gets no SNI from it (SNI off, or an IP address, which nginx never sends
// as SNI): the backend's default server answers, and either rejects the
// handshake (ssl_reject_handshake on: "tlsv1 unrecognized name", 502 —
// checked with nginx 1.22) or is another server than the one meant
// (the wrong certificate; with verification, "upstream SSL certificate
// does not match").
func needsSNI(p *lint.Pass, u *lint.Upstream) (lint.Finding, bool) {
	for _, t := range u.Targets {
		if t.Unix || offer.SentSNI(u, t) != "" {
			continue
		}
		meant := offer.IntendedName(u, t)
		for _, s := range p.Model.SocketsAt(t.Host, t.Port) {
			if !s.TLS || s.Default == nil {
				continue
			}
			def := s.Default.Listener
			named := s.Serving(meant)
			var why lint.Msg
			switch {
			case def.RejectHandshake.Value:
				why = lint.Msgf("the default server of %s rejects handshakes without SNI (ssl_reject_handshake on): every request fails with \"tlsv1 unrecognized name\" (502)", lint.HostPort(s.Addr, s.Port))
			case named != nil && named != def:
				why = lint.Msgf("%s's default, %s, answers instead of %s, with its certificate: the wrong certificate for %s", lint.HostPort(s.Addr, s.Port), def.Subject, named.Subject, meant)
				if u.Verify.Value {
					why = lint.Join(why, lint.Msgf(" (verification fails: \"upstream SSL certificate does not match\")"))
				}
			default:
				continue
			}
			how := lint.Msgf("%s is off%s", u.Spell(lint.KnobSNI), byDefault(u.SNI.Origin))
			if u.SNI.Value {
				how = lint.Msgf("%s is on, but no SNI is sent for the IP address %s (RFC 6066)", u.Spell(lint.KnobSNI), meant)
			}
			f := lint.Finding{Pos: u.At(), Subject: u.Subject,
				Msg: lint.Msgf("%s opens TLS to %s without SNI (%s): %s", u.Kind, t, how, why).Join(fragmentNote(p.Model, u.Pos))}
			if u.SNI.Set() && !u.SNI.Value {
				f.Pos = u.SNI.Pos
			}
			f.Related = []lint.Related{{Pos: def.TLSAt(), Msg: lint.Msgf("the backend's default: %s", def.Subject)}}
			if name := backendName(s, named); name != "" && u.Product == lint.Nginx {
				f.Fixes = sniFix(p, u, name)
			}
			return f, true
		}
	}
	return lint.Finding{}, false
}

// backendName is the name to send so that the backend selects a server: the
// server meant, else the socket's only named server.
func backendName(s *lint.Socket, named *lint.Listener) string {
	if named != nil {
		for _, n := range named.Names {
			if n.Literal() && !strings.HasPrefix(n.Value, "*") && !strings.HasPrefix(n.Value, ".") {
				return n.Value
			}
		}
	}
	var only string
	for _, b := range s.Binds {
		for _, n := range b.Listener.Names {
			if !n.Literal() || strings.HasPrefix(n.Value, "*") || strings.HasPrefix(n.Value, ".") {
				continue
			}
			if only != "" && only != n.Value {
				return ""
			}
			only = n.Value
		}
	}
	return only
}

// sniFix switches SNI on and, where proxy_pass names no host nginx would
// send, names the backend's server with proxy_ssl_name.
func sniFix(p *lint.Pass, u *lint.Upstream, name string) []lint.Fix {
	var edits []lint.Edit
	dir := u.Spell(lint.KnobSNI)
	if u.SNI.Set() {
		if e, ok := replace(p.Model, u.SNI.ArgsPos, "on"); ok {
			edits = append(edits, e)
		}
	} else if e, ok := insertLineBefore(p.Model, u.Pos, dir+" on;"); ok {
		edits = append(edits, e)
	}
	nameDir := u.Prefix + "_ssl_name"
	if !strings.EqualFold(name, u.Host) && !u.SNIName.Set() {
		if e, ok := insertLineBefore(p.Model, u.Pos, nameDir+" "+name+";"); ok {
			edits = append(edits, e)
		}
	}
	if len(edits) == 0 || (u.SNI.Set() && !u.SNI.ArgsPos.IsValid()) {
		return nil
	}
	return []lint.Fix{{Msg: lint.Msgf("send SNI %s: %s on; %s %s", name, dir, nameDir, name), Safety: lint.Safe, Edits: edits}}
}
