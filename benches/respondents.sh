#!/usr/bin/env bash
# Respondent-level results at the scale of the largest German service ranking (issues 13, 34):
# the whole `rankpress build` (streaming 2,000,000 weighted survey rows, STATISTICS.md v3's
# statistics, every page and chart) side by side with DuckDB running the same computation in SQL
# over the same CSV (weighted criterion means per company, then the linearised variance in a
# second pass over the rows joined to them). Prints wall time, CPU time (user + system) and peak
# memory of both, medians of alternating runs (RUNS, default 5), on the disk holding the
# repository. DuckDB comes from PyPI into a local virtual environment (target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
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
# STATISTICS.md v3 in SQL, the computation rankpress does: per company the weighted criterion
# means (S_k, G_k, n_k), n and Kish's n_eff, P = the criteria's weighted mean (equal weights:
# a_k = 1/8); then a second pass over the rows joined to those means for the linearised
# variance of P and of each criterion.
criteria = ["reachability","responsiveness","competence","friendliness","reliability","transparency","complaints","value"]
k = len(criteria)
points = ",\n  ".join(f"100.0 * ({c} - 1) / 4 AS y_{c}" for c in criteria)
answered = " OR ".join(f"{c} IS NOT NULL" for c in criteria)
means = ",\n  ".join(
    f"sum(CASE WHEN y_{c} IS NOT NULL THEN weight END) AS g_{c}, "
    f"sum(weight * y_{c}) / sum(CASE WHEN y_{c} IS NOT NULL THEN weight END) AS s_{c}, "
    f"count(y_{c}) AS n_{c}" for c in criteria)
p = " + ".join(f"s_{c}" for c in criteria)
u = " + ".join(f"coalesce(weight * (y_{c} - s_{c}) / g_{c}, 0)" for c in criteria)
per_criterion = ",\n  ".join(
    f"n_{c} / (n_{c} - 1) * sum(power(weight * (y_{c} - s_{c}) / g_{c}, 2)) AS v_{c}" for c in criteria)
sql = f"""
WITH r AS (
  SELECT company, weight, {points}
  FROM read_csv('$csv') WHERE {answered}),
m AS (
  SELECT company, count(*) AS n, sum(weight) * sum(weight) / sum(weight * weight) AS n_eff,
  {means}
  FROM r GROUP BY company)
SELECT m.company, any_value(n), any_value(n_eff), any_value(({p}) / {k}) AS p,
  any_value(n) / (any_value(n) - 1) * sum(power(({u}) / {k}, 2)) AS v,
  {per_criterion}
FROM r JOIN m USING (company)
GROUP BY m.company, {", ".join(f"n_{c}" for c in criteria)}
"""
start = time.perf_counter()
rows = duckdb.sql(sql).fetchall()
print(f"{time.perf_counter() - start:.3f} {len(rows)}")
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rp_times=(); rp_mem=(); rp_cpu=(); db_times=(); db_mem=(); db_cpu=()
# Each run builds into a new, empty folder; the outputs are deleted only after the last run. On a
# file system that avoids reusing recently freed inodes (ext4 without a journal, as on this
# machine, for about 30 s), deleting 8,000 files right before a build makes that build's file
# creation up to twice as slow, which says nothing about the build; see README, "Speed".
rm -rf "$out".*
for run in $(seq "$runs"); do
  read -r t m u s < <( { /usr/bin/time -f "%e %M %U %S" ./target/release/rankpress build --root "$site" --out "$out.$run" >/dev/null; } 2>&1 | tail -1 )
  rp_times+=("$t"); rp_mem+=("$m"); rp_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  read -r t m u s < <( { /usr/bin/time -f "%e %M %U %S" "$venv/bin/python" "$site/../query.py" >/dev/null; } 2>&1 | tail -1 )
  db_times+=("$t"); db_mem+=("$m"); db_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
done
rp_t=$(printf '%s\n' "${rp_times[@]}" | median); db_t=$(printf '%s\n' "${db_times[@]}" | median)
rp_m=$(printf '%s\n' "${rp_mem[@]}" | median); db_m=$(printf '%s\n' "${db_mem[@]}" | median)
rp_c=$(printf '%s\n' "${rp_cpu[@]}" | median); db_c=$(printf '%s\n' "${db_cpu[@]}" | median)
rows=$(($(wc -l < "$csv") - 1))
echo "respondent rows: $rows ($(du -h "$csv" | cut -f1)), companies: ${COMPANIES:-4700}, runs: $runs"
printf '%-44s %8s s wall %8s s CPU %6s MB\n' "rankpress build (everything)" "$rp_t" "$rp_c" "$((rp_m / 1024))"
printf '%-44s %8s s wall %8s s CPU %6s MB\n' "DuckDB two passes (Python process)" "$db_t" "$db_c" "$((db_m / 1024))"
rm -rf "$out".*
awk -v a="$rp_t" -v b="$db_t" -v c="$rp_m" -v d="$db_m" \
  'BEGIN { printf "ratios: time %.2f (target <= 1.5), memory %.2f (target <= 1)\n", a / b, c / d }'
