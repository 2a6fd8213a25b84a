package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/tlslint/tlslint/lint/clients"
	"github.com/tlslint/tlslint/lint/tls"
	"github.com/tlslint/tlslint/lint/tls/f5"
)

// cmdCiphers prints a cipher string's expansion like `openssl ciphers -v`.
func cmdCiphers(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("ciphers", flag.ContinueOnError)
	var osslV, osslBuild, bigipV, format trackFlag
	fs.Var(&osslV, "openssl-version", "")
	fs.Var(&osslBuild, "openssl-build", "")
	fs.Var(&bigipV, "bigip-version", "")
	fs.Var(&format, "format", "")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	if len(pos) != 1 {
		return 2, usagef("ciphers takes one cipher string (quote it: tlslint ciphers 'ECDHE+AESGCM:!aNULL')")
	}
	target := tls.DefaultOpenSSL
	if osslV.set {
		if target, err = tls.ParseOpenSSL(osslV.v); err != nil {
			return 2, usagef("--openssl-version: %v", err)
		}
	}
	if osslBuild.set {
		if target.Build, err = tls.ParseOpenSSLBuild(osslBuild.v); err != nil {
			return 2, usagef("--openssl-build: %v", err)
		}
	}
	var suites []*tls.Suite
	var unknown, absent []string
	if bigipV.set {
		// BIG-IP: F5's grammar and keywords, as tmm expands them
		v, err := f5.ParseVersion(bigipV.v)
		if err != nil {
			return 2, usagef("--bigip-version: %v", err)
		}
		e := f5.Expand(pos[0], v)
		if e.Err != nil {
			return 2, fmt.Errorf("cipher string %q: %v", pos[0], e.Err)
		}
		suites, unknown = e.Suites, e.Unknown
		target = tls.OpenSSL{Major: 3}
	} else {
		// The target's build decides which suites and aliases exist, so
		// this accepts, rejects and lists what `openssl ciphers -v` does
		// on that build (lint/tls's differential test).
		exp := tls.Expand(pos[0], target)
		if exp.Err != nil {
			return 2, fmt.Errorf("cipher string %q: %v", pos[0], exp.Err)
		}
		suites, unknown, absent = exp.Suites, exp.Unknown, exp.Absent
	}
	switch format.v {
	case "", "text":
		fmt.Fprint(env.Stdout, tls.FormatVFor(suites, target))
		if len(unknown) > 0 {
			fmt.Fprintf(env.Stderr, "tlslint: no suite matches %s\n", strings.Join(unknown, ", "))
		}
		if len(absent) > 0 {
			fmt.Fprintf(env.Stderr, "tlslint: not in OpenSSL %s's %s build: %s\n", strings.SplitN(target.String(), "@", 2)[0], target.Build, strings.Join(absent, ", "))
		}
	case "json":
		type row struct {
			Name     string `json:"name"`
			IANA     string `json:"iana"`
			Code     string `json:"code"`
			Protocol string `json:"protocol"`
			Kx       string `json:"kx"`
			Au       string `json:"au"`
			Enc      string `json:"enc"`
			Mac      string `json:"mac"`
		}
		out := struct {
			Suites  []row    `json:"suites"`
			Unknown []string `json:"unknown"`
			Absent  []string `json:"absent"` // real names the target build lacks
		}{Suites: []row{}, Unknown: unknown, Absent: absent}
		if out.Unknown == nil {
			out.Unknown = []string{}
		}
		if out.Absent == nil {
			out.Absent = []string{}
		}
		for _, s := range suites {
			out.Suites = append(out.Suites, row{s.Name, s.IANA, fmt.Sprintf("0x%04X", s.Code), s.Proto.String(), s.Kx, s.Au, s.Enc, s.Mac})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return 2, err
		}
	default:
		return 2, usagef("--format %q: expected text or json", format.v)
	}
	return 0, nil
}

// cmdClients lists client profiles, or a preset's members.
func cmdClients(args []string, env Env) (int, error) {
	fs := flag.NewFlagSet("clients", flag.ContinueOnError)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2, err
	}
	list := clients.All()
	if len(pos) > 1 {
		return 2, usagef("clients takes at most one preset name (modern, intermediate, old)")
	}
	if len(pos) == 1 {
		var ok bool
		if list, ok = clients.Preset(pos[0]); !ok {
			return 2, usagef("no preset %q: expected modern, intermediate or old", pos[0])
		}
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tPROTOCOLS\tSNI\tSUITES")
	for _, c := range list {
		sni := "no"
		if c.SNI {
			sni = "yes"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\n", c.Name, tls.Range(c.Lowest, c.Highest), sni, len(c.Suites)+len(c.TLS13Suites))
	}
	return 0, w.Flush()
}
