#!/usr/bin/env bash
# The intake benchmark: one upload of SIZE_MIB (default 1024) MiB through the
# submission form of a release build, on loopback. Prints the throughput, the
# server's resident memory at idle and at its peak during the upload, and, as
# the yardstick, what the age crate alone encrypts on this machine
# (crates/vault/examples/age_alone.rs). Then the day's seal of that inbox
# (`inferno intake seal`), into the database and, when Garage is built
# (scripts/garage), into a Garage bucket on loopback: its time, MiB/s and
# peak memory. See bench/README.md.
#
#   bench/intake.sh
#   SIZE_MIB=256 bench/intake.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB=${SIZE_MIB:-1024}
command -v curl >/dev/null || { echo "bench: curl is missing (apt-get install curl)" >&2; exit 1; }

cargo build --release --quiet --bin inferno --example age_alone
mkdir -p bench/out
work=$(mktemp -d -p bench/out)
garage_pid=""
trap 'kill $(jobs -p) $garage_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== the age crate alone"
SIZE_MIB=$SIZE_MIB ./target/release/examples/age_alone
SIZE_MIB=$SIZE_MIB ./target/release/examples/age_alone "$work/age-alone.age"
rm -f "$work/age-alone.age"
if [ -d /dev/shm ]; then
  SIZE_MIB=$SIZE_MIB ./target/release/examples/age_alone /dev/shm/inferno-age-alone.age
  rm -f /dev/shm/inferno-age-alone.age
fi

# Random bytes, so that nothing along the way can compress them.
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$work/upload.bin"
# Written back before any upload: its writeback is not to compete with the server's writes.
sync
cat >"$work/inferno.toml" <<CONF
intake_max_submission_mib = $((SIZE_MIB + 16))
intake_max_file_mib = $((SIZE_MIB + 16))
CONF

