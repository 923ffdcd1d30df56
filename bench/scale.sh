#!/usr/bin/env bash
# Ten times the register: generates a synthetic dataset (bench/generate.py),
# imports it into a fresh data directory with a release build, and prints how
# long each import takes, how long `inferno serve` takes to answer its first
# page, the server's resident memory, how long a change takes to show, and the
# size of the largest pages. See bench/README.md.
#
#   bench/scale.sh              # --scale 10: 3,000 sites, 30,000 sources, 90,000 findings
#   SCALE=1 bench/scale.sh      # a tenth of that
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-10}
RUNS=${RUNS:-3}
. bench/common.sh curl python3

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); } # start end (ns) -> ms
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
mem() { awk -v f="$1" '$1 == f":" {print $2}' "/proc/$pid/status"; } # VmRSS | VmHWM, in kB


# 1. The dataset.
start=$(now)
python3 bench/generate.py --scale "$SCALE" "$work/csv" 2>"$work/generate.txt"
end=$(now)
echo "== bench/generate.py --scale $SCALE ($(ms "$start" "$end") ms)"
sed "s|$work/csv/||" "$work/generate.txt"

# What the measurements need from it: the site with the most findings, one with
# the median number, 50 site ids, one news id.
read -r heavy median news sites50 < <(python3 - "$work/csv" <<'PY'
import csv, sys
d = sys.argv[1]
count = {}
for r in csv.DictReader(open(f"{d}/findings.csv", encoding="utf-8")):
    count[r["site_id"]] = count.get(r["site_id"], 0) + 1
by = sorted(count, key=lambda k: (count[k], k))
ids = [r["id"] for r in csv.DictReader(open(f"{d}/facilities.csv", encoding="utf-8"))]
news = next(csv.DictReader(open(f"{d}/news.csv", encoding="utf-8")))["id"]
print(by[-1], by[len(by) // 2], news, ",".join(ids[:50]))
PY
)

# 2. The imports, in dependency order, into a fresh data directory.
data=$work/data
echo
echo "== inferno import into a fresh data directory"
printf '%-16s %8s %11s %9s\n' file rows bytes time
for pair in sites:facilities sources:sources findings:findings testimonies:testimonies news:news; do
  kind=${pair%%:*} file=$work/csv/${pair#*:}.csv
  start=$(now)
  "$bin" --data-dir "$data" import "$kind" "$file" >"$work/import.out" 2>&1 || { cat "$work/import.out" >&2; exit 1; }
  end=$(now)
  rows=$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))))' "$file") - 1))
  printf '%-16s %8s %11s %6s ms\n' "${pair#*:}.csv" "$rows" "$(stat -c %s "$file")" "$(ms "$start" "$end")"
done
echo "database: $(stat -c %s "$data/inferno.sqlite3") bytes (+ $(stat -c %s "$data/inferno.sqlite3-wal" 2>/dev/null || echo 0) WAL)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
code() { curl -s -o /dev/null -w '%{http_code}' "$base$1" || true; }

# Starts the server and polls /en/ every 20 ms; sets started_ms, listening_ms
# (when it printed its address) and request_ms (the successful request).
start_server() {
  : >"$work/serve.out"
  local t0 t_try t_listen="" line
  t0=$(now)
  INFERNO_LOG=info,sqlx=error "$bin" --data-dir "$data" serve --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.err" &
  pid=$!
  for _ in $(seq 3000); do
    t_try=$(now)
    if [ -z "$t_listen" ] && grep -q "listening on" "$work/serve.out"; then t_listen=$t_try; fi
    line=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base/en/" || true)
    if [ "${line%% *}" = 200 ]; then
      started_ms=$(ms "$t0" "$(now)")
      # Listening since before this request at the latest.
      [ -n "$t_listen" ] || t_listen=$t_try
      listening_ms=$(ms "$t0" "$t_listen")
      request_ms=$(awk -v s="${line#* }" 'BEGIN { printf "%.0f", s * 1000 }')
      return
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.02
  done
  echo "the server did not answer /en/ within a minute" >&2
  exit 1
}

stop_server() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

# 3. Startup, RUNS times; memory after each. What comes before the address
# is printed: opening and migrating the database (timed alone with `inferno
# migrate`), loading the catalog, the intake sweep; after it, rendering /en/.
echo
start=$(now)
"$bin" --data-dir "$data" migrate >/dev/null 2>&1
end=$(now)
echo "== inferno migrate on the imported database (start, open, migrate, exit): $(ms "$start" "$end") ms"
echo "== inferno serve: from start to the first 200 of /en/ (polled every 20 ms)"
printf '%-4s %14s %11s %14s %9s %9s\n' run "address shown" "first 200" "that request" VmRSS VmHWM
for run in $(seq "$RUNS"); do
  start_server
  printf '%-4s %11s ms %8s ms %11s ms %9s %9s\n' "$run" "$listening_ms" "$started_ms" "$request_ms" \
    "$(mib "$(mem VmRSS)")" "$(mib "$(mem VmHWM)")"
  if [ "$run" -lt "$RUNS" ]; then stop_server; fi
