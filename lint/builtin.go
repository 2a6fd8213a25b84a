package lint

import "fmt"

// The engine's own diagnostics: what goes wrong reading the input, with
// suppressions, or inside tlslint itself. Loaders and the runner report them
// through the model's methods below, never by rule-ID literals.
const (
	ParseErrorRule    = "TL001"
	UnresolvedRule    = "TL002"
	SuppressionRule   = "TL003"
	InternalErrorRule = "TL004"
)

var allFormats = []Product{Nginx, BigIP, AS3}

func init() {
	Register(&Rule{Meta: Meta{
		ID: ParseErrorRule, Name: "parse-error", Severity: Error, Formats: allFormats, AlwaysOn: true,
		Summary: "a file cannot be parsed, or a directive tlslint models has arguments the product refuses",
		Why: "The product refuses to start (nginx: [emerg] in nginx -t) or loads something other than what was " +
			"written; everything after the error is unknown to tlslint too. Other files are still linted.",
		Example: "ssl_protocols TLSv1.2 TLSv1.3\nssl_ciphers HIGH:!aNULL;   # the missing ';' swallows this line",
		Fix:     "Correct the syntax at the reported position: the message says what was expected there.",
	}})
	Register(&Rule{Meta: Meta{
		ID: UnresolvedRule, Name: "include-unresolved", Severity: Warning, Formats: allFormats,
		SeverityNote: "error where nginx refuses to start (a non-glob include of a missing file; a glob matching a directory, a dangling symlink or a symlink loop); info when linting a lone fragment, whose includes are expected to live elsewhere, for a glob that matches nothing, and for an unmapped absolute path outside the linted tree",
		Summary:      "an nginx include (after --map) matches no file, or a BIG-IP object references one that is neither defined nor built in",
		Why: "What the include would have brought in is not linted: findings that depend on it (inherited " +
			"ssl_* settings, upstream groups) cannot be judged. A non-glob include of a missing file also " +
			"stops nginx from starting.",
		Example: "include /etc/nginx/snippets/ssl.conf;   # the repo keeps it in deploy/nginx/snippets",
		Fix:     "Point tlslint at the deployed layout with --map /etc/nginx=deploy/nginx (or path_map in .tlslint.hcl), or fix the path.",
	}})
	Register(&Rule{Meta: Meta{
		ID: SuppressionRule, Name: "suppression-invalid", Severity: Warning, Formats: allFormats,
		Summary: "an inline or config suppression has no reason, names an unknown rule, or matches nothing",
		Why: "A suppression without a reason cannot be reviewed, one with a typo silently suppresses nothing, " +
			"and a stale one hides the next real finding at that place.",
		Example: "# tlslint:ignore TL105\nproxy_pass https://127.0.0.1:9443;",
		Fix:     "Write `# tlslint:ignore TL105 -- why it is fine`, fix the rule ID, or delete the stale suppression.",
	}})
	Register(&Rule{Meta: Meta{
		ID: InternalErrorRule, Name: "internal-error", Severity: Error, Formats: allFormats,
		Summary: "a rule or an input loader crashed on this input; it was recovered and the other rules and files still ran",
		Why:     "The crashed rule's checks (or the crashed file's contents) were not linted, so their problems may be missed.",
		Example: "(any input that triggers a bug)",
		Fix:     "Report a bug with the rule ID or file named in the message and, if you can, the input that triggers it.",
	}})
}

// ParseError records a TL001: the file cannot be parsed at pos, or a
// directive has arguments the product refuses.
func (m *Model) ParseError(pos Pos, format string, args ...any) {
	m.Findings = append(m.Findings, Finding{Rule: ParseErrorRule, Pos: pos, Message: fmt.Sprintf(format, args...), Msg: Msgf(format, args...)})
}

// Unresolved records a TL002: an include or a reference that names nothing.
// sev 0 is the rule's default (warning).
func (m *Model) Unresolved(pos Pos, sev Severity, format string, args ...any) {
	m.Findings = append(m.Findings, Finding{Rule: UnresolvedRule, Severity: sev, Pos: pos, Message: fmt.Sprintf(format, args...), Msg: Msgf(format, args...)})
}

// InternalError records a TL004 for a loader that crashed on file.
func (m *Model) InternalError(file string, message Msg, detail string) {
	pos := Pos{File: file}
	if s := m.Sources[file]; s != nil {
		pos = s.Pos(0, 0)
	}
	m.Findings = append(m.Findings, Finding{Rule: InternalErrorRule, Severity: Error, Pos: pos, Message: message.String(), Msg: message, Detail: detail})
}
