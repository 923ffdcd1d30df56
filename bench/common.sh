# What the benchmark scripts share; sourced, not run:
#
#   . bench/common.sh curl python3      # the tools this script needs besides flock
#
# Checks the tools; makes the work folder `$work`, removed at exit with the
# server whose process id is in `$pid`, if any; builds the release binary
# under the lock every cargo command here shares, and copies it to `$bin`
# while still holding it, so that another build cannot replace it mid-run.

LOCK=/tmp/inferno-cargo.lock
target=${CARGO_TARGET_DIR:-target}

for tool in flock "$@"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

bin=$work/inferno
flock "$LOCK" bash -c 'cargo build --release --quiet && cp "$1" "$2"' _ "$target/release/inferno" "$bin"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# Imports the five files bench/generate.py wrote into folder $1 into a new
# data directory $2, in the order records name one another.
import_generated() {
  local csv=$1 data=$2 kind file
  "$bin" --data-dir "$data" migrate >/dev/null 2>&1
  for kind in sites sources findings testimonies news; do
    file=$csv/$kind.csv
    [ "$kind" = sites ] && file=$csv/facilities.csv
    "$bin" --data-dir "$data" import "$kind" "$file" >/dev/null 2>"$work/import.err" || { cat "$work/import.err" >&2; exit 1; }
  done
}
