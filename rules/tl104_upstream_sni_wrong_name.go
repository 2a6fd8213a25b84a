package rules

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL104", Name: "upstream-sni-wrong-name", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "SNI is sent but carries the wrong name: proxy_pass https://<upstream group> with proxy_ssl_server_name on and no proxy_ssl_name sends the group's name",
		Why: "nginx's default proxy_ssl_name is $proxy_host, which for an upstream{} group is the group's own " +
			"name (\"backend\"), not a host name: the backend selects a default certificate or rejects the " +
			"handshake, and verification against the real name fails. Groups named like a host name " +
			"(containing a dot) are taken as deliberate and not reported.",
		Example:    "upstream backend { server 10.0.0.5:443; }\nproxy_ssl_server_name on;\nproxy_pass https://backend;",
		Fix:        "Set the name the backend serves: proxy_ssl_name api.internal.example.com;",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_name"},
	}, Check: checkTL104})
}

func checkTL104(p *lint.Pass) {
	for _, u := range p.Model.Upstreams {
		if !u.TLS || u.Unknown != "" || !u.SNI.Value || u.SNIName.Value != "" || u.Group == "" || u.Product != lint.Nginx {
			continue
		}
		if strings.Contains(u.Group, ".") {
			continue
		}
		f := lint.Finding{Pos: u.Pos, Subject: u.Subject,
			Msg: lint.Msgf("%s sends SNI %q, the upstream group's name, because %s is not set: the backend cannot match it to a certificate",
				u.Kind, u.Group, u.Prefix+"_ssl_name").Join(fragmentNote(p.Model, u.Pos))}
		if u.GroupPos.IsValid() {
			f.Related = []lint.Related{{Pos: u.GroupPos, Msg: lint.Msgf("upstream %s defined here", u.Group)}}
		}
		p.Report(f)
	}
}
