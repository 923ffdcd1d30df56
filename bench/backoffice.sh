#!/usr/bin/env bash
# The back office at ten times the register, with drafts waiting: generates
# the synthetic register (bench/generate.py), imports it with a release
# build, adds an editor and a reviewer, makes DRAFTS (1,000) drafts through
# the forms and times every back-office page (bench/backoffice.py). See
# bench/README.md.
#
#   bench/backoffice.sh                  # --scale 10, 1,000 drafts, 20 requests a page
#   SCALE=1 DRAFTS=100 bench/backoffice.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-10}
. bench/common.sh curl python3
export PASSWORD="correct horse battery staple"

python3 bench/generate.py --scale "$SCALE" "$work/csv" 2>/dev/null
data=$work/data
import_generated "$work/csv" "$data"

# Adds an account; prints its TOTP secret.
add_user() {
  printf '%s\n' "$PASSWORD" | "$bin" --data-dir "$data" user add "$1" --role "$2" 2>/dev/null |
    sed -n 's/^otpauth:.*secret=\([A-Z2-7]*\).*/\1/p'
}
editor=$(add_user ivan editor)
reviewer=$(add_user olena admin)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
INFERNO_LOG=warn "$bin" --data-dir "$data" serve --listen "127.0.0.1:$port" >"$work/serve.out" 2>&1 &
pid=$!
for _ in $(seq 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/en/" || true)" = 200 ] && break
  sleep 0.1
done
echo "register: $(($(wc -l <"$work/csv/facilities.csv") - 1)) sites, $(($(wc -l <"$work/csv/findings.csv") - 1)) findings (lines)"
python3 bench/backoffice.py "http://127.0.0.1:$port" "$work/csv" "$editor" "$reviewer"
