#!/usr/bin/env bash
# Serves the same bytes of the same pages from inferno and from nginx, loads
# both with wrk on loopback, and prints requests/s, p50/p99 latency and the
# ratio inferno/nginx. See bench/README.md.
#
#   bench/run.sh                 # 10 s per run, 64 connections, 2 wrk threads, 2 nginx workers
#   DURATION=30s CONNECTIONS=128 bench/run.sh
#   THREADS=1 CONNECTIONS=50 NGINX_WORKERS=1 bench/run.sh   # one wrk thread against one nginx worker
#   INFERNO_BIN=/tmp/old/inferno bench/run.sh                # an older build, to compare
#   ROUNDS=5 bench/run.sh        # each pair measured five times (median; default 3)
#   BACKENDS="sqlite postgres" bench/run.sh   # inferno on SQLite and on PostgreSQL, in one run
#   POSTGRES=postgres://user@host:5432 BACKENDS=postgres bench/run.sh   # the server to make a database on
#   NODES=2 bench/run.sh         # also through nginx as a proxy: to one node, and to two on one database
#
# inferno runs with as many threads as nginx has workers (INFERNO_THREADS
# overrides it), so that both servers may use the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-2}
INFERNO_THREADS=${INFERNO_THREADS:-$NGINX_WORKERS}
ROUNDS=${ROUNDS:-3}
PAGES=${PAGES:-"/en/ /en/sites/ru-taganrog-sizo-2 /en/sites/ua-olenivka-ik-120 /uk/sites?type=penal_colony"}
BACKENDS=${BACKENDS:-sqlite}
NODES=${NODES:-1}
POSTGRES=${POSTGRES:-postgres://postgres@127.0.0.1:5432}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx-light curl)" >&2; exit 1; }
done

# INFERNO_BIN runs another build (an older one, to compare) instead of building this tree.
if [ -n "${INFERNO_BIN:-}" ]; then
  bin=$INFERNO_BIN
else
  cargo build --release --quiet
  bin=${CARGO_TARGET_DIR:-target}/release/inferno
fi
work=$(mktemp -d)
database="inferno_bench_pages_$$"
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; psql "$POSTGRES" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT

# inferno, on a fresh data directory filled with the sample: one server per
# backend, each on a database of its own (PostgreSQL's made on $POSTGRES).
printf 'serve_threads = %s\n' "$INFERNO_THREADS" >"$work/inferno.toml"
# Through a proxy every connection comes from 127.0.0.1: nginx's kept-alive
# connections to the nodes and wrk's would together pass the cap of
# connections from one address, which does not count a trusted proxy.
if [ "$NODES" -gt 1 ]; then printf 'trusted_proxies = ["127.0.0.1"]\n' >>"$work/inferno.toml"; fi
declare -A servers nodes
for backend in $BACKENDS; do
  case $backend in
    sqlite) url="sqlite://$work/$backend/inferno.sqlite3" ;;
    postgres)
      psql "$POSTGRES" -qc "CREATE DATABASE $database" >/dev/null
      url="${POSTGRES%/}/$database" ;;
    *) echo "bench: BACKENDS names $backend; give sqlite, postgres or both" >&2; exit 1 ;;
  esac
  "$bin" --config "$work/inferno.toml" --data-dir "$work/$backend" --database-url "$url" serve --listen 127.0.0.1:0 \
    >"$work/$backend.out" 2>"$work/$backend.err" &
  for _ in $(seq 100); do grep -q "listening on" "$work/$backend.out" 2>/dev/null && break; sleep 0.1; done
  servers[$backend]=$(sed -n 's/^Inferno is listening on //p' "$work/$backend.out")
  [ -n "${servers[$backend]}" ] || { cat "$work/$backend.err" >&2; exit 1; }
  # More nodes on the same database, each with a data directory of its own
  # holding the first's secrets (as `inferno secrets import` would give them).
  nodes[$backend]=${servers[$backend]#http://}
  for i in $(seq 2 "$NODES"); do
    mkdir -p "$work/$backend-$i"
    cp "$work/$backend/audit-signing.key" "$work/$backend/intake-pepper.key" "$work/$backend-$i/"
    "$bin" --config "$work/inferno.toml" --data-dir "$work/$backend-$i" --database-url "$url" serve --listen 127.0.0.1:0 \
      >"$work/$backend-$i.out" 2>"$work/$backend-$i.err" &
    for _ in $(seq 100); do grep -q "listening on" "$work/$backend-$i.out" 2>/dev/null && break; sleep 0.1; done
    address=$(sed -n 's/^Inferno is listening on http:\/\///p' "$work/$backend-$i.out")
    [ -n "$address" ] || { cat "$work/$backend-$i.err" >&2; exit 1; }
    nodes[$backend]="${nodes[$backend]} $address"
  done
done
inferno=${servers[${BACKENDS%% *}]}

# The same bytes as static files for nginx: identity and gzip (served with gzip_static).
mkdir -p "$work/www"
n=0
declare -a files
for page in $PAGES; do
  n=$((n + 1))
  curl -sf "$inferno$page" -o "$work/www/page$n.html"
  curl -sf -H 'Accept-Encoding: gzip' "$inferno$page" -o "$work/www/page$n.html.gz"
  files[$n]="/page$n.html"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
# With NODES above 1, nginx also proxies to inferno: one server block to the
# first node alone, one to every node (round robin), for each backend. What
# is measured through them is named "BACKEND-via-N".
targets=$BACKENDS
proxy_conf=""
if [ "$NODES" -gt 1 ]; then
  for backend in $BACKENDS; do
    for count in 1 "$NODES"; do
      p=$(free_port)
      proxy_conf+="  upstream up_${backend}_${count} {"$'\n'
      for address in $(tr ' ' '\n' <<<"${nodes[$backend]}" | head -n "$count"); do
        proxy_conf+="    server $address;"$'\n'
      done
      proxy_conf+="    keepalive 64;"$'\n'"  }"$'\n'
      proxy_conf+="  server { listen 127.0.0.1:$p; location / { proxy_pass http://up_${backend}_${count};"
      proxy_conf+=" proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_buffering off; } }"$'\n'
      servers[$backend-via-$count]="http://127.0.0.1:$p"
      targets="$targets $backend-via-$count"
    done
  done
fi
cat >"$work/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.err warn;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; }
  default_type text/html;
  gzip_static on;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
  }
