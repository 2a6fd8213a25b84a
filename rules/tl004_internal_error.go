package rules

import "github.com/tlslint/tlslint/lint"

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL004", Name: "internal-error", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a rule crashed on this input; it was recovered and the other rules still ran",
		Why:     "The crashed rule's checks did not run on this input, so its problems may be missed.",
		Example: "(any input that triggers a bug)",
		Fix:     "Report a bug with the rule ID named in the message and, if you can, the input that triggers it.",
	}})
}
