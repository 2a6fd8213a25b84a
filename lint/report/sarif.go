package report

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tlslint/tlslint/lint"
)

// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
// Only what tlslint has to say is modelled; section numbers below are the
// specification's.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId of relative artifact URIs; GitHub code
	// scanning and the SARIF examples use this name.
	srcRoot = "%SRCROOT%"
	// InformationURI is the tool's home page; rule pages live below it.
	InformationURI = "https://tlslint.dev"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	Invocations        []sarifInvocation        `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
	// §3.14.24: regions count UTF-16 code units unless said otherwise;
	// say it anyway so no consumer guesses.
	ColumnKind string `json:"columnKind"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string         `json:"level"`
	Message    sarifText      `json:"message"`
	Descriptor *sarifRuleRef  `json:"descriptor,omitempty"`
	Properties *sarifNoteProp `json:"properties,omitempty"`
}

type sarifRuleRef struct {
	ID string `json:"id"`
}

type sarifNoteProp struct {
	Detail string `json:"detail,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string           `json:"name"`
	Version        string           `json:"version,omitempty"`
	InformationURI string           `json:"informationUri"`
	Rules          []sarifRuleDescr `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleDescr struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	ShortDescription     *sarifText      `json:"shortDescription,omitempty"`
	FullDescription      *sarifText      `json:"fullDescription,omitempty"`
	Help                 *sarifText      `json:"help,omitempty"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifRuleConf  `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProps `json:"properties,omitempty"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        int                `json:"ruleIndex"`
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations,omitempty"`
	RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix         `json:"fixes,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
	Properties       *sarifResultProps  `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Subject string `json:"subject,omitempty"`
	Detail  string `json:"detail,omitempty"`
	// Unlocated marks a finding that has no position of its own and is
	// shown on the first input file (see SARIF).
	Unlocated bool `json:"unlocated,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      *sarifFixProps        `json:"properties,omitempty"`
}

type sarifFixProps struct {
	Safety string `json:"safety"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
}