$proxy_conf
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/page1.html" -o /dev/null && break; sleep 0.1; done

# wrk prints "Requests/sec: N" and, with --latency, a "50%" and a "99%" line.
measure() { # url [header]
  local out
  if [ -n "${2:-}" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$2" "$1")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  fi
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  # Latencies in microseconds, whatever unit wrk chose.
  local us='function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; return v * 1000000 }'
  p50=$(awk "$us"' $1 == "50%" { printf "%dus", us($2) }' <<<"$out")
  p99=$(awk "$us"' $1 == "99%" { printf "%dus", us($2) }' <<<"$out")
  echo "$rps $p50 $p99"
}

# The median of the rounds' values (requests/s or latency strings).
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'wrk -t%s -c%s -d%s on loopback, median of %s rounds; %s cores; nginx %s with %s workers; inferno with %s threads\n\n' \
  "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(nproc)" "$(nginx -v 2>&1 | sed 's/.*\///')" "$NGINX_WORKERS" "$INFERNO_THREADS"
printf '%-38s %-9s %-15s %10s %9s %9s | %10s %9s %9s | %6s\n' page encoding backend "inferno/s" p50 p99 "nginx/s" p50 p99 ratio
n=0
for page in $PAGES; do
  n=$((n + 1))
  bytes=$(stat -c %s "$work/www/page$n.html")
  gz=$(stat -c %s "$work/www/page$n.html.gz")
  for enc in identity gzip; do
    header=""
    [ "$enc" = gzip ] && header="Accept-Encoding: gzip"
    # Rounds alternate the two servers, so that a slow spell of the machine
    # falls on both.
    : >"$work/n.txt"
    for backend in $targets; do : >"$work/$backend.txt"; done
    for _ in $(seq "$ROUNDS"); do
      for backend in $targets; do
        measure "${servers[$backend]}$page" "$header" >>"$work/$backend.txt"
      done
      measure "http://127.0.0.1:$port${files[$n]}" "$header" >>"$work/n.txt"
    done
    nrps=$(cut -d' ' -f1 "$work/n.txt" | median)
    np50=$(cut -d' ' -f2 "$work/n.txt" | median)
    np99=$(cut -d' ' -f3 "$work/n.txt" | median)
    size=$bytes; [ "$enc" = gzip ] && size=$gz
    for backend in $targets; do
      irps=$(cut -d' ' -f1 "$work/$backend.txt" | median)
      ip50=$(cut -d' ' -f2 "$work/$backend.txt" | median)
      ip99=$(cut -d' ' -f3 "$work/$backend.txt" | median)
      ratio=$(awk -v a="$irps" -v b="$nrps" 'BEGIN { printf "%.2f", a / b }')
      printf '%-38s %-9s %-15s %10s %9s %9s | %10s %9s %9s | %6s\n' "$page ($size B)" "$enc" "$backend" "$irps" "$ip50" "$ip99" "$nrps" "$np50" "$np99" "$ratio"
    done
  done
done
