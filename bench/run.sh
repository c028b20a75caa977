#!/usr/bin/env bash
# The benchmark of issue 12: builds a Release escalate, writes the same synthetic cases for
# escalate, for sqlite3 and for taskwarrior, and prints a markdown table of medians, each paired
# with its reference measured in the same hyperfine invocation, with peak memory and whether
# each target is met. A measurement, not a test: it exits 0 when a target is missed.
#
#   tools/dev bench                   (installs hyperfine, taskwarrior, sqlite3, time, jq first)
#   bench/run.sh                      (when they are installed)
#   BENCH_SIZES="1000 10000" bench/run.sh     a quicker run
#
# BENCH_SIZES (default "1000 10000 100000") cases, each with BENCH_CONTACTS (20) contacts and
# spread over 500 orgs; BENCH_BUILD_DIR (build-bench); JOBS (the number of cores);
# BENCH_BUILD_LOCK, a file to flock around the build (for a machine shared by several builds);
# BENCH_NO_BUILD=1 measures the binaries already in BENCH_BUILD_DIR.
# Everything it writes outside the build directory is in one temporary folder under TMPDIR,
# removed at exit: about 2 GB at 100,000 cases (the dump, the CSV, both logs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-bench}
read -r -a sizes <<<"${BENCH_SIZES:-1000 10000 100000}"
per_case=${BENCH_CONTACTS:-20}
orgs=500
jobs=${JOBS:-$(nproc)}
now=2026-11-20T12:00:00Z # the seed's cases end on 2026-11-20
export TZ=Europe/London

say() { printf '==> %s\n' "$*" >&2; }
die() {
  printf 'bench/run.sh: %s\n' "$*" >&2
  exit 1
}
for tool in cmake hyperfine sqlite3 task jq /usr/bin/time; do
  command -v "$tool" >/dev/null || die "$tool is missing: run tools/dev bench, which installs it"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/escalate-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results.tsv # operation, cases, escalate s, reference s, escalate KiB, reference KiB
phases=$tmp/phases.tsv   # phase, seconds
: >"$results"
: >"$phases"
started=$(date +%s.%N)
phase_name=""
phase_start=0
# Starts timing a phase (ending the previous one); `phase` alone ends the last.
phase() {
  local t
  t=$(date +%s.%N)
  if [[ -n $phase_name ]]; then
    awk -v n="$phase_name" -v a="$phase_start" -v b="$t" 'BEGIN { printf "%s\t%.1f\n", n, b - a }' \
      >>"$phases"
  fi
  phase_name=${1:-}
  phase_start=$t
  [[ -z $phase_name ]] || say "$phase_name"
}

# --- build ---------------------------------------------------------------------------------
if [[ -z ${BENCH_NO_BUILD:-} ]]; then
  phase "build: Release escalate and escalate_seed in $build"
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DESCALATE_TESTS=OFF \
    -DESCALATE_BENCH=ON "${launcher[@]}" >/dev/null
  lock=()
  [[ -z ${BENCH_BUILD_LOCK:-} ]] || lock=(flock "$BENCH_BUILD_LOCK")
  "${lock[@]}" cmake --build "$build" -j "$jobs" --target escalate escalate_seed >"$tmp/build.log" ||
    { tail -30 "$tmp/build.log"; die "the build failed"; }
fi
esc=$build/escalate
seed=$build/bench/escalate_seed

# The reference schema is a fresh case log's own (tables, indexes, full-text index, triggers).
"$esc" --db "$tmp/fresh.db" --now "$now" -q open "Schema probe" >/dev/null
sqlite3 "$tmp/fresh.db" .schema >"$tmp/schema.sql"

# --- measuring -----------------------------------------------------------------------------
# Median seconds of command N (0 or 1) in a hyperfine JSON export.
median() { jq -r ".results[$2].median" "$1"; }
# Runs hyperfine on escalate's command and its reference, in that order; the rest are
# hyperfine options. Appends to the results.
pair() {
  local op=$1 n=$2
  local json=$tmp/$n/$3.json mine=$4 theirs=$5
  shift 5
  hyperfine -N --style basic --export-json "$json" "$@" "$mine" "$theirs" \
    >>"$tmp/hyperfine.log" 2>&1 ||
    { tail -30 "$tmp/hyperfine.log"; die "hyperfine failed on: $mine | $theirs"; }
  printf '%s\t%s\t%s\t%s' "$op" "$n" "$(median "$json" 0)" "$(median "$json" 1)" >>"$results"
}
# Peak resident memory in KiB of one run of a command (its output discarded).
peak() {
  /usr/bin/time -f %M -o "$tmp/peak" "$@" >/dev/null 2>&1 || die "failed: $*"
  cat "$tmp/peak"
}
# Ends the row pair started: escalate's peak memory and the reference's (or empty).
peaks() { printf '\t%s\t%s\n' "$1" "${2:-}" >>"$results"; }

