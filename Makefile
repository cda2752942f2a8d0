# Thin wrappers around scripts/: the README's commands.
.PHONY: run test dev setup bench

run:   ## set up what is missing, build optimized, run with a demo workspace
	scripts/run

test:  ## set up what is missing, run every check and test
	scripts/test

dev:   ## live reload while developing
	scripts/dev

setup: ## only install the tools
	scripts/setup --browser
