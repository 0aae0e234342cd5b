#!/usr/bin/env bash
# Build time and peak memory at scale, side by side with Hugo, measured the way users build: on
# the disk holding the repository, with the site's default settings (share cards for the
# editions and the companies with an award), cold and warm. Run from the repository root:
#
#   bash benches/scale.sh
#
# It installs Hugo and GNU time from Debian when they are missing, builds rankpress and the
# synthetic-site generator (examples/synth.rs), generates sites of 10,000 and 100,000 companies
# (3 editions, 1 language) plus a Hugo site with the same 10,000 commentary pages and score
# tables, and prints medians of RUNS (default 3) alternating runs of:
#   - cold: rankpress and Hugo each building into a new, empty folder;
#   - warm: each rebuilding over its own previous output, after one untimed rebuild (rankpress
#     takes over unchanged files and writes over the output before the previous one);
#   - peak memory of both;
#   - the 100,000-company build, RUNS_100K times (default 3), each right after a cold build of
#     10,000, and its time per company against both the cold builds above and the one before it;
#   - what a card for every company costs: the cold build again with `share_images: all`, right
#     beside each cold build with the defaults, the difference being those cards' share of it
#     (run by run, and its median).
#
# Outputs go under target/scale on the repository's disk. SCALE_TMPFS=1 puts them on /dev/shm
# instead (a footnote figure: it hides the file system). An ext4 without a journal does not
# reuse an inode for 60 s after its deletion, or 360 s while the inode's table block has unsaved
# changes (which creating any file beside it makes), and scans past each such inode for every
# file it creates: a build soon after a large deletion is much slower (README, "Speed"). So the
# benchmark deletes nothing it does not have to (sites are generated again only when the
# generator changed; outputs are deleted only after the last run) and, before its first run,
# waits until 370 s have passed since the last deletion, its own or a previous run's.
# A benchmark prints figures; nothing here passes or fails on time.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
RUNS_100K="${RUNS_100K:-3}"
case "$RUNS:$RUNS_100K" in
  *[!0-9:]* | :* | *: | 0:*) echo "RUNS must be a positive number and RUNS_100K a number (0 skips it)" >&2; exit 2 ;;
esac
WORK="${SCALE_WORK:-$PWD/target/scale}"
if [ "${SCALE_TMPFS:-0}" = 1 ]; then OUT=/dev/shm/rankpress-scale; else OUT="$WORK/out"; fi

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
mkdir -p "$WORK"
# When the last deletion of many files happened (seconds since the epoch).
DELETED="$WORK/deleted-at"
deleted_now() { date +%s >"$DELETED"; }
if [ -e "$OUT" ]; then
  rm -rf "$OUT"
  deleted_now
fi
mkdir -p "$OUT"
trap 'rm -rf "$OUT"; deleted_now' EXIT

