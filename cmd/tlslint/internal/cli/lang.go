package cli

import "github.com/tlslint/tlslint/lint"

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
