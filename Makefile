# tlslint — see README.md. `make test` is what CI runs.
GO      ?= go
CORPUS  ?= $(abspath ../shared/corpus)
BIN     := bin/tlslint
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SHELL   := /bin/bash
.SHELLFLAGS := -o pipefail -c

# the example trees serve certificates from the test PKI in fixtures/certs
DEMOFLAGS := --now 2026-06-01T00:00:00Z --roots fixtures/certs/test-root.pem

.PHONY: all build test e2e demo bench bench-before fuzz fuzz-smoke check corpus docs clean integrations

all: check test

build:
	$(GO) build -o $(BIN) ./cmd/tlslint

# Unit, rule, golden and differential tests. The corpus check runs too when
# ../shared/corpus is there (it says so and skips when it is not).
test:
	TLSLINT_CORPUS=$(CORPUS) $(GO) test ./...

# tlslint inside the real tools (fixtures/integrations): pre-commit against a
# throwaway consumer repository, the GitHub Action's steps, Ansible's
# template validate, Chef's verify staging, version stamping. Needs the
# Debian packages pre-commit, ansible (python3-yaml), git and bash.
integrations:
	TLSLINT_INTEGRATIONS=1 $(GO) test -count=1 -v ./fixtures/integrations 2>&1 | grep -v '^=== RUN'

# The handshake truth harness (fixtures/truth): generated nginx configs run by
# the real nginx (as root, on 127.1.x.x), probed with openssl s_client and
# curl; every case must agree with tlslint. Prints "N agree, M disagree".
# TRUTH_CASES=substring runs a subset.
e2e: build
	TLSLINT_BIN=$(abspath $(BIN)) $(GO) test -tags e2e -count=1 -run '^TestTruth$$' -v ./fixtures/truth | grep -v '^=== RUN'

# Lint the bundled example trees (findings are expected: exit code 1). The
# BIG-IP one is a UCS archive, as `tmsh save sys ucs` writes it: its filestore
# names (":Common:name_id_rev") cannot be files in a Go module.
demo: build
	@echo '$$ tlslint --roots fixtures/certs/test-root.pem fixtures/nginx/broken-proxy' ; ./$(BIN) $(DEMOFLAGS) fixtures/nginx/broken-proxy || true
	@echo ; echo '$$ tlslint --roots fixtures/certs/test-root.pem fixtures/nginx/mozilla-intermediate' ; ./$(BIN) $(DEMOFLAGS) fixtures/nginx/mozilla-intermediate
	@echo ; echo '$$ tlslint --roots fixtures/bigip/multi-partition/roots.pem fixtures/bigip/multi-partition.ucs' ; ./$(BIN) --now 2026-06-01T00:00:00Z --roots fixtures/bigip/multi-partition/roots.pem fixtures/bigip/multi-partition.ucs || true
	@echo ; echo '$$ tlslint fixtures/as3/app.json' ; ./$(BIN) --now 2026-06-01T00:00:00Z fixtures/as3/app.json || true

# The corpus check alone, verbose: every file of ../shared/corpus linted.
corpus:
	TLSLINT_CORPUS=$(CORPUS) $(GO) test -count=1 -run 'TestCorpus' -v ./fixtures/ | grep -v '^=== RUN'

# Go benchmarks, then the whole-run table (fixtures/bench/cmd/bench -table):
# tlslint's wall time (best of 3) and peak RSS on both products at 1x and
# 10x (nginx: 2,000 and 20,000 generated servers; BIG-IP: 1,000 and 10,000
# virtuals) with the growth factors, then the 2,000-server tree against
# nginx -t and a 5,000-virtual bigip.conf against f5-corkscrew's parse
# (installed from npm into .bench when npm is there), each with its target;
# then tlslint drift between two 2,000-server trees against the lint of one.
# BEFORE=<git revision or binary> measures that build too, on the same
# inputs, and prints its columns beside (the before/after table).
BEFORE_BIN = $(if $(wildcard $(BEFORE)),$(abspath $(BEFORE)),$(abspath .bench/tlslint-before))

bench: build $(if $(BEFORE),bench-before)
	$(GO) test -run '^$$' -bench . -benchmem ./fixtures/ ./lint/tls/... ./lint/clients/ ./lint/certs/ ./parsers/...
	@if command -v npm >/dev/null 2>&1 && [ ! -d .bench/node_modules/f5-corkscrew ]; then \
	  npm install --prefix .bench --no-audit --no-fund --silent f5-corkscrew@0.13.0 || true; fi
	$(GO) run ./fixtures/bench/cmd/bench -tlslint $(BIN) -table -runs 3 $(if $(BEFORE),-before $(BEFORE_BIN))
	$(GO) run ./fixtures/bench/cmd/bench -tlslint $(BIN) -drift

# The baseline of `make bench BEFORE=rev`: that revision built from a
# clean export of the repository (the work tree is not touched).
bench-before:
	@if [ ! -f "$(BEFORE)" ]; then \
	  rm -rf .bench/src-before && mkdir -p .bench/src-before && \
	  git archive "$(BEFORE)" | tar -x -C .bench/src-before && \
	  (cd .bench/src-before && $(GO) build -o $(BEFORE_BIN) ./cmd/tlslint) && rm -rf .bench/src-before; fi

# Every parser and decoder, FUZZTIME each (seed corpora in testdata/fuzz).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./parsers/nginx
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./parsers/bigip
	$(GO) test -run '^$$' -fuzz '^FuzzLoadModel$$' -fuzztime $(FUZZTIME) ./parsers/bigip
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./parsers/as3
	$(GO) test -run '^$$' -fuzz '^FuzzExpand$$' -fuzztime $(FUZZTIME) ./lint/tls
	$(GO) test -run '^$$' -fuzz '^FuzzExpand$$' -fuzztime $(FUZZTIME) ./lint/tls/f5
	$(GO) test -run '^$$' -fuzz '^FuzzParseBundle$$' -fuzztime $(FUZZTIME) ./lint/certs
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./lint/config
	$(GO) test -run '^$$' -fuzz '^FuzzUnifiedDiff$$' -fuzztime $(FUZZTIME) ./lint/report

# CI's fuzz pass: every fuzz target above, briefly (the seed corpora in
# testdata/fuzz hold the hostile reproducers: /dev/zero includes, deep
# nesting, one-line BIG-IP objects, inline keys, CRLF). Nine targets at
# SMOKETIME each stay under 2.5 minutes with the instrumented builds.
SMOKETIME ?= 6s
fuzz-smoke:
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(SMOKETIME)

check:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Regenerate the rule pages and README's rule table from the rule metadata.
docs:
	$(GO) test ./cmd/tlslint/internal/cli -run TestDocs -update

clean:
	rm -rf bin
