#!/usr/bin/env bash
# The static mirror (`inferno export-static`): for the bundled sample and for
# a generated register (bench/generate.py, --scale 10 by default: 3,000
# sites, 30,000 sources, 90,000 findings, 9,000 testimonies, 3,000 news), the
# time the export takes, the number of files, their size on disk and
# compressed (what a host stores and what a reader downloads to copy it all),
# the size of the search indexes, for the mirror served from a host and for
# the one browsed from a folder (--relative). See bench/README.md.
#
#   bench/mirror.sh
#   SCALE=1 bench/mirror.sh     # a tenth of the generated register
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-10}
. bench/common.sh python3 tar gzip du awk

# Exports the data directory $1 twice (for a host, for a folder) and prints what it made.
measure() {
  local label=$1 data=$2
  for mode in host folder; do
    local out=$work/mirror-$label-$mode flag=()
    [ "$mode" = folder ] && flag=(--relative)
    local start end
    start=$(date +%s.%N)
    "$bin" --data-dir "$data" export-static "$out" "${flag[@]}" --public-url https://inferno.example >/dev/null
    end=$(date +%s.%N)
    local files disk packed index
    files=$(find "$out" -type f | wc -l)
    disk=$(du -sb "$out" | awk '{printf "%.1f MiB", $1 / 1048576}')
    packed=$(tar -C "$out" -cf - . | gzip -6 | wc -c | awk '{printf "%.1f MiB", $1 / 1048576}')
    index=$(cat "$out"/static/search-*.js | wc -c | awk '{printf "%.1f MiB", $1 / 1048576}')
    printf '%-22s %-7s %6.1f s  %7d files  %10s on disk  %10s as .tar.gz  search indexes %s\n' \
      "$label" "$mode" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$files" "$disk" "$packed" "$index"
  done
}

# The sample: what `inferno serve` puts into an empty data directory.
sample=$work/sample
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
INFERNO_LOG=warn "$bin" --data-dir "$sample" serve --listen "127.0.0.1:$port" >"$work/out" 2>/dev/null &
pid=$!
for _ in $(seq 600); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
measure sample "$sample"

python3 bench/generate.py --scale "$SCALE" "$work/csv" 2>"$work/generate.txt"
sed "s|$work/csv/||" "$work/generate.txt" | head -5
data=$work/data
import_generated "$work/csv" "$data"
measure "generated (scale $SCALE)" "$data"
