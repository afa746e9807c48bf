# Zero-trust Azure Key Vault for Pulumi: the targets people expect.
#   make demo   the main job, offline: preview + up of the dev stack with the policy pack
#   make test   every test (what .ci/run calls)
SHELL := /bin/bash
GO ?= go
STACK ?= dev
TARGET ?= offline
FUZZTIME ?= 30s
ZTKV := $(GO) run ./cmd/ztkv

.PHONY: all build tools demo preview up refresh destroy test test-unit test-fuzz test-e2e lint bench clean

all: build

## build: compile everything and build the CLI, the simulator and the policy pack into .bin/
build:
	$(GO) build ./...
	$(ZTKV) build

## tools: same as build (the pinned Pulumi CLI is built once into .bin/cli)
tools: build

## demo: the main job, offline (STACK=dev by default; TARGET=azure deploys for real)
demo:
	$(ZTKV) --stack $(STACK) --target $(TARGET) demo

preview up refresh destroy:
	$(ZTKV) --stack $(STACK) --target $(TARGET) $@

## test: lint, unit and mock tests, bounded fuzzing, engine-level tests
test: lint test-unit test-fuzz test-e2e

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./internal/offline/

test-unit:
	$(GO) test -count=1 ./...

test-fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzPolicies$$' -fuzztime=$(FUZZTIME) ./policy/rules

test-e2e:
	$(GO) test -tags e2e -count=1 -timeout 45m -v ./internal/offline/

## bench: every benchmark (results and the machine go in BENCHMARKS.md); takes several minutes
bench: build
	bash scripts/bench-build.sh
	$(GO) test -run='^$$' -bench=. -benchmem ./component/
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=2s ./policy/rules
	$(GO) test -run='^$$' -bench=Startup -benchtime=50x ./policy
	$(GO) test -tags e2e -run='^$$' -bench=. -benchtime=3x -timeout 60m ./internal/offline/

clean:
	rm -rf .offline