# The sites are deterministic: made again only when the generator or the theme it copies into
# them changed since they were made.
STAMP="$WORK/sites-made-by"
made_by=$( (cat examples/synth.rs; find themes/default -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
  sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$made_by" ] || [ ! -d "$WORK/site-10k-2" ] || [ ! -d "$WORK/site-10k-all-cards" ]; then
  echo "generating synthetic sites in $WORK" >&2
  rm -f "$STAMP"
  "$SYNTH" --companies 10000 --out "$WORK/site-10k" --hugo "$WORK/hugo-10k" >/dev/null
  "$SYNTH" --companies 100000 --out "$WORK/site-100k" >/dev/null
  "$SYNTH" --companies 10000 --languages 2 --out "$WORK/site-10k-2" >/dev/null
  rm -rf "$WORK/site-10k-no-cards" "$WORK/site-10k-all-cards"
  cp -r "$WORK/site-10k" "$WORK/site-10k-all-cards"
  echo "share_images: all" >>"$WORK/site-10k-all-cards/data/site.yaml"
  deleted_now
  echo "$made_by" >"$STAMP"
fi

# timed NAME COMMAND...: runs the command and appends "seconds kilobytes user-seconds
# system-seconds" to $WORK/NAME.times.
timed() {
  local name="$1"
  shift
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/$name.last" "$@" >/dev/null 2>"$WORK/$name.log" || {
    echo "failed: $*" >&2
    cat "$WORK/$name.log" >&2
    exit 1
  }
  cat "$WORK/$name.last" >>"$WORK/$name.times"
}

middle() { # median of the numbers on standard input, one a line
  sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}
median() { cut -d' ' -f"$2" "$1" | middle; } # median of column $2 of file $1

# Every output stays until the end: a 10,000-company run writes about 1.1 GB (with cards,
# without, Hugo), a 100,000-company build 5.3 GB and the 10,000-company build beside it 0.55 GB.
need_mb=$((RUNS * 1100 + RUNS_100K * 5900 + 2000))
free_mb=$(df --output=avail -BM "$OUT" | tail -1 | tr -dc 0-9)
if [ "$free_mb" -lt "$need_mb" ]; then
  echo "the outputs need about $need_mb MB on $(df --output=target "$OUT" | tail -1), which has $free_mb MB free:" >&2
  echo "free some space, or run fewer builds (RUNS=$RUNS RUNS_100K=$RUNS_100K now)" >&2
  exit 1
fi

rm -f "$WORK"/*.times
sync
wait_for=$(($(cat "$DELETED" 2>/dev/null || echo 0) + 370 - $(date +%s)))
if [ "$wait_for" -gt 0 ]; then
  echo "waiting ${wait_for} s for the file system to reuse the inodes deleted last" >&2
  sleep "$wait_for"
fi
# Every timed build meets its input in memory, as an editor's build does (they have just saved
# it): each file of the input sites is read once now. Without this the first build of a site
# read its input from the disk and the later ones from memory; at 100,000 companies that was
# 460 MB in 100,000 files and several seconds of the first build only.
echo "reading the input sites once" >&2
for site in site-10k site-10k-all-cards site-10k-2 hugo-10k site-100k; do
  [ -d "$WORK/$site" ] && find "$WORK/$site" -type f -print0 | xargs -0 cat >/dev/null
done
echo "10,000 pages: rankpress and Hugo, alternating, $RUNS runs each, cold then warm" >&2
for run in $(seq "$RUNS"); do
  # Each tool goes first in every other run. The build with a card per company runs right beside
  # the cold build, before it in every other run, so that each pair meets the same file system.
  if [ $((run % 2)) = 1 ]; then
    timed rankpress-cold "$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/rankpress-$run"
    timed rankpress-all-cards "$RANKPRESS" build --root "$WORK/site-10k-all-cards" --out "$OUT/all-cards-$run"
    timed hugo-cold hugo --quiet --source "$WORK/hugo-10k" -d "$OUT/hugo-$run"
  else
    timed hugo-cold hugo --quiet --source "$WORK/hugo-10k" -d "$OUT/hugo-$run"
    timed rankpress-all-cards "$RANKPRESS" build --root "$WORK/site-10k-all-cards" --out "$OUT/all-cards-$run"
    timed rankpress-cold "$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/rankpress-$run"
  fi
  # One untimed rebuild each first: an editor rebuilds many times, and from the third build on
  # rankpress writes over its spare (output.rs, rule 6). Hugo gets the same extra run.
  "$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/rankpress-$run" >/dev/null 2>&1
  hugo --quiet --source "$WORK/hugo-10k" -d "$OUT/hugo-$run" >/dev/null 2>&1
  timed rankpress-warm "$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/rankpress-$run"
  timed hugo-warm hugo --quiet --source "$WORK/hugo-10k" -d "$OUT/hugo-$run"
done
du_rankpress=$(du -sm "$OUT/rankpress-1" | cut -f1)
du_hugo=$(du -sm "$OUT/hugo-1" | cut -f1)
page_size=$(stat -c %s "$OUT/rankpress-1/companies/company-42/index.html" 2>/dev/null || echo "?")

# The 10,000-company outputs stay until the end (see above): deleting their 200,000 files just
# before would slow the allocation of the 100,000-company build's files. Each 100,000-company
# build comes right after a cold 10,000-company build, so that its time per company can also be
# compared with a build that met the machine in the same state.
[ "$RUNS_100K" -gt 0 ] && echo "100,000 companies: $RUNS_100K cold builds, each right after one of 10,000" >&2
for run in $(seq "$RUNS_100K"); do
  timed rankpress-10k-beside "$RANKPRESS" build --root "$WORK/site-10k" --out "$OUT/beside-$run"
  timed rankpress-100k "$RANKPRESS" build --root "$WORK/site-100k" --out "$OUT/rankpress-100k-$run"
done
# What a static host is sent: the 10,000-company site in two languages, built once with the
# default settings, measured file by file, and each hosting preset's verdict (`--verbose`).
"$RANKPRESS" build --verbose --root "$WORK/site-10k-2" --out "$OUT/two-languages" >"$WORK/two.out" 2>"$WORK/two.log"
two_line=$(grep '^Built' "$WORK/two.out")
two_hosts=$(grep '^hosts that take it' "$WORK/two.log")
two_largest=$(find "$OUT/two-languages" -type f -printf '%s %P\n' | sort -rn | awk 'NR == 1')
hugo_files=$(find "$OUT/hugo-1" -type f | wc -l)
hugo_bytes=$(find "$OUT/hugo-1" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
rankpress_files=$(find "$OUT/rankpress-1" -type f | wc -l)
rankpress_bytes=$(find "$OUT/rankpress-1" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
rm -rf "$OUT"/*

rc=$(median "$WORK/rankpress-cold.times" 1); hc=$(median "$WORK/hugo-cold.times" 1)
rw=$(median "$WORK/rankpress-warm.times" 1); hw=$(median "$WORK/hugo-warm.times" 1)
rm_=$(median "$WORK/rankpress-cold.times" 2); hm=$(median "$WORK/hugo-cold.times" 2)
ac=$(median "$WORK/rankpress-all-cards.times" 1)
# The share of a card per company in each run's build with them (against the default build
# beside it), and their median: a pair shares the file system's state, which moves both far more
# than cards do. The same for processor time (user and system), which the file system's mood
# moves less.
pairs=$(paste -d' ' "$WORK/rankpress-all-cards.times" "$WORK/rankpress-cold.times")
shares=$(echo "$pairs" | awk '{printf "%.0f\n", 100 * ($1 - $5) / $1}')
share=$(echo "$shares" | middle)
cpu_shares=$(echo "$pairs" | awk '{printf "%.0f\n", 100 * ($3 + $4 - $7 - $8) / ($3 + $4)}')
cpu_share=$(echo "$cpu_shares" | middle)
hugo_version=$(hugo version | cut -d' ' -f2)
# Median processor time (user + system) of a .times file's runs.
cpu() { awk '{printf "%.2f\n", $3 + $4}' "$1" | middle; }
per() { awk -v t="$1" -v n="$2" 'BEGIN {printf "%.3f", 1000 * t / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
if [ "$RUNS_100K" -gt 0 ]; then
  hk=$(median "$WORK/rankpress-100k.times" 1); hk_mem=$(median "$WORK/rankpress-100k.times" 2)
  hk_all=$(cut -d' ' -f1 "$WORK/rankpress-100k.times" | paste -sd' ')
  # Time per company at 100,000 against the 10,000-company build right before it, run by run.
  per_pair=$(paste -d' ' "$WORK/rankpress-100k.times" "$WORK/rankpress-10k-beside.times" |
    awk '{printf "%.2f\n", ($1 / 100000) / ($5 / 10000)}')
  beside=$(cut -d' ' -f1 "$WORK/rankpress-10k-beside.times" | paste -sd' ')
  report_100k="100,000 companies, cold, $RUNS_100K runs: $(echo $hk_all | sed 's/ / s, /g') s; median $hk s, $(per "$hk" 100000) ms per company
against $(per "$rc" 10000) ms in the cold 10,000-company builds above: $(ratio "$(per "$hk" 100000)" "$(per "$rc" 10000)") (target at most 1.25), peak $((hk_mem / 1024)) MB;
against the 10,000-company build right before each ($(echo $beside | sed 's/ / s, /g') s): $(echo $per_pair | sed 's/ /, /g'),
median $(echo "$per_pair" | middle)"
else
  report_100k="100,000 companies: not built (RUNS_100K=0)"
fi

cat <<REPORT

rankpress scale benchmark ($(nproc) cores, outputs on $OUT, default settings, medians of $RUNS runs)

10,000 companies (10,000 company pages with two charts each; share cards for the editions and
the companies with an award) against Hugo
$hugo_version building the same 10,000 commentary pages with their score tables
                  rankpress     hugo      ratio    target
  cold            $rc s      $hc s    $(ratio "$rc" "$hc")     at most 1.0
  warm (rebuild)  $rw s      $hw s    $(ratio "$rw" "$hw")     at most 0.5
  peak memory     $((rm_ / 1024)) MB       $((hm / 1024)) MB    $(ratio "$rm_" "$hm")     at most 0.5
  processor (user + system), cold
                  $(cpu "$WORK/rankpress-cold.times") s      $(cpu "$WORK/hugo-cold.times") s    $(ratio "$(cpu "$WORK/rankpress-cold.times")" "$(cpu "$WORK/hugo-cold.times")")     at most 0.8
  output          $du_rankpress MB        $du_hugo MB            (a company page: $page_size bytes)
  files, bytes    $rankpress_files, $rankpress_bytes    $hugo_files, $hugo_bytes (Hugo: its 10,000 pages only)

The same site in two languages, default settings (what a static host is sent):
  $two_line
  largest file: $two_largest (target: at most 5 MiB; the whole at most 500 MB)
  $two_hosts

A card for every company (share_images: all): the cold build takes $ac s with them (median), so
the cards of the companies without an award take $(awk -v a="$ac" -v b="$rc" 'BEGIN {printf "%.2f", a - b}') s, $(awk -v a="$ac" -v b="$rc" 'BEGIN {printf "%.0f", 100 * (a - b) / a}') % of that build; run by run (each
against the default build beside it): $(echo $shares | sed 's/ / %, /g') %, median $share %;
of the processor time: $(echo $cpu_shares | sed 's/ / %, /g') %, median $cpu_share %
  processor (user + system), cold, with a card per company: $(cpu "$WORK/rankpress-all-cards.times") s, $(ratio "$(cpu "$WORK/rankpress-all-cards.times")" "$(cpu "$WORK/hugo-cold.times")") of Hugo's

$report_100k
REPORT
