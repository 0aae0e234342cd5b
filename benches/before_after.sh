#!/usr/bin/env bash
# Before and after a change that must not change the output (a refactoring): two rankpress
# binaries build the 10,000-company synthetic site (examples/synth.rs: 3 editions, 1 language,
# a share card per company) on the repository's disk, cold and warm, alternating which goes
# first, and their outputs are compared byte by byte. Run from the repository root:
#
#   OLD=/path/to/previous/rankpress bash benches/before_after.sh
#
# NEW defaults to target/release/rankpress (built here). RUNS (default 3) alternated runs of:
#   - cold: each binary building into a new, empty folder;
#   - warm: each rebuilding over its own previous output, after one untimed rebuild.
# Prints every run and the medians of wall, user and system time. Exits non-zero only when
# the outputs differ (besides the fingerprint list, which names the binary that made it).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${OLD:?set OLD to the rankpress binary to compare with}"
RUNS="${RUNS:-3}"
WORK="${BEFORE_AFTER_WORK:-$PWD/target/before-after}"
cargo build --release --quiet --bin rankpress --example synth
NEW="${NEW:-$PWD/target/release/rankpress}"
mkdir -p "$WORK"
[ -d "$WORK/site-10k" ] || target/release/examples/synth --companies 10000 --out "$WORK/site-10k" >/dev/null
stamp=$(date +%s)
OUT="$WORK/out-$stamp"
mkdir -p "$OUT"

# timed NAME BINARY ARGS...: appends "wall user system" to $OUT/NAME.times.
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$OUT/$name.last" "$@" >/dev/null 2>"$OUT/$name.log"
  cat "$OUT/$name.last" >>"$OUT/$name.times"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for run in $(seq 1 "$RUNS"); do
  if [ $((run % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    bin=$OLD; [ "$which" = new ] && bin=$NEW
    timed "$which-cold" "$bin" build --root "$WORK/site-10k" --out "$OUT/$which-$run"
  done
  for which in $order; do
    bin=$OLD; [ "$which" = new ] && bin=$NEW
    "$bin" build --root "$WORK/site-10k" --out "$OUT/$which-$run" >/dev/null 2>&1
    timed "$which-warm" "$bin" build --root "$WORK/site-10k" --out "$OUT/$which-$run"
  done
done

for name in old-cold new-cold old-warm new-warm; do
  printf '%-9s runs (wall user system): %s\n' "$name" "$(tr '\n' ';' <"$OUT/$name.times")"
  printf '%-9s median wall %ss, user %ss, system %ss\n' "$name" \
    "$(cut -d' ' -f1 "$OUT/$name.times" | median)" \
    "$(cut -d' ' -f2 "$OUT/$name.times" | median)" \
    "$(cut -d' ' -f3 "$OUT/$name.times" | median)"
done
files=$(find "$OUT/new-1" -type f | wc -l)
if diff -rq -x .rankpress-fingerprints "$OUT/old-1" "$OUT/new-1"; then
  echo "outputs: identical ($files files, besides the fingerprint list)"
  rm -rf "$OUT"
else
  echo "outputs: DIFFER (kept in $OUT)"
  exit 1
fi
