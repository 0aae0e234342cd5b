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
RANKPRESS_SITE="$site" node --test tests/gates/
