#!/usr/bin/env bash
# Respondent-level results at the scale of the largest German service ranking (issue 13): the
# whole `rankpress build` (streaming 2,000,000 survey rows, aggregation, statistics, every page and
# chart) side by side with DuckDB running the same aggregation as one SQL GROUP BY over the same
# CSV. Prints wall time and peak memory of both, medians of alternating runs, on the disk holding
# the repository. DuckDB comes from PyPI into a local virtual environment (target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
venv="$PWD/target/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb
fi
cargo build --release --locked --quiet --example respondents
cargo build --release --locked --quiet
site="$PWD/target/bench-respondents/site"
out="$PWD/target/bench-respondents/public"
./target/release/examples/respondents --out "$site" --rows "${ROWS:-2000000}" \
  --companies "${COMPANIES:-4700}" --sectors "${SECTORS:-400}"
csv="$site/data/editions/2026/customer.csv"
cat > "$site/../query.py" <<PY
import duckdb, time
criteria = ["reachability","responsiveness","competence","friendliness","reliability","transparency","complaints","value"]
points = [f"100.0 * ({c} - 1) / 4" for c in criteria]
answered = " + ".join(f"({c} IS NOT NULL)::INT" for c in criteria)
total = " + ".join(f"coalesce({p}, 0)" for p in points)
per_criterion = ", ".join(f"avg({p}), count({c})" for p, c in zip(points, criteria))
sql = f"""
WITH r AS (SELECT company, ({total}) / nullif({answered}, 0) AS z, * FROM read_csv('$csv'))
SELECT company, count(z), avg(z), stddev_samp(z) / sqrt(count(z)), {per_criterion}
FROM r WHERE z IS NOT NULL GROUP BY company
"""
start = time.perf_counter()
rows = duckdb.sql(sql).fetchall()
print(f"{time.perf_counter() - start:.3f} {len(rows)}")
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rp_times=(); rp_mem=(); db_times=(); db_mem=()
# Each run builds into a new, empty folder; the outputs are deleted only after the last run. On a
# file system that avoids reusing recently freed inodes (ext4 without a journal, as on this
# machine, for about 30 s), deleting 8,000 files right before a build makes that build's file
# creation up to twice as slow, which says nothing about the build; see README, "Speed".
rm -rf "$out".*
for run in $(seq "$runs"); do
  read -r t m < <( { /usr/bin/time -f "%e %M" ./target/release/rankpress build --root "$site" --out "$out.$run" >/dev/null; } 2>&1 | tail -1 )
  rp_times+=("$t"); rp_mem+=("$m")
  read -r t m < <( { /usr/bin/time -f "%e %M" "$venv/bin/python" "$site/../query.py" >/dev/null; } 2>&1 | tail -1 )
  db_times+=("$t"); db_mem+=("$m")
done
rp_t=$(printf '%s\n' "${rp_times[@]}" | median); db_t=$(printf '%s\n' "${db_times[@]}" | median)
rp_m=$(printf '%s\n' "${rp_mem[@]}" | median); db_m=$(printf '%s\n' "${db_mem[@]}" | median)
rows=$(($(wc -l < "$csv") - 1))
echo "respondent rows: $rows ($(du -h "$csv" | cut -f1)), companies: ${COMPANIES:-4700}, runs: $runs"
printf '%-44s %8s s %8s MB\n' "rankpress build (everything)" "$rp_t" "$((rp_m / 1024))"
printf '%-44s %8s s %8s MB\n' "DuckDB GROUP BY (Python process, wall)" "$db_t" "$((db_m / 1024))"
rm -rf "$out".*
awk -v a="$rp_t" -v b="$db_t" -v c="$rp_m" -v d="$db_m" \
  'BEGIN { printf "ratios: time %.2f (target <= 3), memory %.2f (target <= 2)\n", a / b, c / d }'
