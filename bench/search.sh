#!/usr/bin/env bash
# Search at scale: a generated corpus of 135,000 records (9,000 sites, 90,000
# sources, 27,000 testimonies, 9,000 news; 90,000 findings), imported into a
# fresh data directory; then the time the server takes to make its search
# index, the index's size, the server's memory before and after, and the
# latency through HTTP of typical queries (names in Latin and Cyrillic
# letters, misspelled names, inflected Ukrainian words, phrases).
# See bench/README.md.
#
#   bench/search.sh
#   SCALE=10 FINDINGS_SCALE=10 bench/search.sh   # 45,000 records
#   REQUESTS=500 bench/search.sh                 # requests per kind of query (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=${SCALE:-30}
FINDINGS_SCALE=${FINDINGS_SCALE:-10}
REQUESTS=${REQUESTS:-200}
. bench/common.sh curl python3

python3 bench/generate.py --scale "$SCALE" --findings-scale "$FINDINGS_SCALE" "$work/csv" 2>"$work/generate.txt"
sed "s|$work/csv/||" "$work/generate.txt" | head -5
data=$work/data
import_generated "$work/csv" "$data"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
INFERNO_LOG=info "$bin" --data-dir "$data" serve --no-sample --listen "127.0.0.1:$port" >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 600); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
rss() { awk '$1 == "VmRSS:" {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status"; }
curl -sf "http://127.0.0.1:$port/en/" -o /dev/null
before=$(rss)
for _ in $(seq 1200); do grep -q "search index made" "$work/log" && break; sleep 0.1; done
grep -q "search index made" "$work/log" || { echo "bench: no search index after 120 s" >&2; cat "$work/log" >&2; exit 1; }
line=$(grep "search index made" "$work/log" | head -1)
echo "== search index: $(sed 's/.*records=\([0-9]*\).*/\1/' <<<"$line") records," \
  "$(sed 's/.*bytes=\([0-9]*\).*/\1/' <<<"$line" | awk '{printf "%.1f MiB", $1 / 1048576}'),"\
  "made in $(sed 's/.*elapsed=\([0-9.]*[a-zµ]*\).*/\1/' <<<"$line")"
echo "== server memory: $before serving pages before the index, $(rss) with it"

python3 - "$work/csv" "$port" "$REQUESTS" <<'PY'
import csv, http.client, random, statistics, sys, time, urllib.parse
folder, port, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
sites = list(csv.DictReader(open(f"{folder}/facilities.csv", encoding="utf-8")))
pick = rng.sample(sites, 50)
def typo(w):
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + w[i + 1:]
queries = {
    "name, Latin letters": [s["settlement"] for s in pick],
    "name, Cyrillic": [s["settlement_uk"] for s in pick],
    "name with a typo": [typo(s["settlement"]) for s in pick if len(s["settlement"]) > 5],
    "inflected Ukrainian words": ["побиттями", "охоронцями полоненим", "колоніях", "переведеннями", "камерах утримували"],
    "phrase": ['"transfer colony"', '"полонених утримували"', '"guards transfer"'],
    "two words": ["beatings colony", "побиття камера"],
}
conn = http.client.HTTPConnection("127.0.0.1", port)
print(f"{'queries':<28} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'results (median)':>17}")
for name, qs in queries.items():
    times, counts = [], []
    for i in range(requests):
        q = qs[i % len(qs)]
        lang = "uk" if i % 2 else "en"
        path = f"/{lang}/search?q=" + urllib.parse.quote(q)
        t = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        times.append((time.perf_counter() - t) * 1000)
        assert r.status == 200, (path, r.status)
        marker = b'role="status">'
        j = body.find(marker)
        counts.append(int(body[j + len(marker):].split(b" ")[0]) if j >= 0 and body[j + len(marker):][:1].isdigit() else 0)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{name:<28} {requests:>8} {statistics.median(times):>8.2f} {p95:>8.2f} {times[-1]:>8.2f} {statistics.median(counts):>17.0f}")

# A site by another of its names: the Cyrillic spelling of a settlement
# must give a site of that settlement first, and at least as many results
# (the site, and what is written about it) as the Latin spelling.
def search(q):
    conn.request("GET", "/en/search?q=" + urllib.parse.quote(q))
    r = conn.getresponse()
    body = r.read().decode()
    marker = 'role="status">'
    j = body.find(marker)
    count = int(body[j + len(marker):].split(" ")[0]) if j >= 0 and body[j + len(marker):][:1].isdigit() else 0
    k = body.find('<h2 class="hit-title"><a href="')
    href = body[k + len('<h2 class="hit-title"><a href="'):].split('"')[0] if k >= 0 else ""
    first = href.removeprefix("/en/sites/") if href.startswith("/en/sites/") else ""
    return first, count
by_id = {s["id"]: s for s in sites}
first_ok = as_many = 0
for s in pick:
    (_, latin), (first, cyrillic) = search(s["settlement"]), search(s["settlement_uk"])
    first_ok += by_id.get(first, {}).get("settlement") == s["settlement"]
    as_many += cyrillic >= latin
print(f"another spelling of a site's name ({len(pick)} sites): the site first for {first_ok}, "
      f"at least as many results as the Latin name for {as_many}")
PY
