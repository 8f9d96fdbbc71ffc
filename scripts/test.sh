#!/usr/bin/env bash
# Run raqib's whole test suite, with the real services some tests need:
# a throwaway PostgreSQL server (scripts/postgres.sh) and a headless
# Chromium (scripts/chromium.sh). Both are installed from Debian's packages
# when absent. Extra arguments go to `go test` (e.g. -run TestX -v).
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(sh scripts/postgres.sh)"
trap 'sh scripts/postgres.sh stop "$RAQIB_TEST_POSTGRES_DIR" >/dev/null 2>&1 || true' EXIT
. scripts/chromium.sh >/dev/null

go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go test -count=1 "$@" ./...
