# tlslint — see README.md. `make test` is what CI runs.
GO      ?= go
CORPUS  ?= $(abspath ../shared/corpus)
BIN     := bin/tlslint
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SHELL   := /bin/bash
.SHELLFLAGS := -o pipefail -c

# the example trees serve certificates from the test PKI in fixtures/certs
DEMOFLAGS := --now 2026-06-01T00:00:00Z --roots fixtures/certs/test-root.pem

.PHONY: all build test demo bench fuzz check corpus docs clean

all: check test

build:
	$(GO) build -o $(BIN) ./cmd/tlslint

# Unit, rule, golden and differential tests. The corpus check runs too when
# ../shared/corpus is there (it says so and skips when it is not).
test:
	TLSLINT_CORPUS=$(CORPUS) $(GO) test ./...

# Lint the bundled example trees (findings are expected: exit code 1).
demo: build
	@echo '$$ tlslint --roots fixtures/certs/test-root.pem fixtures/nginx/broken-proxy' ; ./$(BIN) $(DEMOFLAGS) fixtures/nginx/broken-proxy || true
	@echo ; echo '$$ tlslint --roots fixtures/certs/test-root.pem fixtures/nginx/mozilla-intermediate' ; ./$(BIN) $(DEMOFLAGS) fixtures/nginx/mozilla-intermediate

# The corpus check alone, verbose: every file of ../shared/corpus linted.
corpus:
	TLSLINT_CORPUS=$(CORPUS) $(GO) test -count=1 -run 'TestCorpus' -v ./fixtures/ | grep -v '^=== RUN'

# Go benchmarks, then the whole-run comparison with nginx -t on the
# generated 2,000-server tree (wall time, peak RSS, ratio).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./fixtures/ ./lint/tls/ ./lint/clients/ ./parsers/...
	$(GO) run ./fixtures/bench/cmd/bench -tlslint $(BIN)

FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) ./parsers/nginx
	$(GO) test -run '^$$' -fuzz FuzzExpand -fuzztime $(FUZZTIME) ./lint/tls
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./parsers/bigip

check:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Regenerate the rule pages and README's rule table from the rule metadata.
docs:
	$(GO) test ./lint/cli -run TestDocs -update

clean:
	rm -rf bin
