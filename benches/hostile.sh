#!/usr/bin/env bash
# The cost budget of docs/format.md ("Limits"): builds the example site with one hostile input at a
# time and prints the wall time and peak memory of `rankpress build` for each. Every line should
# stay under 10 s and 1 GB on a 2-core machine. Needs python3 (to write the inputs) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
# RANKPRESS=/path/to/rankpress measures another build of it.
binary="${RANKPRESS:-}"
if [ -z "$binary" ]; then
  cargo build --release --locked --quiet
  binary="$PWD/target/release/rankpress"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# case name, then a python snippet that changes the site copy in the current folder.
run() {
  local name="$1" script="$2"
  rm -rf "$work/site"
  mkdir -p "$work/site"
  cp -r data content themes "$work/site/"
  (cd "$work/site" && python3 -c "$script")
  local result
  result=$( { /usr/bin/time -f "%e %M" "$binary" build --root "$work/site" --out "$work/out" --force >/dev/null 2>"$work/stderr"; } 2>&1 | tail -1 ) || true
  result=$(tail -1 "$work/stderr")
  local status="built"
  grep -q "^error" "$work/stderr" && status="$(grep -c '^error' "$work/stderr") error(s) shown"
  printf '%-42s %8s s %8.0f MB   %s\n' "$name" "$(echo "$result" | cut -d' ' -f1)" \
    "$(echo "$result" | awk '{print $2/1024}')" "$status"
}

printf '%-42s %10s %11s   %s\n' "input" "wall" "peak" "outcome"
run "CSV header, 100,000 unknown columns" "
import glob,os
y=sorted(glob.glob('data/editions/*.yaml'))[-1]
t=open(y).read(); head=t.split('results:')[0]; open(y,'w').write(head)
open(y[:-5]+'.csv','w').write('company,'+','.join('x%d'%i for i in range(100000))+'\n')"
run "5,000 duplicate ids on one YAML line" "
sector=open('data/sectors.yaml').read().split('id: ')[1].split()[0]
open('data/companies.yaml','w').write('[' + ', '.join(['{id: dup, name: D, sector: %s}' % sector]*5000) + ']\n')"
run "YAML nested 100,000 levels" "
open('data/site.yaml','a').write('extra: ' + '['*100000 + ']'*100000 + '\n')"
run "a million aliases in the data" "
t=open('data/companies.yaml').read().replace('- id:','- &c\n  id:',1)
open('data/companies.yaml','w').write(t + '- *c\n'*1000000)"
run "40,000 company links in one text" "
import glob
c=open('data/companies.yaml').read().split('id: ')[1].split()[0].strip(',}')
open('content/_index.md','a').write('\n' + ('[[company:%s]] ' % c)*40000 + '\n')"
run "8,000 chart embeds in one text" "
import glob
y=sorted(glob.glob('data/editions/*.yaml'))[-1].split('/')[-1][:4]
open('content/_index.md','a').write('\n' + ('{{ chart sectors %s }}\n\n' % y)*8000)"
run "30,000 identical headings" "
open('content/_index.md','a').write('\n' + '## Results\n\n'*30000)"
run "a 16,000-character site title" "
import re
t=open('data/site.yaml').read()
t=re.sub(r'(?m)^title:.*$', 'title: ' + 'x'*16000, t)
open('data/site.yaml','w').write(t)"
run "a 4,999-character site title (allowed)" "
import re
t=open('data/site.yaml').read()
t=re.sub(r'(?m)^title:.*$', 'title: ' + 'x '*2499 + 'x', t)
open('data/site.yaml','w').write(t)"
