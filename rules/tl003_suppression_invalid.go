package rules

import "github.com/tlslint/tlslint/lint"

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL003", Name: "suppression-invalid", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "an inline or config suppression has no reason, names an unknown rule, or matches nothing",
		Why: "A suppression without a reason cannot be reviewed, one with a typo silently suppresses nothing, " +
			"and a stale one hides the next real finding at that place.",
		Example: "# tlslint:ignore TL105\nproxy_pass https://127.0.0.1:9443;",
		Fix:     "Write `# tlslint:ignore TL105 -- why it is fine`, fix the rule ID, or delete the stale suppression.",
	}})
}
