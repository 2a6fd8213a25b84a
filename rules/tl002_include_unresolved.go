package rules

import "github.com/tlslint/tlslint/lint"

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL002", Name: "include-unresolved", Severity: lint.Warning,
		Formats:      []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		SeverityNote: "info when linting a lone fragment, whose includes are expected to live elsewhere",
		Summary:      "an nginx include (after --map) matches no file, or a BIG-IP object references one that is neither defined nor built in",
		Why: "What the include would have brought in is not linted: findings that depend on it (inherited " +
			"ssl_* settings, upstream groups) cannot be judged. A non-glob include of a missing file also " +
			"stops nginx from starting.",
		Example: "include /etc/nginx/snippets/ssl.conf;   # the repo keeps it in deploy/nginx/snippets",
		Fix:     "Point tlslint at the deployed layout with --map /etc/nginx=deploy/nginx (or path_map in .tlslint.hcl), or fix the path.",
	}})
}
