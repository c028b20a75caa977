#!/usr/bin/env bash
# Prints how long escalate's everyday commands take on a large case log. A measurement, not a
# test: run it by hand after building (tools/dev build), and compare figures between commits.
#   bench/run.sh [CASES] [CONTACTS_PER_CASE]      (default 10000 cases, 8 contacts each)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cases=${1:-10000}
per_case=${2:-8}
runs=${RUNS:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ESCALATE_DB=$tmp/cases.db TZ=Europe/London
esc=$build/escalate

"$build/bench/escalate_seed" "$ESCALATE_DB" "$cases" "$per_case"
printf 'case log: %d cases, %d contacts, %s bytes\n' "$cases" $((cases * per_case)) \
  "$(stat -c %s "$ESCALATE_DB")"

# Median wall time of a command over $runs runs, in milliseconds.
measure() {
  local label=$1; shift
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median p90
  median=$(sed -n "$((runs / 2 + 1))p" <<<"$sorted")
  p90=$(sed -n "$((runs * 9 / 10))p" <<<"$sorted")
  awk -v l="$label" -v m="$median" -v p="$p90" \
    'BEGIN { printf "%-58s median %6.2f ms   p90 %6.2f ms\n", l, m / 1000, p / 1000 }'
}

mid=$((cases / 2))
measure "escalate --version (process start)" "$esc" --version
measure "escalate log call $mid --hold 10m --outcome hung-up" \
  "$esc" log call "$mid" --hold 10m --outcome hung-up
measure "escalate log call 'Org 0042' (20 open cases: exit 4)" \
  bash -c "\"$esc\" log call 'Org 0042' --outcome hung-up 2>/dev/null || true"
measure "escalate show $mid" "$esc" show "$mid"
measure "escalate show $mid --json" "$esc" show "$mid" --json
measure "escalate promises --overdue" "$esc" promises --overdue
measure "escalate list --org 'Org 0042'" "$esc" list --org "Org 0042"
measure "escalate next $mid (one case, with the engine)" "$esc" next "$mid"
measure "escalate next (the agenda over all $cases open cases)" "$esc" next
measure "escalate list (all $cases open cases)" "$esc" list
