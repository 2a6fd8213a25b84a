package cli

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/report"
)

// The completion scripts are generated from the same tables the commands
// use: the lint flags from lintFlags.register (a flag added there is
// completed without touching this file), the formats from report.Formats,
// the rule IDs and names from the registry.

// commands in the order the usage lists them, with a one-line description.
var completionCommands = [][2]string{
	{"lint", "lint config trees (the default command)"},
	{"why", "explain log lines by the config lines that cause them"},
	{"drift", "compare what two environments offer"},
	{"rules", "list every rule"},
	{"explain", "a rule's page"},
	{"ciphers", "expand a cipher string"},
	{"clients", "list client profiles"},
	{"version", "version, build and default targets"},
	{"completion", "a shell completion script"},
	{"help", "a command's help"},
}

// flagValues are the fixed values of lint flags; flags not listed take a
// free value, except pathFlags, which take a file.
var flagValues = map[string][]string{
	"fail-on": {"error", "warning", "info", "never"},
	"type":    {"auto", "nginx", "bigip", "as3"},
	"clients": {"modern", "intermediate", "old"},
	"lang":    {"en", "ja"},
}

var pathFlags = map[string]bool{"config": true, "roots": true, "stdin-filename": true}

type complFlag struct {
	name   string
	bool   bool
	values []string // fixed values
	path   bool     // takes a file
}

