#!/usr/bin/env bash
# The whole suite: typecheck, lint, unit, API integration on PGlite and on PostgreSQL, browser tests in Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh || exit 1
checks=0
for p in shared server web; do npx tsc -p "$p" || checks=1; done
[ $checks -eq 0 ] || echo "test: TypeScript errors above" >&2
npx eslint --max-warnings 0 . || { checks=1; echo "test: lint errors or warnings above" >&2; }
bash scripts/with-postgres.sh npx vitest run "$@"
tests=$?
[ $checks -eq 0 ] && [ $tests -eq 0 ]
