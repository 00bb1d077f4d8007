#!/usr/bin/env bash
# npm run bench: every benchmark, each printing its figures and ratios. PostgreSQL parts run on a
# throwaway cluster (scripts/with-postgres.sh) unless DATABASE_URL is set.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
status=0
for b in import matching wages cockpit; do
  if [ -f "server/bench/$b.bench.ts" ]; then
    echo "== bench:$b"
    bash scripts/with-postgres.sh npm run -s "bench:$b" || status=1
  fi
done
exit $status
