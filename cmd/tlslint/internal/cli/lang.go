package cli

import (
	"strings"

	"github.com/tlslint/tlslint/lint"
)

// runLang decides the language of a run (CLI.md --lang): the flag, else
// `lang` in .tlslint.hcl, else the locale (LC_ALL, LC_MESSAGES, LANG),
// else English.
func runLang(flagv trackFlag, cfg string, env Env) (lint.Lang, error) {
	if flagv.set {
		l, err := lint.ParseLang(flagv.v)
		if err != nil {
			return "", usagef("--lang: %v", err)
		}
		return l, nil
	}
	if cfg != "" {
		return lint.Lang(cfg), nil
	}
	return lint.LangFromEnv(env.Getenv), nil
}

// argsLang is the language of an invocation error, decided before the
// flags are parsed: a valid --lang among the arguments, else the locale
// (the config file is not read yet).
func argsLang(args []string, env Env) lint.Lang {
	for i, a := range args {
		if a == "--" {
			break
		}
		v, ok := "", false
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				v, ok = args[i+1], true
			}
		case strings.HasPrefix(a, "--lang="), strings.HasPrefix(a, "-lang="):
			_, v, ok = strings.Cut(a, "=")
		}
		if ok {
			if l, err := lint.ParseLang(v); err == nil {
				return l
			}
		}
	}
	return lint.LangFromEnv(env.Getenv)
}