func lintComplFlags() []complFlag {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	var f lintFlags
	f.register(fs)
	var out []complFlag
	fs.VisitAll(func(fl *flag.Flag) {
		cf := complFlag{name: fl.Name, values: flagValues[fl.Name], path: pathFlags[fl.Name]}
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			cf.bool = true
		}
		switch fl.Name {
		case "format":
			cf.values = report.Formats
		case "enable", "disable":
			cf.values = ruleWords()
		}
		out = append(out, cf)
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// ruleWords are the rule IDs and names `explain` takes.
func ruleWords() []string {
	var ids, names []string
	for _, r := range lint.Rules() {
		ids = append(ids, r.ID)
		if r.Name != "" {
			names = append(names, r.Name)
		}
	}
	return append(ids, names...)
}

func cmdCompletion(args []string, env Env) (int, error) {
	if len(args) != 1 {
		return 2, usagef("completion takes one shell: bash, zsh or fish")
	}
	var s string
	switch args[0] {
	case "bash":
		s = bashCompletion()
	case "zsh":
		s = zshCompletion()
	case "fish":
		s = fishCompletion()
	default:
		return 2, usagef("completion %q: expected bash, zsh or fish", args[0])
	}
	_, err := fmt.Fprint(env.Stdout, s)
	return 0, err
}

func commandNames() string {
	var n []string
	for _, c := range completionCommands {
		n = append(n, c[0])
	}
	return strings.Join(n, " ")
}

func bashCompletion() string {
	flags := lintComplFlags()
	var b strings.Builder
	b.WriteString(`# bash completion for tlslint: source <(tlslint completion bash)
_tlslint() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=lint
    if [[ $COMP_CWORD -gt 1 ]]; then
        case ${COMP_WORDS[1]} in
            ` + strings.ReplaceAll(commandNames(), " ", "|") + `) cmd=${COMP_WORDS[1]} ;;
        esac
    fi
    case $cmd in
        rules) [[ $prev == --format ]] && { COMPREPLY=($(compgen -W "text json" -- "$cur")); return; }
            COMPREPLY=($(compgen -W "--format --help" -- "$cur")); return ;;
        ciphers)
            case $prev in
                --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
                --openssl-version|--bigip-version) return ;;
            esac
            [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--openssl-version --bigip-version --format --help" -- "$cur"))
            return ;;
        explain) COMPREPLY=($(compgen -W "` + strings.Join(ruleWords(), " ") + `" -- "$cur")); return ;;
        clients) COMPREPLY=($(compgen -W "modern intermediate old" -- "$cur")); return ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
        help) COMPREPLY=($(compgen -W "` + commandNames() + `" -- "$cur")); return ;;
        version) return ;;
    esac
    case $prev in
`)
	var names []string
	for _, f := range flags {
		names = append(names, "--"+f.name)
		switch {
		case f.bool:
		case f.values != nil:
			fmt.Fprintf(&b, "        --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f.name, strings.Join(f.values, " "))
		case f.path:
			fmt.Fprintf(&b, "        --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f.name)
		default:
			fmt.Fprintf(&b, "        --%s) return ;;\n", f.name)
		}
	}
	b.WriteString(`    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "` + strings.Join(names, " ") + ` --help" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
    [[ $COMP_CWORD -eq 1 ]] && COMPREPLY+=($(compgen -W "` + commandNames() + `" -- "$cur"))
}
complete -o bashdefault -o filenames -F _tlslint tlslint
`)
	return b.String()
}

// zshQuote quotes a description for _arguments and _describe.
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
}

func zshCompletion() string {
	var b strings.Builder
	b.WriteString(`#compdef tlslint
# zsh completion for tlslint: tlslint completion zsh > "${fpath[1]}/_tlslint"

_tlslint() {
    local -a commands
    commands=(
`)
	for _, c := range completionCommands {
		fmt.Fprintf(&b, "        '%s:%s'\n", c[0], zshQuote(c[1]))
	}
	b.WriteString(`    )
    local cmd=${words[2]}
    if (( CURRENT == 2 )) && [[ ${words[CURRENT]} != -* ]]; then
        _describe -t commands 'tlslint command' commands
        _files
        return
    fi
    case $cmd in
        rules) _arguments '--format[output format]:format:(text json)' ;;
        ciphers) _arguments '--openssl-version[target OpenSSL]:version:' '--bigip-version[target BIG-IP]:version:' \
            '--format[output format]:format:(text json)' ':cipher string:' ;;
        explain) _values 'rule' ` + strings.Join(ruleWords(), " ") + ` ;;
        clients) _values 'preset' modern intermediate old ;;
        completion) _values 'shell' bash zsh fish ;;
        help) _values 'command' ` + commandNames() + ` ;;
        version) ;;
        *) _arguments -S \
`)
	for _, f := range lintComplFlags() {
		spec := "'*--" + f.name + "'"
		switch {
		case f.bool:
		case f.values != nil:
			spec = "'*--" + f.name + ":" + f.name + ":(" + strings.Join(f.values, " ") + ")'"
		case f.path:
			spec = "'*--" + f.name + ":file:_files'"
		default:
			spec = "'*--" + f.name + ":value:'"
		}
		b.WriteString("            " + spec + " \\\n")
	}
	b.WriteString(`            '*:path:_files' ;;
    esac
}

if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _tlslint "$@"
else
    compdef _tlslint tlslint
fi
`)
	return b.String()
}

func fishCompletion() string {
	var b strings.Builder
	cmds := commandNames()
	b.WriteString(`# fish completion for tlslint: tlslint completion fish > ~/.config/fish/completions/tlslint.fish
complete -c tlslint -f
`)
	for _, c := range completionCommands {
		fmt.Fprintf(&b, "complete -c tlslint -n '__fish_use_subcommand' -a %s -d '%s'\n", c[0], strings.ReplaceAll(c[1], "'", `\'`))
	}
	fmt.Fprintf(&b, "complete -c tlslint -n '__fish_seen_subcommand_from explain' -a '%s'\n", strings.Join(ruleWords(), " "))
	b.WriteString(`complete -c tlslint -n '__fish_seen_subcommand_from clients' -a 'modern intermediate old'
complete -c tlslint -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
complete -c tlslint -n '__fish_seen_subcommand_from help' -a '` + cmds + `'
complete -c tlslint -n '__fish_seen_subcommand_from rules ciphers' -l format -x -a 'text json'
complete -c tlslint -n '__fish_seen_subcommand_from ciphers' -l openssl-version -x
complete -c tlslint -n '__fish_seen_subcommand_from ciphers' -l bigip-version -x
`)
	notOther := "'not __fish_seen_subcommand_from rules explain ciphers clients version completion help'"
	b.WriteString("complete -c tlslint -n " + notOther + " -F\n")
	for _, f := range lintComplFlags() {
		line := "complete -c tlslint -n " + notOther + " -l " + f.name
		switch {
		case f.bool:
		case f.values != nil:
			line += " -x -a '" + strings.Join(f.values, " ") + "'"
		case f.path:
			line += " -r -F"
		default:
			line += " -x"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
