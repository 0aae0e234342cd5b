#!/usr/bin/env bash
# Build time and peak memory at scale, side by side with Hugo. Run from the repository root:
#
#   bash benches/scale.sh
#
# It installs Hugo and GNU time from Debian when they are missing, builds rankpress and the
# synthetic-site generator (examples/synth.rs), generates sites of 1,000, 10,000 and 100,000
# companies (3 editions, 1 language) plus a Hugo site with the same 10,000 commentary pages and
# score tables, and prints:
#   - rankpress and Hugo at 10,000 pages, alternating, each run from an empty output folder:
#     both medians, the ratio, both peak memory figures;
#   - `cp -r` of the finished 10,000-company output (the floor set by writing the files);
#   - the example site and 1k, 10k and 100k companies, with the time per company.
#
# Outputs go to a tmpfs (/dev/shm) where there is one, so that the tools are measured rather
# than the disk's inode allocator; SCALE_OUT=/some/folder changes that. RUNS (default 5) sets the
# number of runs per figure. A benchmark prints figures; nothing here passes or fails on time.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
WORK="${SCALE_WORK:-$PWD/target/scale}"
if [ -z "${SCALE_OUT:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then SCALE_OUT=/dev/shm/rankpress-scale; else SCALE_OUT="$WORK/out"; fi
fi
OUT="$SCALE_OUT"

install_missing() {
  local missing=()
  command -v hugo >/dev/null || missing+=(hugo)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
install_missing

cargo build --release --quiet --bin rankpress --example synth
RANKPRESS="$PWD/target/release/rankpress"
SYNTH="$PWD/target/release/examples/synth"
mkdir -p "$WORK" "$OUT"
trap 'rm -rf "$OUT"' EXIT

echo "generating synthetic sites in $WORK" >&2
"$SYNTH" --companies 1000 --out "$WORK/site-1k" >/dev/null
"$SYNTH" --companies 10000 --out "$WORK/site-10k" --hugo "$WORK/hugo-10k" >/dev/null
"$SYNTH" --companies 100000 --out "$WORK/site-100k" >/dev/null

# measure NAME COMMAND...: runs the command once from an empty output folder and appends
# "seconds kilobytes" to $WORK/NAME.times.
measure() {
  local name="$1"
  shift
  rm -rf "$OUT/$name"
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/$name.last" "$@" >/dev/null 2>"$WORK/$name.log" || {
    echo "failed: $*" >&2
    cat "$WORK/$name.log" >&2
    exit 1
  }
  cat "$WORK/$name.last" >>"$WORK/$name.times"
}

median() { # median of column $2 of file $1
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

rankpress_build() { # name site-folder
  measure "$1" "$RANKPRESS" build --root "$2" --out "$OUT/$1"
}

rm -f "$WORK"/*.times
echo "warming up (one unmeasured build of each)" >&2
"$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/warm" >/dev/null
(cd "$WORK/hugo-10k" && hugo --quiet -d "$OUT/warm-hugo")
rm -rf "$OUT/warm" "$OUT/warm-hugo"

echo "10,000 pages: rankpress and Hugo, alternating, $RUNS runs each" >&2
for _ in $(seq "$RUNS"); do
  rankpress_build rankpress-10k "$WORK/site-10k"
  measure hugo-10k hugo --quiet --source "$WORK/hugo-10k" -d "$OUT/hugo-10k"
done

echo "cp -r of the 10,000-company output, $RUNS runs" >&2
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/copy"
  sync
  /usr/bin/time -f "%e %M" -a -o "$WORK/copy.times" cp -r "$OUT/rankpress-10k" "$OUT/copy"
done
rm -rf "$OUT/copy" "$OUT/hugo-10k"

echo "the example site and 1k and 100k companies" >&2
for _ in $(seq "$RUNS"); do
  rankpress_build example "$PWD"
  rankpress_build rankpress-1k "$WORK/site-1k"
done
# The example again, as an editor rebuilds it: into the output of the previous build, whose
# share cards are taken over where they did not change.
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -a -o "$WORK/example-rebuild.times" \
    "$RANKPRESS" build --out "$OUT/example" >/dev/null 2>&1
done
for _ in 1 2 3; do
  rankpress_build rankpress-100k "$WORK/site-100k"
done
rm -rf "$OUT/rankpress-100k"

echo "10,000 companies with a PNG share card per company (share_images: all), once" >&2
"$SYNTH" --companies 10000 --share-images all --out "$WORK/site-10k-cards" >/dev/null
rankpress_build rankpress-10k-cards "$WORK/site-10k-cards"

rp=$(median "$WORK/rankpress-10k.times" 1)
hu=$(median "$WORK/hugo-10k.times" 1)
rp_mem=$(median "$WORK/rankpress-10k.times" 2)
hu_mem=$(median "$WORK/hugo-10k.times" 2)
cp_time=$(median "$WORK/copy.times" 1)
example=$(median "$WORK/example.times" 1)
example_rebuild=$(median "$WORK/example-rebuild.times" 1)
one_k=$(median "$WORK/rankpress-1k.times" 1)
hundred_k=$(median "$WORK/rankpress-100k.times" 1)
hundred_k_mem=$(median "$WORK/rankpress-100k.times" 2)
cards=$(median "$WORK/rankpress-10k-cards.times" 1)
hugo_version=$(hugo version | cut -d' ' -f2)

per() { awk -v t="$1" -v n="$2" 'BEGIN {printf "%.3f", 1000 * t / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

cat <<EOF

rankpress scale benchmark ($(nproc) cores, outputs on $OUT, medians of $RUNS runs)

10,000 pages, alternating runs, each from an empty output folder
  rankpress  $rp s   peak $((rp_mem / 1024)) MB   (10,000 company pages, 20,000 charts, 3 editions)
  hugo       $hu s   peak $((hu_mem / 1024)) MB   (Hugo $hugo_version, same commentary and score table)
  ratio      time $(ratio "$rp" "$hu")   memory $(ratio "$rp_mem" "$hu_mem")   (target: at most 0.5 each)

cp -r of the 10,000-company output: $cp_time s; rankpress build / cp -r = $(ratio "$rp" "$cp_time") (target: at most 3)

size         wall      per company   peak memory
example      $example s    (100 companies, 2 languages, into an empty folder: 206 share cards drawn)
example      $example_rebuild s    (rebuilt over its previous output, cards reused; target under 0.3 s)
1,000        $one_k s    $(per "$one_k" 1000) ms
10,000       $rp s    $(per "$rp" 10000) ms
100,000      $hundred_k s    $(per "$hundred_k" 100000) ms      $((hundred_k_mem / 1024)) MB
per company at 100k / at 10k: $(ratio "$(per "$hundred_k" 100000)" "$(per "$rp" 10000)") (target: at most 1.25)

10,000 companies with a share card per company (share_images: all), cold: $cards s
EOF
