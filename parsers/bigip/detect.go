package bigip

import "bytes"

// Detect reports whether data looks like tmsh configuration text (for
// `--type auto`, which looks at content, not at file names): a
// "#TMSH-VERSION:" line, or a first non-comment line that starts a
// top-level object with a known module ("ltm virtual vs {", "sys
// global-settings {"). nginx configuration, JSON (AS3) and archives do not
// match. Only the first 64 KiB are examined.
func Detect(data []byte) bool {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimLeft(line, " \t\r")
		if len(line) == 0 {
			continue
		}
		if line[0] == '#' {
			if bytes.HasPrefix(line, []byte("#TMSH-VERSION:")) {
				return true
			}
			continue
		}
		return lineStartsObject(line, 0)
	}
	return false
}
