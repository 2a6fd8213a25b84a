package lint

import "strings"

// ParseSuppression reads the text of a comment (without its '#') as a
// `tlslint:ignore RULE… -- reason` or `tlslint:ignore-file …` suppression
// (CLI.md "Suppressions"). It returns nil for any other comment. A
// malformed one comes back with Problem set (TL003). The caller fills in
// the position and the lines it covers, which depend on the format.
func ParseSuppression(text string) *Suppression {
	text = strings.TrimSpace(text)
	s := &Suppression{}
	switch {
	case strings.HasPrefix(text, "tlslint:ignore-file"):
		s.FileWide = true
		text = strings.TrimPrefix(text, "tlslint:ignore-file")
	case strings.HasPrefix(text, "tlslint:ignore"):
		text = strings.TrimPrefix(text, "tlslint:ignore")
	default:
		return nil
	}
	ids, reason, hasReason := strings.Cut(text, "--")
	ids, _, _ = strings.Cut(ids, "#") // a trailing comment is not a rule ID
	s.Reason = strings.TrimSpace(reason)
	s.Rules = strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	switch {
	case len(s.Rules) == 0:
		s.setProblem(Msgf("no rule ID: write `# tlslint:ignore TL105 -- why`"))
	case !hasReason || s.Reason == "":
		s.setProblem(Msgf("missing reason: write `-- why` after the rule IDs"))
	}
	return s
}

// setProblem marks the suppression malformed, in English and as a message.
func (s *Suppression) setProblem(m Msg) {
	s.Problem = m.String()
	s.ProblemMsg = m
}
