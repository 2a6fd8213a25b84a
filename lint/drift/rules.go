package drift

import "github.com/tlslint/tlslint/lint"

// The drift findings. They compare two models, so they are no per-model
// rules (Check is nil, like the engine's TL001–TL004): Compare produces
// them and the CLI hands them to the runner with each environment's model,
// so suppressions, severity overrides and --enable/--disable apply as for
// any rule. Their cases live in fixtures/drift, not in rules/testdata.
const (
	DriftRule   = "TL401"
	MissingRule = "TL402"
)

var formats = []lint.Product{lint.Nginx, lint.BigIP, lint.AS3}

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: DriftRule, Name: "environment-drift", Severity: lint.Warning, Formats: formats,
		Summary: "the same listener or upstream offers different TLS in two environments (tlslint drift): protocols, suites, groups, SNI, verification, certificate issuer/key/names/chain, upstream scheme/targets, PROXY protocol",
		Why: "Staging exists to show what production will do. When the effective TLS of the same endpoint differs, a client " +
			"or backend that passes in one environment fails in the other (\"staging accepts TLS 1.2, production only TLS 1.3\"), " +
			"and a change tested in staging is not the change production gets.",
		Example: "# prod/nginx.conf\nssl_protocols TLSv1.3;\n# staging/nginx.conf\nssl_protocols TLSv1.2 TLSv1.3;",
		Fix: "Make the environments offer the same: change the line the finding points at (or the reference's, noted with it). " +
			"Equal behaviour written differently is never reported; map host names that differ by design with hostname_map.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_ssl_module.html"},
	}})
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: MissingRule, Name: "environment-object-missing", Severity: lint.Info, Formats: formats,
		Summary: "a TLS listener or upstream exists in one environment and not in the other (tlslint drift)",
		Why: "What exists in only one environment is not tested by the other: a name served only in production was never " +
			"tried in staging. It may also be the same object under another name that hostname_map should map.",
		Example: "# prod/nginx.conf\nserver { listen 443 ssl; server_name api.example.com; … }\n# staging: no such server",
		Fix:     "Add the object to the other environment, or map its name with hostname_map in the environment block of .tlslint.hcl.",
	}})
}
