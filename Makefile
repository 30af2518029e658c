# axis — build, test, benchmark. See README.md.
GO      ?= go
BIN     ?= bin/axis
ADDR    ?= 127.0.0.1:8080
PKGS    := ./...

.PHONY: all build web run serve demo test test-go e2e eval bench vet clean

all: build

## build: the axis binary (embeds the web UI if web/dist was built)
build:
	$(GO) build -o $(BIN) ./cmd/axis

## web: install the UI's npm packages and build the bundle into web/dist
web:
	cd web && npm ci --no-audit --no-fund && npm run build

## run: build UI and binary, then serve the UI and API on the baseline
run: web build
	$(BIN) serve --addr $(ADDR)

serve: run

## demo: a short tour of the baseline on the command line
demo: build
	@set -e; db=$$(mktemp -d)/demo.db; \
	for c in "stats" "relations --between RUS PRK" "search artillery --limit 5" "ledger PRK RUS" "cohesion RUS CHN PRK IRN"; do \
		echo "\$$ axis $$c"; $(BIN) --db $$db $$c; echo; done

## test: vet, every Go test, the coder's evaluation, and the browser tests
test: vet test-go eval e2e

vet:
	$(GO) vet $(PKGS)

test-go:
	$(GO) test -count=1 $(PKGS)
	@[ -n "$$AXIS_TEST_POSTGRES" ] || echo "test-go: the PostgreSQL store's tests were SKIPPED — set AXIS_TEST_POSTGRES to a server's URL (.ci/run starts one)"

## eval: the text coder's precision/recall/F1 on the gold sets (held-out test, then the dev set rules were tuned on)
eval:
	@for set in test dev; do $(GO) run ./cmd/axis eval --gold testdata/gold/$$set.jsonl || exit 1; echo; done

## e2e: browser tests in headless Chromium (needs /usr/bin/chromium)
e2e:
	@if [ -x /usr/bin/chromium ] && [ -f web/package.json ]; then \
		$(MAKE) web build && cd web && AXIS_BIN=$(CURDIR)/$(BIN) npm run e2e; \
	else echo "e2e: SKIPPED — needs Debian's chromium (apt-get install -y chromium) and web/package.json"; fi

## bench: the performance figures every issue names
bench:
	@# The PostgreSQL benchmarks need a server: .ci/postgres.sh starts a throwaway one when PostgreSQL is
	@# installed (or can be, as root); without it they skip and say so.
	bash -c 'set -eo pipefail; \
		if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ "$$(id -u)" = 0 ]; then . .ci/postgres.sh >&2; fi; \
		$(GO) test -run "^$$" -bench . -benchtime 1x -timeout 60m $(PKGS)' | grep -Ev '^(goos|goarch|cpu|pkg):'

clean:
	rm -rf bin test-output web/dist
