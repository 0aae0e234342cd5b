#!/usr/bin/env bash
# The whole test suite, as README.md gives it and CI runs it: installs what the checks need on a
# fresh machine, then runs formatting, lints, the Rust tests, and the quality gates (HTML
# validator, accessibility audit, link check, browser tests) on the freshly built example site.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium (the gates never download a browser) and a Java runtime for vnu.jar.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# A Japanese font, so that the five-language gates lay Japanese out as readers' browsers do
# (without one, Chromium draws boxes of another width).
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-ipafont-gothic)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing ${missing[*]} from Debian"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# vnu-jar, axe-core and playwright-core, exactly as locked.
(cd tests/gates && npm ci --no-audit --no-fund --loglevel=error)

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked

site="$PWD/target/gates/site"
cargo run --release --locked --quiet -- build --out "$site" --force
# The example again in six languages of different scripts and lengths, for the layout gates.
languages_src="$PWD/target/gates/languages-src"
rm -rf "$languages_src"
mkdir -p "$languages_src"
cp -r data content themes "$languages_src/"
sed -i 's/^languages: \[en, de\]$/languages: [en, de, ar, ja, ru, he]/' "$languages_src/data/site.yaml"
grep -q '^languages: \[en, de, ar, ja, ru, he\]$' "$languages_src/data/site.yaml"
cargo run --release --locked --quiet -- build --root "$languages_src" --out "$PWD/target/gates/site-languages" --force >/dev/null 2>target/gates/languages-warnings.txt
# Japanese share cards must draw their characters (with the Japanese font installed above), never boxes.
if grep -q "boxes for characters" target/gates/languages-warnings.txt; then
  grep -A3 "boxes for characters" target/gates/languages-warnings.txt
  exit 1
fi
# A ranking at the scale of the largest real one, 4,700 companies in 400 sectors, for the paging
# and Lighthouse gates.
large_src="$PWD/target/gates/large-src"
rm -rf "$large_src"
cargo run --release --locked --quiet --example synth -- --companies 4700 --sectors 400 --out "$large_src" >/dev/null
cargo run --release --locked --quiet -- build --root "$large_src" --out "$PWD/target/gates/site-large" --force >/dev/null 2>&1
RANKPRESS_SITE="$site" RANKPRESS_SITE_LANGUAGES="$PWD/target/gates/site-languages" \
  RANKPRESS_SITE_LARGE="$PWD/target/gates/site-large" node --test tests/gates/
# The 10,000-company site in two languages against every hosting preset (after the gates, so that
# writing its 500 MB does not share the machine with Lighthouse's timings).
bash tests/hosting_at_scale.sh
