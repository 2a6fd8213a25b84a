package rules

import "github.com/tlslint/tlslint/lint"

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL001", Name: "parse-error", Severity: lint.Error,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "a file cannot be parsed, or a directive tlslint models has arguments the product refuses",
		Why: "The product refuses to start (nginx: [emerg] in nginx -t) or loads something other than what was " +
			"written; everything after the error is unknown to tlslint too. Other files are still linted.",
		Example: "ssl_protocols TLSv1.2 TLSv1.3\nssl_ciphers HIGH:!aNULL;   # the missing ';' swallows this line",
		Fix:     "Correct the syntax at the reported position: the message says what was expected there.",
	}})
}