// SARIF writes one SARIF 2.1.0 run. Unlike the other formats it keeps
// suppressed findings, marked with a suppression (inSource for a
// `# tlslint:ignore` comment, external for a `.tlslint.hcl` ignore block),
// so code scanning shows them as dismissed rather than forgetting them.
//
// GitHub code scanning rejects a whole file when one result has no
// location with an artifact URI ("locationFromSarifResult: expected at
// least one location", github/codeql-action#2459), although SARIF allows
// it. So a finding without a file (TL004, a rule that crashed) is placed on
// line 1 of the first input file, with properties.unlocated set; when there
// is no input file at all it becomes a tool execution notification instead
// of a result.
func SARIF(w io.Writer, m *lint.Model, fs []lint.Finding, o Options) error {
	rules, index := sarifRules(localRules(o.Rules, o.Lang), fs, o.Lang)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "tlslint", Version: o.ToolVersion, InformationURI: InformationURI, Rules: rules,
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	if o.Cwd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: dirURI(o.Cwd)}}
	}
	loc := locator{m: m, base: o.Cwd != ""}
	anchor := firstSource(m)
	var notes []sarifNotification
	for _, f := range sorted(fs, true) {
		unlocated := f.Pos.File == ""
		if unlocated && anchor == "" {
			n := sarifNotification{Level: sarifLevel(f.Severity), Message: sarifText{Text: f.Message}}
			if f.Rule != "" {
				n.Descriptor = &sarifRuleRef{ID: f.Rule}
			}
			if f.Detail != "" {
				n.Properties = &sarifNoteProp{Detail: f.Detail}
			}
			notes = append(notes, n)
			continue
		}
		if unlocated {
			f.Pos = lint.Pos{File: anchor, Line: 1, Col: 1}
		}
		r := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
		}
		if f.Subject != "" || f.Detail != "" || unlocated {
			r.Properties = &sarifResultProps{Subject: f.Subject, Detail: f.Detail, Unlocated: unlocated}
		}
		if l := loc.location(f.Pos); l != nil {
			r.Locations = []sarifLocation{*l}
		}
		for i, rel := range f.Related {
			l := loc.location(rel.Pos)
			if l == nil {
				continue
			}
			id := i + 1
			l.ID = &id
			l.Message = &sarifText{Text: rel.Message}
			r.RelatedLocations = append(r.RelatedLocations, *l)
		}
		for _, fx := range f.Fixes {
			r.Fixes = append(r.Fixes, loc.fix(fx))
		}
		if s := f.Suppressed; s != nil {
			sup := sarifSuppression{Kind: "external", Justification: s.Reason}
			// An inline comment covers a file; a config ignore block
			// matches subjects and covers none.
			if s.File != "" {
				sup.Kind = "inSource"
				sup.Location = loc.location(s.Pos)
			}
			r.Suppressions = []sarifSuppression{sup}
		}
		run.Results = append(run.Results, r)
	}
	if len(notes) > 0 {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// firstSource is the first input file by name, "" when there is none.
func firstSource(m *lint.Model) string {
	first := ""
	if m != nil {
		if names := m.SourceNames(); len(names) > 0 {
			first = names[0]
		}
	}
	return first
}

// sarifRules builds tool.driver.rules from the catalogue and the index of
// each rule ID in it. A finding whose rule is missing from the catalogue
// (a run without the full registry) gets a minimal descriptor, so that
// every result's ruleIndex is valid (§3.27.6).
func sarifRules(catalogue []*lint.Rule, fs []lint.Finding, l lint.Lang) ([]sarifRuleDescr, map[string]int) {
	index := map[string]int{}
	rules := []sarifRuleDescr{}
	for _, r := range catalogue {
		if r == nil {
			continue
		}
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(rules)
		rules = append(rules, ruleDescr(r, l))
	}
	var extra []lint.Finding
	for _, f := range fs {
		if _, ok := index[f.Rule]; !ok {
			index[f.Rule] = -1
			extra = append(extra, f)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Rule < extra[j].Rule })
	for _, f := range extra {
		index[f.Rule] = len(rules)
		rules = append(rules, sarifRuleDescr{ID: f.Rule, Name: f.Name})
	}
	return rules, index
}

// RuleURL is the documentation page of a rule.
func RuleURL(id string) string { return InformationURI + "/rules/" + id }

// ruleDescr describes a rule whose texts are already in l; l names the
// help's sections.
func ruleDescr(r *lint.Rule, l lint.Lang) sarifRuleDescr {
	d := sarifRuleDescr{
		ID:                   r.ID,
		Name:                 r.Name,
		HelpURI:              RuleURL(r.ID),
		DefaultConfiguration: &sarifRuleConf{Level: sarifLevel(r.Severity)},
	}
	if r.Summary != "" {
		d.ShortDescription = &sarifText{Text: r.Summary}
	}
	if r.Why != "" {
		d.FullDescription = &sarifText{Text: r.Why}
	}
	var text, md []string
	add := func(heading lint.Msg, body string, code bool) {
		title := heading.In(l)
		body = strings.TrimSpace(body)
		if body == "" {
			return
		}
		text = append(text, title+":\n"+body)
		if code {
			md = append(md, "## "+title+"\n\n```\n"+body+"\n```")
		} else {
			md = append(md, "## "+title+"\n\n"+body)
		}
	}
	add(lint.Msgf("Why"), r.Why, false)
	add(lint.Msgf("Example"), r.Example, true)
	add(lint.Msgf("Fix"), r.Fix, false)
	if r.SeverityNote != "" {
		add(lint.Msgf("Severity"), r.SeverityNote, false)
	}
	if len(r.References) > 0 {
		add(lint.Msgf("References"), "- "+strings.Join(r.References, "\n- "), false)
	}
	if len(text) > 0 {
		d.Help = &sarifText{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
	}
	tags := []string{"tls"}
	for _, p := range r.Formats {
		tags = append(tags, string(p))
	}
	d.Properties = &sarifRuleProps{Tags: tags}
	return d
}

// sarifLevel maps severities to SARIF levels (§3.27.10).
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// locator turns positions into SARIF locations, converting byte columns to
// UTF-16 code units with the source text.
type locator struct {
	m    *lint.Model
	base bool // relative URIs are relative to %SRCROOT%
}

func (l locator) artifact(file string) sarifArtifact {
	uri, rel := fileURI(file)
	a := sarifArtifact{URI: uri}
	if rel && l.base {
		a.URIBaseID = srcRoot
	}
	return a
}

func (l locator) location(pos lint.Pos) *sarifLocation {
	if pos.File == "" {
		return nil
	}
	pl := &sarifPhysicalLocation{ArtifactLocation: l.artifact(pos.File)}
	if pos.IsValid() {
		r := l.region(pos)
		// An empty range marks a point; without endLine/endColumn a
		// region runs to the end of its line (§3.30.7), which is how a
		// point finding reads best.
		if pos.End <= pos.Offset && pos.EndLine == pos.Line && pos.EndCol <= pos.Col {
			r.EndLine, r.EndColumn = 0, 0
		}
		pl.Region = &r
	}
	return &sarifLocation{PhysicalLocation: pl}
}

func (l locator) region(pos lint.Pos) sarifRegion {
	src := source(l.m, pos.File)
	r := sarifRegion{StartLine: int(pos.Line), StartColumn: utf16Column(src, int(pos.Line), int(pos.Col))}
	if pos.EndLine > 0 {
		r.EndLine = int(pos.EndLine)
		r.EndColumn = utf16Column(src, int(pos.EndLine), int(pos.EndCol))
	}
	if r.StartColumn < 1 {
		r.StartColumn = 1
	}
	return r
}

func (l locator) fix(fx lint.Fix) sarifFix {
	out := sarifFix{
		Description:     sarifText{Text: fx.Description + " (" + string(fx.Safety) + ")"},
		ArtifactChanges: []sarifArtifactChange{},
		Properties:      &sarifFixProps{Safety: string(fx.Safety)},
	}
	byFile := map[string]int{}
	for _, e := range fx.Edits {
		i, ok := byFile[e.Pos.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.Pos.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: l.artifact(e.Pos.File)})
		}
		// A deletedRegion with equal start and end is an insertion point
		// (§3.57.3), so the region is written in full even when empty.
		rep := sarifReplacement{DeletedRegion: l.region(e.Pos)}
		if rep.DeletedRegion.EndLine == 0 {
			rep.DeletedRegion.EndLine, rep.DeletedRegion.EndColumn = rep.DeletedRegion.StartLine, rep.DeletedRegion.StartColumn
		}
		if e.NewText != "" {
			rep.InsertedContent = &sarifContent{Text: e.NewText}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

// utf16Column converts a 1-based byte column on a line to the 1-based
// UTF-16 column SARIF wants (§3.30.2: columns count UTF-16 code units by
// default). Bytes past the line's text (its line break) count one each.
// Without the source, the byte column is the best there is.
func utf16Column(src *lint.Source, line, byteCol int) int {
	if src == nil || byteCol < 1 {
		return byteCol
	}
	text := src.Line(line)
	n := byteCol - 1
	extra := 0
	if n > len(text) {
		extra = n - len(text)
		n = len(text)
	}
	units := 0
	for i := 0; i < n; {
		r, size := utf8.DecodeRuneInString(text[i:n])
		if r == utf8.RuneError && size <= 1 {
			// An invalid byte decodes to U+FFFD, one unit.
			units++
			i++
			continue
		}
		units += utf16.RuneLen(r)
		i += size
	}
	return units + extra + 1
}

// fileURI renders a display file name as a URI reference (RFC 3986) and
// says whether it is relative. Names are relative slash paths, absolute
// paths for files outside the working directory, and "x.ucs!config/bigip.conf"
// for archive members: "!" is a sub-delimiter, legal in a path as is, while
// spaces, "%", "#", "?", non-ASCII and the like are percent-encoded.
func fileURI(name string) (uri string, relative bool) {
	name = filepath.ToSlash(name)
	switch {
	case strings.HasPrefix(name, "/"):
		return "file://" + escapePath(name, true), false
	case len(name) >= 3 && name[1] == ':' && name[2] == '/' && isLetter(name[0]):
		// A Windows drive path: file:///C:/…
		return "file:///" + escapePath(name, true), false
	}
	// In a relative reference a ":" in the first segment would read as a
	// scheme (RFC 3986 §4.2), so ":" is encoded there.
	return escapePath(name, false), true
}

// dirURI is the file URI of a directory, with the trailing slash that
// originalUriBaseIds requires (§3.14.14).
func dirURI(dir string) string {
	uri, rel := fileURI(dir)
	if rel {
		// A relative working directory is not a valid base; keep it
		// usable as a reference all the same.
		uri = "file:" + uri
	}
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// escapePath percent-encodes every byte that is not an RFC 3986 pchar or
// "/"; colons are kept only when keepColon.
func escapePath(p string, keepColon bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case isLetter(c), c >= '0' && c <= '9', strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0, c == ':' && keepColon:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
