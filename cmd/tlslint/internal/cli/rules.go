package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tlslint/tlslint/lint"
)

func cmdRules(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "")
	if _, err := parseInterleaved(fs, args); err != nil {
		return 2, err
	}
	switch *format {
	case "json":
		type row struct {
			ID       string   `json:"id"`
			Name     string   `json:"name"`
			Severity string   `json:"severity"`
			Formats  []string `json:"formats"`
			Summary  string   `json:"summary"`
		}
		rows := []row{}
		for _, r := range lint.Rules() {
			rows = append(rows, row{r.ID, r.Name, r.Severity.String(), formats(r), r.Summary})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return 2, err
		}
	case "text":
		w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tSEVERITY\tFORMATS\tSUMMARY")
		for _, r := range lint.Rules() {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, strings.Join(formats(r), ","), r.Summary)
		}
		w.Flush()
	default:
		return 2, usagef("--format %q: expected text or json", *format)
	}
	return 0, nil
}

func formats(r *lint.Rule) []string {
	out := []string{}
	for _, f := range r.Formats {
		out = append(out, string(f))
	}
	return out
}

func cmdExplain(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	var langFlag trackFlag
	fs.Var(&langFlag, "lang", "")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	if len(pos) != 1 {
		return 2, usagef("explain takes one rule ID or name (tlslint explain TL101)")
	}
	r := lint.Lookup(pos[0])
	if r == nil {
		return 2, usagef("no rule %q: 'tlslint rules' lists them", pos[0])
	}
	l, err := runLang(langFlag, "", env)
	if err != nil {
		return 2, err
	}
	WriteRulePageIn(env.Stdout, r, l)
	return 0, nil
}

// WriteRulePage renders a rule's page (Markdown that reads well as text)
// from its metadata: `tlslint explain`, docs/rules/*.md and SARIF help.
func WriteRulePage(w io.Writer, r *lint.Rule) { WriteRulePageIn(w, r, lint.English) }

// WriteRulePageIn renders the page in l (`tlslint explain --lang ja`,
// docs/ja/rules/*.md): the prose and headings translated, the ID, name,
// example and references as they are.
func WriteRulePageIn(w io.Writer, r *lint.Rule, l lint.Lang) {
	m := r.Meta.In(l)
	fmt.Fprintf(w, "# %s %s\n\n", r.ID, r.Name)
	sev := r.Severity.String()
	if m.SeverityNote != "" {
		sev += " (" + m.SeverityNote + ")"
	}
	fmt.Fprint(w, lint.Msgf("Severity: %s  \nApplies to: %s\n\n", sev, strings.Join(formats(r), ", ")).In(l))
	if l == lint.English {
		fmt.Fprintf(w, "Fires when %s.\n\n", strings.TrimSuffix(m.Summary, "."))
	} else {
		fmt.Fprint(w, lint.Msgf("Fires when: %s\n\n", m.Summary).In(l))
	}
	if m.Why != "" {
		fmt.Fprint(w, lint.Msgf("## What breaks\n\n%s\n\n", m.Why).In(l))
	}
	if m.Example != "" {
		fmt.Fprint(w, lint.Msgf("## Example\n\n```\n%s\n```\n\n", m.Example).In(l))
	}
	if m.Fix != "" {
		fmt.Fprint(w, lint.Msgf("## How to fix\n\n%s\n\n", m.Fix).In(l))
	}
	fmt.Fprint(w, lint.Msgf("## Suppress\n\n```\n# tlslint:ignore %s -- why this is fine here\n```\n\nor in .tlslint.hcl: `rule \"%s\" { enabled = false }`\n",
		r.ID, r.ID).In(l))
	if len(r.References) > 0 {
		fmt.Fprint(w, lint.Msgf("\n## References\n\n").In(l))
		for _, ref := range r.References {
			fmt.Fprintf(w, "- %s\n", ref)
		}
	}
}

// WriteRuleTable renders the Markdown rule table for README.md.
func WriteRuleTable(w io.Writer) {
	fmt.Fprintln(w, "| ID | name | severity | applies to | fires when |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range lint.Rules() {
		sev := r.Severity.String()
		if r.SeverityNote != "" {
			sev += " (" + r.SeverityNote + ")"
		}
		fmt.Fprintf(w, "| [%s](docs/rules/%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, sev,
			strings.Join(formats(r), ", "), strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
}
