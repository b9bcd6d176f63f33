# cecbatch: `make run` and `make test` are all a fresh clone needs (Go 1.26).
GO      ?= go
BIN     := bin/cecbatch
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)
FUZZTIME ?= 10s
FUZZMINIMIZE ?= 10x
PLATFORMS := linux/amd64 linux/arm64 windows/amd64 darwin/arm64
# make install puts the binary in $(DESTDIR)$(PREFIX)/bin.
PREFIX  ?= /usr/local

.PHONY: build install run test lint vet bench fuzz samples dist clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/cecbatch

# Installs bin/cecbatch as $(DESTDIR)$(PREFIX)/bin/cecbatch (mode 0755);
# e.g. sudo make install, or make install PREFIX=$$HOME/.local. The
# systemd units for a nightly run are in contrib/systemd (README).
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/cecbatch

# A trial run on the sample workbooks: samples/ is left untouched
# (--keep-inputs); the last line printed is the run folder.
run: build
	@ls samples/*.xlsx >/dev/null 2>&1 || $(MAKE) samples
	./$(BIN) run --inbox samples --out out --keep-inputs --min-age 0s

# gofmt, vet, then every test with the race detector: the packages, then
# the end-to-end tests of cmd/cecbatch, which build the binary once and
# run it, then the tests of the vendored fpdf's patches (a module of its
# own). Each go test has a deadline far above its time on a 2-core
# machine whose cores other work keeps busy (the end-to-end tests took 10
# minutes there, go test's default deadline): a test that hangs fails with
# every goroutine's stack instead of blocking the build. See the README
# for the time this takes.
TEST_TIMEOUT ?= 15m
E2E_TIMEOUT  ?= 30m
test: lint
	$(GO) test -race -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v '/cmd/cecbatch$$')
	$(GO) test -race -timeout $(E2E_TIMEOUT) ./cmd/cecbatch
	cd third_party/fpdf && $(GO) vet . && $(GO) test -race -timeout $(TEST_TIMEOUT) .

lint: vet
	@files="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))"; \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...

# Whole runs on generated inboxes of 1,000, 10,000 and 100,000 clients
# with 1 and 2 workers, and (on Linux) 1 worker confined to one CPU, each
# in three configurations (pdf: the opinion alone; docx: with the Word
# draft; register: with the register too): wall, CPU, CPU per client, peak
# RSS, the speed-ups over 1 worker and over 1 worker on one CPU (the 2nd
# core column), and the ratios to the floor (fpdf's
# Helvetica document of the same page count, built from the vendored fpdf;
# up to 10,000 clients, from fpdf as released too, through the module
# proxy); the
# night with no input on a register of 100,000 clients, the day after
# and 30 days after (CPU, wall, peak RSS, register.db's size, drafts
# written); then the
# packages' Go benchmarks. One size alone:
#   go run ./cmd/cecbatch-bench -clients 100000 -workers 2
# BENCHFLAGS passes more flags (-configs pdf,letter, -repeat 3, -keep DIR,
# -run-args "...", -register 0, -one-core=false).
bench:
	$(GO) run ./cmd/cecbatch-bench $(BENCHFLAGS)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

# Every fuzz target of every package, $(FUZZTIME) each. Each new
# interesting input is minimised in at most $(FUZZMINIMIZE) executions,
# not the default 60 s: with a workbook per input, the workers otherwise
# spend the whole time minimising and run a handful of inputs.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg; \
	  done; \
	done

samples:
	$(GO) run ./samples/gen

# Static binaries for the supported platforms, version stamped in.
dist:
	@set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=dist/cecbatch-$(VERSION)-$$os-$$arch$$ext; \
	  echo "$$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o $$out ./cmd/cecbatch; \
	done

clean:
	rm -rf bin dist out
