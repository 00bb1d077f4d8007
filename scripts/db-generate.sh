#!/usr/bin/env bash
# Generates the next migration from server/src/db/schema (serialised: parallel edits share one journal).
set -euo pipefail
cd "$(dirname "$0")/../server"
exec flock /tmp/gongfang-db-generate.lock npx drizzle-kit generate --config drizzle.config.ts "$@"
