package report

// Diff is the unified diff of one object's normalized views in two
// environments (tlslint drift): "--- prod\n+++ staging\n@@ …".
type Diff struct {
	Subject string `json:"subject"`
	Unified string `json:"unified"`
}

// diffs writes the drift document's "diffs" array (omitted when nil, as
// for lint; [] when drift found nothing).
func (j *jsonWriter) diffs(p *[]Diff) {
	if p == nil {
		return
	}
	ds := *p
	j.key("diffs")
	j.open('[')
	for _, d := range ds {
		j.item()
		j.open('{')
		j.strField("subject", d.Subject, false)
		j.strField("unified", d.Unified, false)
		j.close('}')
	}
	j.close(']')
}
