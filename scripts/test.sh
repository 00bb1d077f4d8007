#!/usr/bin/env bash
# The whole suite: unit, API integration on PGlite and on PostgreSQL, browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
npx tsc -p shared && npx tsc -p server && npx tsc -p web
exec bash scripts/with-postgres.sh npx vitest run "$@"
