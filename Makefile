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
.PHONY: provider provider-schema test-provider

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

## test: lint, unit and mock tests, bounded fuzzing, engine-level tests (Go and YAML), the component package
test: lint test-unit test-fuzz test-e2e test-provider

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

# The component package (provider/, its own module): the plugin
# pulumi-resource-zerotrust that serves ZeroTrustVault to TypeScript, Python,
# YAML, C# and Java programs. A release build links the tag in as the
# package version (PROVIDER_VERSION=v0.2.0; default: the tag on HEAD, if any).
PROVIDER_VERSION ?= $(shell git describe --tags --exact-match 2>/dev/null)
PROVIDER_LDFLAGS := $(if $(PROVIDER_VERSION),-ldflags "-X github.com/zerotrust-kv/pulumi-zerotrust-keyvault/provider/keyvault.Version=$(PROVIDER_VERSION)")

## provider: build the component package's plugin into .bin/plugins
provider:
	cd provider && $(GO) build $(PROVIDER_LDFLAGS) -o ../.bin/plugins/pulumi-resource-zerotrust ./cmd/pulumi-resource-zerotrust

## provider-schema: regenerate provider/schema.json after an intended change of the package's API
provider-schema:
	cd provider && ZEROTRUST_UPDATE_SCHEMA=1 $(GO) test -count=1 -run '^TestSchemaIsGolden$$' .

## test-provider: vet and test the component package (mirror of the Go API, golden schema, SDKs compile)
test-provider:
	cd provider && $(GO) vet ./... && $(GO) test -count=1 -timeout 20m ./...
