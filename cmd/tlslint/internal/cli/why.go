package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/report"
	"github.com/tlslint/tlslint/lint/why"
)

// maxLogStdin caps what `--log -` reads: a log piped from a stream that
// never ends (tail -f) stops with an error instead of running forever.
const maxLogStdin = 1 << 30

func init() {
	commandHelp["why"] = `usage: tlslint why [flags] --log FILE|- PATH...
       tlslint why [flags] --line 'LOG LINE' PATH...

Explain TLS handshake failures in nginx error logs and BIG-IP ltm logs by
the configuration lines that cause them. PATHs are linted as usual; each
recognised log line is matched to the upstream, listener, virtual server or
pool member it is about, and the findings on those objects whose failure
mode produces the line's reason explain it. Lines with the same reason about
the same object form one diagnosis; other lines are counted and ignored.

  --log FILE|-        a log file (gzip-compressed ones too), or - for standard input (repeatable)
  --line 'LINE'       one log line (repeatable)
  --format text|json  json: the lint document plus "diagnoses"
  and the lint flags (--nginx-version, --openssl-version, --roots, --now, --fail-on, ...)

exit codes: 0 no finding at or above --fail-on explains a line, 1 some does,
2 tlslint could not run

example: tlslint why --log /var/log/nginx/error.log /etc/nginx/nginx.conf
`
}

func cmdWhy(args []string, env Env) (int, error) {
	if wantsHelp(args) {
		fmt.Fprint(env.Stdout, helpFor("why"))
		return 0, nil
	}
	var f lintFlags
	var logs, lines repeatFlag
	fs := flag.NewFlagSet("why", flag.ContinueOnError)
	f.register(fs)
	fs.Var(&logs, "log", "")
	fs.Var(&lines, "line", "")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	switch {
	case len(logs) == 0 && len(lines) == 0:
		return 2, usagef("why: no log given: --log FILE (or - for standard input) or --line 'LOG LINE'")
	case len(paths) == 0:
		return 2, usagef("why: no PATH given: name the nginx.conf or BIG-IP config the log comes from")
	case f.fix.v || f.diff.v || f.unsafeFixes.v:
		return 2, usagef("why: --fix and --diff belong to lint: run 'tlslint --fix PATH' on its own")
	case f.format.set && !slices.Contains(report.WhyFormats, f.format.v):
		return 2, usagef("why: --format %q: expected %s", f.format.v, strings.Join(report.WhyFormats, " or "))
	case slices.Contains(logs, "-") && slices.Contains(paths, "-"):
		return 2, usagef("why: --log - and the PATH - both want standard input")
	}
	s, err := buildSettings(&f, env)
	if err != nil {
		return 2, err
	}
	m, findings, err := lintInContext(paths, s, &f, env)
	if err != nil {
		return 2, err
	}
	d := why.New(m, findings)
	for _, l := range logs {
		if err := readLog(d, l, env); err != nil {
			return 2, err
		}
	}
	for i, l := range lines {
		for _, one := range strings.Split(strings.TrimRight(l, "\n"), "\n") {
			d.Line("--line", i+1, one)
		}
	}
	res := d.Result()
	opts := report.Options{Color: s.format == "text" && env.IsTTY && env.Getenv("NO_COLOR") == "",
		ToolVersion: Version, Rules: lint.Rules(), Cwd: env.Cwd, Lang: s.lang}
	var out bytes.Buffer
	if err := report.WriteWhy(&out, s.format, m, findings, res, opts); err != nil {
		return 2, err
	}
	if _, err := env.Stdout.Write(out.Bytes()); err != nil {
		return 2, err
	}
	return exitCode(res.Explaining(), s.failOn), nil
}

// readLog streams one --log argument into the diagnoser.
func readLog(d *why.Diagnoser, name string, env Env) error {
	if name == "-" {
		if env.Stdin == nil {
			return errors.New("--log -: standard input: nothing to read")
		}
		lr := &io.LimitedReader{R: env.Stdin, N: maxLogStdin + 1}
		r, err := maybeGzip(lr)
		if err != nil {
			return fmt.Errorf("--log -: %v", err)
		}
		if err := d.Read("<stdin>", r); err != nil {
			return err
		}
		if lr.N <= 0 {
			return fmt.Errorf("--log -: more than %d MiB on standard input: pass a file, or cut the log first", maxLogStdin>>20)
		}
		return nil
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(env.Cwd, p)
	}
	st, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("--log %s: no such file", name)
	}
	if st.IsDir() {
		return fmt.Errorf("--log %s: a directory: name the log file (error.log, /var/log/ltm)", name)
	}
	fh, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("--log %s: %v", name, err)
	}
	defer fh.Close()
	r, err := maybeGzip(fh)
	if err != nil {
		return fmt.Errorf("--log %s: %v", name, err)
	}
	return d.Read(displayName(env.Cwd, p), r)
}

// maybeGzip reads a rotated log (error.log.2.gz, logrotate's compress)
// through gzip when it starts with gzip's magic bytes.
func maybeGzip(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %v", err)
		}
		return zr, nil
	}
	return br, nil
}
