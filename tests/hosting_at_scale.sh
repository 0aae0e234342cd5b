#!/usr/bin/env bash
# What a static host is sent for a large site, checked against every hosting preset: the
# synthetic site of 10,000 companies in 20 sectors, three editions and two languages
# (examples/synth.rs), built with the default settings. tests/check.sh runs it; it fails when:
#   - the presets that take the site as it is are not GitHub Pages, Cloudflare's paid plan,
#     GitLab Pages and Netlify (a 1 GB, 100,000-file, 200,000-file and 54,000-per-folder host);
#   - the site is over 500 MB (issue 37: room to spare under GitHub Pages' 1 GB);
#   - with `hosting: cloudflare-pages` (20,000 files), the build does not refuse the site at the
#     key, naming the setting that would make it fit, or writes anything.
# It prints the files, bytes and largest file either way.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$PWD/target/gates/hosting"
rm -rf "$work"
mkdir -p "$work"
cargo run --release --locked --quiet --example synth -- --companies 10000 --languages 2 --out "$work/site" >/dev/null
cargo build --release --locked --quiet --bin rankpress
rankpress="$PWD/target/release/rankpress"

fail() {
  echo "hosting at scale: $*" >&2
  exit 1
}

"$rankpress" build --verbose --root "$work/site" --out "$work/public" >"$work/build.out" 2>"$work/build.log" ||
  { cat "$work/build.log" >&2; fail "the default build failed"; }
files=$(find "$work/public" -type f | wc -l)
bytes=$(find "$work/public" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
largest=$(find "$work/public" -type f -printf '%s %P\n' | sort -rn | awk 'NR == 1')
hosts=$(grep '^hosts that take it as it is: ' "$work/build.log" || true)
echo "10,000 companies, two languages: $files files, $bytes bytes; largest file: $largest"
echo "$hosts"
[ "$hosts" = "hosts that take it as it is: github-pages, cloudflare-pages-paid, gitlab-pages, netlify" ] ||
  fail "expected GitHub Pages, Cloudflare's paid plan, GitLab Pages and Netlify to take it, got: $hosts"
[ "$bytes" -le 500000000 ] || fail "$bytes bytes, more than 500 MB"

# Cloudflare's free plan takes 20,000 files: refused at the key, with what would fit, and
# nothing written.
echo "hosting: cloudflare-pages" >>"$work/site/data/site.yaml"
if "$rankpress" build --root "$work/site" --out "$work/refused" >/dev/null 2>"$work/refused.log"; then
  fail "a build for Cloudflare's free plan was not refused"
fi
grep -q "^error: Cloudflare Pages (free plan) would not take this site: .* files, where it takes at most 20,000 files$" "$work/refused.log" ||
  fail "no error naming Cloudflare's limit: $(grep -m3 '^error' "$work/refused.log")"
grep -q "help: any one of these would make it fit: leaving \`de\` out of \`languages\`" "$work/refused.log" ||
  fail "the error does not name the setting that would fit: $(grep -A8 '^error: Cloudflare' "$work/refused.log")"
[ ! -e "$work/refused" ] || fail "a refused build wrote $work/refused"
grep -A8 '^error: Cloudflare' "$work/refused.log" | grep -E '^error|help'
echo "hosting at scale: ok"