# One upload into a fresh data directory under $1; $2 names it.
upload() {
  local data=$1/data label=$2
  echo "a long enough password" | ./target/release/inferno --data-dir "$data" user add bench --role admin >/dev/null
  ./target/release/inferno --data-dir "$data" --config "$work/inferno.toml" serve --listen 127.0.0.1:0 \
    >"$work/inferno.out" 2>"$work/inferno.err" &
  local pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/inferno.out" 2>/dev/null && break; sleep 0.1; done
  local inferno
  inferno=$(sed -n 's/^Inferno is listening on //p' "$work/inferno.out")
  [ -n "$inferno" ] || { cat "$work/inferno.err" >&2; exit 1; }
  rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
  curl -sf -c "$work/cookies" "$inferno/en/submit" -o "$work/form.html"
  local token
  token=$(sed -n 's/.*name="token" value="\([0-9a-f-]*\)".*/\1/p' "$work/form.html")
  sleep 1
  local idle
  idle=$(rss)
  rm -f "$work/done" "$work/peak"
  # Sample the server's resident memory every 20 ms while the upload runs.
  ( peak=0; while kill -0 "$pid" 2>/dev/null && [ ! -f "$work/done" ]; do
      r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$work/peak"; sleep 0.02; done ) &
  local start end code
  start=$(date +%s.%N)
  code=$(curl -s -b "$work/cookies" -o "$work/sent.html" -w '%{http_code}' \
    -F "token=$token" -F site=unknown -F "what=benchmark upload" -F consent=not_for_publication \
    -F "files=@$work/upload.bin;type=application/octet-stream" "$inferno/en/submit")
  end=$(date +%s.%N)
  touch "$work/done"; sleep 0.1
  [ "$code" = 200 ] && grep -q 'class="receipt"' "$work/sent.html" || { echo "upload failed: HTTP $code" >&2; exit 1; }
  local peak hwm blob
  peak=$(cat "$work/peak")
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # Blobs are kept in the inbox's slab, at extents its database places (see crates/storage/src/blobs.rs).
  blob=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select max(s) from (select sum(length) s from intake_blob_extents group by blob)").fetchone()[0])' "$data/vault.sqlite3")
  echo "== inferno, data directory $label: one upload of $SIZE_MIB MiB through /en/submit, answered with a receipt"
  awk -v s="$start" -v e="$end" -v m="$SIZE_MIB" 'BEGIN { printf "time %.2f s, throughput %.0f MiB/s\n", e - s, m / (e - s) }'
  echo "resident memory: idle $((idle / 1024)) MiB, peak during the upload $((peak / 1024)) MiB, above idle $(((peak - idle) / 1024)) MiB (kernel high-water mark $((hwm / 1024)) MiB)"
  echo "stored blob: $blob bytes (age adds 16 bytes per 64 KiB chunk, and a header)"
  # The seal of this inbox, into the database; into Garage from a copy.
  local copy=$1/copy
  [ -n "$garage_bin" ] && cp -a "$data" "$copy"
  seal "$data" "the database (SQLite, intake_pack_chunks)"
  if [ -n "$garage_bin" ]; then
    (export AWS_ENDPOINT_URL="http://127.0.0.1:$g_s3" AWS_REGION=garage AWS_ALLOW_HTTP=true \
       AWS_ACCESS_KEY_ID="$g_key" AWS_SECRET_ACCESS_KEY="$g_secret"
     seal "$copy" "Garage $("$garage_bin" --version | awk '{print $2}') on loopback (s3://packs)" --blob-store s3://packs)
    rm -rf "$copy"
  fi
  rm -rf "$data"
}

# `inferno intake seal --force` on the data directory $1 ($2 names where the
# pack goes; further arguments are global flags): time, MiB/s of the pack
# (written, then read back and checked), and the command's peak memory.
seal() {
  local data=$1 label=$2; shift 2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/seal.mem" ./target/release/inferno --data-dir "$data" "$@" intake seal --force \
    >"$work/seal.out" 2>"$work/seal.err" || { cat "$work/seal.err" >&2; exit 1; }
  end=$(date +%s.%N)
  local bytes
  bytes=$(sed -n 's/.*a pack of \([0-9]*\) bytes.*/\1/p' "$work/seal.out")
  echo "== the seal into $label: $(cat "$work/seal.out")"
  awk -v s="$start" -v e="$end" -v b="$bytes" -v m="$(cat "$work/seal.mem")" \
    'BEGIN { printf "time %.2f s, %.0f MiB/s of pack (written, read back, checked; rows stored; the inbox emptied and compacted), peak memory %.0f MiB\n", e - s, b / 1048576 / (e - s), m / 1024 }'
}

# Garage, when scripts/garage has built it: one node on loopback, a bucket, a key.
garage_bin=""
if [ -x .tools/garage/bin/garage ] || [ -n "${INFERNO_GARAGE_BIN:-}" ]; then
  garage_bin=${INFERNO_GARAGE_BIN:-$PWD/.tools/garage/bin/garage}
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  g_rpc=$(free_port); g_s3=$(free_port)
  mkdir -p "$work/garage"
  cat >"$work/garage/garage.toml" <<GCONF
metadata_dir = "$work/garage/meta"
data_dir = "$work/garage/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:$g_rpc"
rpc_public_addr = "127.0.0.1:$g_rpc"
rpc_secret = "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$g_s3"
root_domain = ".s3.garage.localhost"
GCONF
  g() { "$garage_bin" -c "$work/garage/garage.toml" "$@"; }
  # Started directly (not through the function) so that $! is Garage itself.
  RUST_LOG=warn "$garage_bin" -c "$work/garage/garage.toml" server >/dev/null 2>&1 &
  garage_pid=$!
  for _ in $(seq 100); do g status >/dev/null 2>&1 && break; sleep 0.1; done
  g layout assign -z dc1 -c 10G "$(g node id -q 2>/dev/null | cut -d@ -f1)" >/dev/null
  g layout apply --version 1 >/dev/null
  g bucket create packs >/dev/null
  g key create bench >"$work/garage/key"
  g bucket allow --read --write --owner packs --key bench >/dev/null
  g_key=$(sed -n 's/^Key ID: *//p' "$work/garage/key")
  g_secret=$(sed -n 's/^Secret key: *//p' "$work/garage/key")
else
  echo "(Garage is not built: the seal is measured into the database only; scripts/garage builds it)"
fi

upload "$work" "on disk ($(df --output=source "$work" | tail -1), fsynced)"
if [ -d /dev/shm ]; then
  mem=$(mktemp -d -p /dev/shm)
  upload "$mem" "in memory (/dev/shm: the disk taken out)"
  rm -rf "$mem"
fi
exit 0