for n in "${sizes[@]}"; do
  d=$tmp/$n
  mkdir -p "$d/task"
  if ((n >= 100000)); then
    fast=(--warmup 2 --runs 15) slow=(--runs 2) import_runs=(--runs 1)
  elif ((n >= 10000)); then
    fast=(--warmup 3 --runs 20) slow=(--warmup 1 --runs 5) import_runs=(--runs 1)
  else
    fast=(--warmup 3 --runs 30) slow=(--warmup 2 --runs 10) import_runs=(--warmup 1 --runs 3)
  fi

  phase "seed $n: dump, CSV and taskwarrior files ($per_case contacts per case, $orgs orgs)"
  "$seed" "$n" "$d" "$per_case" "$orgs" >&2
  for table in orgs cases contacts promises; do
    columns=$(sqlite3 "$tmp/fresh.db" \
      "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
    [[ $columns == "$(head -1 "$d/$table.csv")" ]] ||
      die "$table.csv has columns $(head -1 "$d/$table.csv"), the schema $columns"
  done

  phase "import $n: escalate import vs sqlite3 .import (same rows, same schema)"
  db=$d/escalate.db ref=$d/ref.db
  printf 'rm -f %q %q-wal %q-shm\n' "$db" "$db" "$db" >"$d/fresh-escalate.sh"
  printf 'rm -f %q %q-wal %q-shm\nsqlite3 %q ".read %s" >/dev/null\n' \
    "$ref" "$ref" "$ref" "$ref" "$tmp/schema.sql" >"$d/fresh-ref.sh"
  {
    echo "PRAGMA journal_mode = WAL;"
    echo "PRAGMA synchronous = FULL;"
    echo "BEGIN;"
    for table in orgs cases contacts promises; do
      echo ".import --csv --skip 1 $d/$table.csv $table"
    done
    echo "COMMIT;"
  } >"$d/import.sql"
  pair import "$n" import \
    "/usr/bin/time -f %M -a -o $d/import.peak $esc --db $db --now $now import $d/dump.jsonl" \
    "/usr/bin/time -f %M -a -o $d/import-ref.peak sqlite3 $ref \".read $d/import.sql\"" \
    "${import_runs[@]}" --prepare "bash $d/fresh-escalate.sh" --prepare "bash $d/fresh-ref.sh"
  peaks "$(sort -n "$d/import.peak" | tail -1)" "$(sort -n "$d/import-ref.peak" | tail -1)"
  for table in cases contacts promises; do
    a=$(sqlite3 "$db" "SELECT count(*) FROM $table") b=$(sqlite3 "$ref" "SELECT count(*) FROM $table")
    [[ $a == "$b" ]] || die "$table: escalate imported $a rows, sqlite3 $b"
  done
  rm -f "$d"/*.csv "$d/dump.jsonl"

  phase "taskwarrior $n: the same cases as pending tasks"
  mv "$d/pending.data" "$d/task/"
  touch "$d/task/completed.data" "$d/task/undo.data" "$d/task/backlog.data"
  printf 'data.location=%s\nconfirmation=off\nnews.version=2.6.0\n' "$d/task" >"$d/taskrc"
  export TASKRC=$d/taskrc TASKDATA=$d/task
  count=$(task count status:pending 2>/dev/null)
  [[ $count == "$n" ]] || die "taskwarrior reads $count pending tasks, not $n"

  phase "commands $n: hyperfine pairs and peak memory"
  export ESCALATE_DB=$db
  mid=$((n / 2))
  # What `show`, `next CASE` and `export CASE` read: the case with its org, its contacts with
  # their promises, its promises, the org's directory (the store's own statements).
  cat >"$d/case.sql" <<SQL
SELECT c.id, o.name, c.title, c.want, c.status, c.opened_at, c.closed_at, c.resolution, c.tags,
       c.incident_at, c.paid_by, c.country, c.sector, c.amount, c.currency, c.order_ref
FROM cases c JOIN orgs o ON o.id = c.org_id WHERE c.id = $mid;
SELECT ct.id, ct.case_id, ct.channel, ct.direction, ct.at, ct.duration_s, ct.hold_s, ct.agent,
       ct.ref, ct.outcome, ct.note, ct.private, p.id
FROM contacts ct LEFT JOIN promises p ON p.contact_id = ct.id
WHERE ct.case_id = $mid ORDER BY ct.at, ct.id;
SELECT p.id, p.case_id, p.contact_id, p.text, p.due, p.status FROM promises p
WHERE p.case_id = $mid ORDER BY p.due, p.id;
SELECT id, name, phone, email, chat, social, exec, regulator, unavailable, requires FROM orgs
WHERE name = (SELECT o.name FROM cases c JOIN orgs o ON o.id = c.org_id WHERE c.id = $mid);
SQL
  # The floor under `log`: one contact inserted, durably (WAL, synchronous=FULL, as escalate).
  cat >"$d/insert.sql" <<SQL
PRAGMA synchronous = FULL;
INSERT INTO contacts(case_id, channel, direction, at, hold_s, outcome)
VALUES ($mid, 'call', 'out', 1795176000, 600, 'hung-up');
SQL
  e=("$esc" --now "$now") # for peak; the same as a string for hyperfine
  e_cmd="$esc --now $now"
  case_ref="sqlite3 $ref \".read $d/case.sql\""
  pair "next CASE" "$n" next-case "$e_cmd next $mid" "$case_ref" "${fast[@]}"
  peaks "$(peak "${e[@]}" next "$mid")"
  pair "show CASE" "$n" show "$e_cmd show $mid" "$case_ref" "${fast[@]}"
  peaks "$(peak "${e[@]}" show "$mid")"
  pair "export CASE --format html" "$n" export "$e_cmd export $mid --format html" "$case_ref" \
    "${fast[@]}"
  peaks "$(peak "${e[@]}" export "$mid" --format html)"
  # The first agenda after an import computes and stores every case's state row (the import
  # marks them due): a one-time cost, timed here and printed, not part of the pair below.
  first=$(date +%s.%N)
  "${e[@]}" next >/dev/null
  say "first agenda after the import of $n cases (computes every state row):" \
    "$(awk -v a="$first" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }')"
  # taskwarrior takes seconds at 100,000 cases: the peak memory is read from the timed runs.
  pair "agenda next" "$n" agenda "/usr/bin/time -f %M -a -o $d/agenda.peak $e_cmd next" \
    "/usr/bin/time -f %M -a -o $d/agenda-task.peak task next limit:10" "${slow[@]}"
  peaks "$(sort -n "$d/agenda.peak" | tail -1)" "$(sort -n "$d/agenda-task.peak" | tail -1)"
  # Last: each run adds a contact, to both logs.
  pair "log call N" "$n" log "$e_cmd log call $mid --hold 10m --outcome hung-up" \
    "sqlite3 $ref \".read $d/insert.sql\"" "${fast[@]}"
  peaks "$(peak "${e[@]}" log call "$mid" --hold 10m --outcome hung-up)"
  unset TASKRC TASKDATA ESCALATE_DB
  rm -rf "$d"
done
phase
total=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')

# --- the table -----------------------------------------------------------------------------
largest=${sizes[-1]} smallest=${sizes[0]}
printf '\nescalate %s (%s), %s cores, %s; %s contacts per case, %s orgs; hyperfine %s, sqlite3 %s, task %s\n\n' \
  "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" "$("$esc" --version)" \
  "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)" "$per_case" "$orgs" \
  "$(hyperfine --version | cut -d' ' -f2)" "$(sqlite3 --version | cut -d' ' -f1)" "$(task --version)"
awk -v smallest="$smallest" -v largest="$largest" -f "$root/bench/table.awk" "$results"
printf '\nratio: escalate'"'"'s median over its reference'"'"'s, both from one hyperfine invocation.\n'
printf '\n| phase | wall time |\n|---|---:|\n'
awk -F'\t' '{ printf "| %s | %.0f s |\n", $1, $2 }' "$phases"
printf '| total | %.0f s |\n' "$total"
