GO ?= go

.PHONY: build test vet
build:
	$(GO) build -o bin/cecbatch ./cmd/cecbatch

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt needed"; exit 1; }

test: vet
	$(GO) test -race ./...
