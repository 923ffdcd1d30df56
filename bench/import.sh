#!/usr/bin/env bash
# Imports on SQLite and on PostgreSQL in one run: the bundled sample and a
# generated register (bench/generate.py), each into a fresh database of each
# backend, `inferno import` per file as an operator runs it; prints the
# median time of each file and of the whole, and PostgreSQL's time over
# SQLite's. See bench/README.md.
#
#   bench/import.sh                 # --scale 10: 3,000 sites, 30,000 sources, 90,000 findings, 9,000 testimonies
#   SCALE=1 RUNS=1 bench/import.sh
#   POSTGRES=postgres://user@host:5432 bench/import.sh   # the server to make databases on
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-10}
RUNS=${RUNS:-3}
POSTGRES=${POSTGRES:-postgres://postgres@127.0.0.1:5432}
. bench/common.sh python3 psql

databases=()
trap 'for d in "${databases[@]}"; do psql "$POSTGRES" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
psql "$POSTGRES" -Atqc 'SELECT 1' >/dev/null || { echo "bench: PostgreSQL does not answer at $POSTGRES" >&2; exit 1; }

python3 bench/generate.py --scale "$SCALE" "$work/generated" 2>/dev/null
mkdir -p "$work/sample"
cp data/facilities.csv data/sources.csv data/findings.csv data/testimonies.csv data/news.csv "$work/sample/"

# A new, empty database of backend $1, whose URL is then in $url (not
# printed: a subshell would lose the list of databases to drop).
n=0
url=
fresh() {
  n=$((n + 1))
  if [ "$1" = sqlite ]; then
    url="sqlite://$work/db$n.sqlite3"
  else
    local name="inferno_bench_$$_$n"
    psql "$POSTGRES" -qc "CREATE DATABASE $name" >/dev/null
    databases+=("$name")
    url="${POSTGRES%/}/$name"
  fi
}

now() { date +%s%N; }
kinds="sites sources findings testimonies news"

# Imports the five files of folder $1 into database $2; prints each file's
# time in ms, and the total.
import_all() {
  local dir=$1 url=$2 kind file start end total=0 line=""
  "$bin" --data-dir "$work/data" --database-url "$url" migrate >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  for kind in $kinds; do
    file=$dir/$kind.csv
    [ "$kind" = sites ] && file=$dir/facilities.csv
    start=$(now)
    "$bin" --data-dir "$work/data" --database-url "$url" import "$kind" "$file" >/dev/null 2>"$work/err" ||
      { cat "$work/err" >&2; exit 1; }
    end=$(now)
    line="$line $(((end - start) / 1000000))"
    total=$((total + (end - start) / 1000000))
  done
  echo "$line $total"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'inferno import, each file into a fresh database, median of %s runs (ms)\n\n' "$RUNS"
printf '%-10s %-10s %8s %8s %9s %12s %6s %8s\n' data backend sites sources findings testimonies news total
for data in sample generated; do
  declare -A totals=()
  rows=$(wc -l <"$work/$data/findings.csv")
  : >"$work/sqlite.runs"; : >"$work/postgres.runs"
  # Backends alternate run by run, so that a slow spell falls on both.
  for _ in $(seq "$RUNS"); do
    for backend in sqlite postgres; do
      fresh "$backend"
      import_all "$work/$data" "$url" >>"$work/$backend.runs"
    done
  done
  for backend in sqlite postgres; do
    cols=()
    for i in 1 2 3 4 5 6; do cols+=("$(awk -v i="$i" '{ print $i }' "$work/$backend.runs" | median)"); done
    totals[$backend]=${cols[5]}
    printf '%-10s %-10s %8s %8s %9s %12s %6s %8s\n' "$data" "$backend" "${cols[@]}"
  done
  awk -v p="${totals[postgres]}" -v s="${totals[sqlite]}" -v d="$data" -v r="$((rows - 1))" \
    'BEGIN { printf "%-10s PostgreSQL / SQLite: %.2f (%d findings)\n\n", d, p / s, r }'
done
