package cli

import "strings"

// commandHelp is what `tlslint CMD --help` (or `tlslint help CMD`) prints;
// the lint command's is the general usage.
var commandHelp = map[string]string{
	"rules": `usage: tlslint rules [--format text|json]

List every rule: ID, name, default severity, the formats it applies to and
a one-line summary. --format json prints an array of
{"id", "name", "severity", "formats", "summary"}.
`,
	"explain": `usage: tlslint explain ID|NAME

Print a rule's page: what breaks, why, an example, how to fix it, how to
suppress it, references. ID is TL101; NAME is upstream-tls-to-plain-port.
`,
	"ciphers": `usage: tlslint ciphers [--openssl-version V[@LEVEL] | --bigip-version V] [--format text|json] STRING

Expand a cipher string as the target would, one suite per line in
'openssl ciphers -v' format, TLS 1.3 suites first. Like 'openssl ciphers -v'
without -s, this is the expansion before the security level filters it.

  --openssl-version V[@LEVEL]  OpenSSL's expansion (default 3.0)
  --bigip-version V            BIG-IP's (tmm's) expansion of F5 cipher strings
  --format text|json           json: {"suites": [...], "unknown": [...]}

example: tlslint ciphers 'ECDHE+AESGCM:!aNULL'
`,
	"clients": `usage: tlslint clients [PRESET]

List the client profiles (protocol range, SNI, number of suites), or the
members of a preset: modern, intermediate (the default population), old.
`,
	"version": `usage: tlslint version

Print tlslint's version, the module version and VCS revision it was built
from (when the build recorded them), and the default targets (nginx,
OpenSSL and security level, BIG-IP).
`,
	"completion": `usage: tlslint completion bash|zsh|fish

Print a shell completion script for commands, flags, their values (formats,
severities, presets, rule IDs) and paths.

  bash: source <(tlslint completion bash)        # in ~/.bashrc
        or: tlslint completion bash > /etc/bash_completion.d/tlslint
  zsh:  tlslint completion zsh > "${fpath[1]}/_tlslint"   # then restart zsh
        or: source <(tlslint completion zsh)     # after compinit
  fish: tlslint completion fish > ~/.config/fish/completions/tlslint.fish
`,
}

// wantsHelp reports whether -h, -help or --help comes before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// helpFor returns a command's help; unknown names and lint get the usage.
func helpFor(cmd string) string {
	if h, ok := commandHelp[strings.TrimSpace(cmd)]; ok {
		return h
	}
	return usage
}
