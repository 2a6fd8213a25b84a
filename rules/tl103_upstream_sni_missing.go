package rules

import (
	"fmt"

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
		if !u.TLS || u.Unknown != "" || u.SNI.Value || (u.Incomplete && !u.SNI.Set()) {
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
			Message: fmt.Sprintf("%s opens TLS to %s without SNI (%s is off%s): a backend that serves several names answers with the wrong certificate or \"unrecognized name\"",
				u.Kind, host, dir, byDefault(u.SNI.Origin)) + fragmentNote(p.Model, u.Pos)}
		rel := lint.Related{}
		if u.SNI.Set() {
			f.Pos = u.SNI.Pos
			off := map[lint.Product]string{lint.Nginx: "off", lint.BigIP: "none", lint.AS3: "false"}[u.Product]
			f.Message = fmt.Sprintf("%s %s: TLS upstreams it applies to are reached by host name without SNI; a backend that serves several names answers with the wrong certificate or \"unrecognized name\"", dir, off)
			rel = lint.Related{Pos: u.Pos, Message: fmt.Sprintf("%s to %s without SNI (%s)", u.Kind, host, u.Subject)}
		} else if u.Product != lint.Nginx {
			none := "none"
			if u.Product == lint.AS3 {
				none = "false"
			}
			f.Message = fmt.Sprintf("the server-ssl profile sends no SNI (%s %s%s) to the FQDN pool member %s: a backend that serves several names answers with the wrong certificate or \"unrecognized name\"",
				dir, none, byDefault(u.SNI.Origin), host)
		} else if e, ok := insertLineBefore(p.Model, u.Pos, dir+" on;"); ok {
			f.Fixes = []lint.Fix{{Description: "send SNI: " + dir + " on", Safety: lint.Safe, Edits: []lint.Edit{e}}}
		}
		mg.add(f, rel)
	}
	mg.flush()
}
