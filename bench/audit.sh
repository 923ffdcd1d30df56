#!/usr/bin/env bash
# The audit log benchmark (security review F2): the time of one append through
# Store::record against the size of the log, 10^3, 10^5 and 10^6 entries, and
# what the append before the frontier re-read on top of it
# (crates/storage/examples/audit_append.rs). See bench/README.md.
#
#   bench/audit.sh                         # 1000 100000 1000000 entries, 200 appends each
#   SIZES="1000 10000" APPENDS=500 bench/audit.sh
#
# A million entries through the real path would take hours (each is its own
# transaction, fsync and signature), so each log is filled in bulk: multi-row
# INSERTs of valid entries through SqliteStore::pool(), their frontier computed
# with inferno_audit::Frontier, and one checkpoint signed with the store's key
# at the end, so that the log verifies. The appends that are timed go through
# the real path. The data directories are made under bench/out/ and removed.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 100000 1000000"}
target=${CARGO_TARGET_DIR:-target}

cargo build --release --quiet -p inferno-storage --example audit_append
mkdir -p bench/out
work=$(mktemp -d -p bench/out)
trap 'rm -rf "$work"' EXIT

echo "data directories on $(df --output=source "$work" | tail -1), synchronous = FULL"
# shellcheck disable=SC2086 # SIZES is a list
BENCH_DIR=$work "$target/release/examples/audit_append" $SIZES