done
rss0=$(mem VmRSS) hwm0=$(mem VmHWM)

# 4. The largest pages, uncompressed and as gzip, on the last server of 3a:
# each request but the one for /en/ (rendered by the poll) renders its page.
echo
echo "== page sizes (bytes; the cap is 150 KiB = 153600 bytes)"
printf '%-38s %10s %9s %10s %s\n' page uncompressed gzip "request" ""
for p in /en/ /en/sites /uk/sites /en/news /en/changes "/en/sites/$heavy" "/en/sites/$median"; do
  read -r c size t < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$base$p")
  [ "$c" = 200 ] || { echo "$p answered $c" >&2; exit 1; }
  gz=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$base$p")
  over=""
  if [ "$size" -gt 153600 ]; then over="over the cap"; fi
  printf '%-38s %10s %9s %7s ms %s\n' "$p" "$size" "$gz" "$(awk -v s="$t" 'BEGIN { printf "%.0f", s * 1000 }')" "$over"
done
echo "($heavy has the most findings, $median the median number; /en/ was rendered by the startup poll, the others by the request timed here)"

# 5. Memory after a representative set of pages, both languages, on the
# same server. There is no page per source; a news item stands in for it.
paths=()
for lang in en uk; do
  paths+=("/$lang/" "/$lang/sites" "/$lang/news" "/$lang/news/$news")
  for id in ${sites50//,/ }; do paths+=("/$lang/sites/$id"); done
done
start=$(now)
for p in "${paths[@]}"; do
  c=$(code "$p")
  [ "$c" = 200 ] || { echo "$p answered $c" >&2; exit 1; }
done
end=$(now)
echo
echo "== resident memory of the server"
echo "after the first 200 of /en/: VmRSS $(mib "$rss0"), VmHWM $(mib "$hwm0")"
echo "after the pages above and ${#paths[@]} more (home, sites, news, a news item and 50 site pages, en and uk; $(ms "$start" "$end") ms): VmRSS $(mib "$(mem VmRSS)"), VmHWM $(mib "$(mem VmHWM)")"

# 6. A change: a one-row facilities.csv renaming a site, imported while the
# server runs; time until /en/sites/ID shows the new name (polled every 20 ms).
echo
echo "== a change: import a one-row facilities.csv renaming $median, then poll /en/sites/$median every 20 ms"
printf '%-4s %9s %37s %24s %16s\n' run import "\"content changed\" logged after it" "shown after the import" "catalog update"
for run in $(seq "$RUNS"); do
  name="SYNTHETIC renamed site, run $run of $$"
  python3 - "$work/csv/facilities.csv" "$median" "$name" "$work/rename.csv" <<'PY'
import csv, sys
src, site, name, out = sys.argv[1:]
with open(src, encoding="utf-8", newline="") as f:
    reader = csv.DictReader(f)
    row = next(r for r in reader if r["id"] == site)
    fields = reader.fieldnames
row["name_en"] = name
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\r\n")
    w.writeheader()
    w.writerow(row)
PY
  reloads=$(grep -c "content changed" "$work/serve.err" || true)
  start=$(now)
  "$bin" --data-dir "$data" import sites "$work/rename.csv" >"$work/import.out" 2>&1 || { cat "$work/import.out" >&2; exit 1; }
  done_at=$(now)
  shown="" logged=""
  for _ in $(seq 3000); do
    t=$(now)
    if [ -z "$logged" ] && [ "$(grep -c "content changed" "$work/serve.err" || true)" -gt "$reloads" ]; then logged=$t; fi
    if curl -s "$base/en/sites/$median" | grep -qF "$name"; then shown=$(now); break; fi
    sleep 0.02
  done
  [ -n "$shown" ] || { echo "the new name did not show within a minute" >&2; exit 1; }
  [ -n "$logged" ] || logged=$shown
  # How long the server took to bring its catalog up to date, as it logs it.
  update=$(grep "content changed" "$work/serve.err" | tail -1 | sed -n 's/.*elapsed=\([0-9.]*[mµn]*s\).*/\1/p')
  printf '%-4s %6s ms %34s ms %21s ms %16s\n' "$run" "$(ms "$start" "$done_at")" "$(ms "$done_at" "$logged")" \
    "$(ms "$done_at" "$shown")" "${update:-?}"
done
echo "VmRSS $(mib "$(mem VmRSS)") VmHWM $(mib "$(mem VmHWM)") after the changes"
stop_server
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
