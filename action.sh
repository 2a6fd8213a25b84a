#!/usr/bin/env bash
# The steps of action.yml (a composite GitHub Action), kept in a script so
# that fixtures/integrations can run them with the environment the runner
# sets: GITHUB_ACTION_PATH (this repository at the action's ref),
# GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT and the inputs
# as INPUT_* variables.
#
#   action.sh install   build tlslint from GITHUB_ACTION_PATH, put it on PATH
#   action.sh run       write the SARIF file, print the report, exit as tlslint
set -euo pipefail

case "${1:-}" in
install)
  bin="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tlslint-action/bin"
  mkdir -p "$bin"
  # GOFLAGS from the runner apply; -trimpath keeps the runner's paths out of the binary
  (cd "$GITHUB_ACTION_PATH" && go build -trimpath -o "$bin/tlslint" ./cmd/tlslint)
  echo "$bin" >>"$GITHUB_PATH"
  "$bin/tlslint" version
  ;;
run)
  cd "${GITHUB_WORKSPACE:-.}"
  read -r -d '' -a paths <<<"${INPUT_PATHS:-}" || true
  read -r -d '' -a args <<<"${INPUT_ARGS:-}" || true
  if [ "${#paths[@]}" -eq 0 ]; then
    echo "::error title=tlslint::the paths input is empty: name an nginx.conf, a config directory, a bigip.conf, a .ucs or an AS3 declaration"
    exit 2
  fi
  sarif="${INPUT_SARIF-tlslint.sarif}"
  if [ -n "$sarif" ]; then
    # Every finding goes to code scanning, whatever fail-on says; only a
    # run that could not lint (exit 2) stops here.
    code=0
    tlslint "${args[@]}" --format sarif --fail-on never "${paths[@]}" >"$sarif" || code=$?
    if [ "$code" -ne 0 ]; then
      echo "::error title=tlslint::tlslint could not run (exit $code)"
      exit "$code"
    fi
  fi
  code=0
  tlslint "${args[@]}" --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-warning}" "${paths[@]}" || code=$?
  {
    echo "sarif=$sarif"
    echo "exit-code=$code"
  } >>"${GITHUB_OUTPUT:-/dev/null}"
  exit "$code"
  ;;
*)
  echo "usage: action.sh install|run" >&2
  exit 2
  ;;
esac
