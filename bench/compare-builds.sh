#!/usr/bin/env bash
# Compares two builds of the gateway side by side on this machine, alternating old and new runs, so that
# machine noise (a shared VM, other work on the same two cores) falls on both alike and every ratio is
# taken from runs minutes apart. Starts and stops every node, the ceiling host and a throwaway PostgreSQL
# server itself, each on a free loopback port, and removes them all on exit.
#
#   bench/compare-builds.sh OLD_APP NEW_APP [SCENARIOS]
#
# OLD_APP, NEW_APP: folders of `dotnet build src/Gateway -c Release -o <folder>` of each build.
# SCENARIOS (comma-separated, default all):
#   sqlite-list    one SQLite node, list-warm (1,000 instances, 32 workers), the ceiling host measured in
#                  the same LoadGen run: one ratio to the ceiling per run
#   sqlite-create  one SQLite node, create-single (64 workers): ratio new/old per pair of runs
#   pg-list        3 nodes over one PostgreSQL database, list-warm spread round robin over the 3
#   pg-create      3 nodes over one PostgreSQL database, create-single spread over the 3
# Each system gets a fresh database (SQLite file or PostgreSQL database) per scenario, kept across its runs
# of that scenario; its nodes are started before each run and stopped after it, so only one system runs at
# a time. Settings by environment variable:
#   PAIRS (3)        old/new pairs per scenario, run old, new, old, new, ...
#   WARMUP (5), DURATION (10)   seconds of LoadGen warm-up and measurement
#   LOADGEN_DIR, CEILING_DIR    built bench/LoadGen and bench/CeilingHost; built from this checkout into
#                               OUT when not given
#   OUT              folder for logs and results (default a new folder under /tmp)
# Prints one line per run (throughput, p50/p99, error count and codes, load average before and after, the
# number of warnings the nodes logged, and the CPU of the measured window by process group: nodes,
# loadgen, ceiling, postgres, everything else, plus the machine's idle and stolen time from vmstat), then
# the ratios. Needs dotnet, curl, pidstat (sysstat), vmstat, and for pg-* the PostgreSQL server binaries
# (run as the postgres user when root). For example, two pairs of the SQLite scenarios only:
#
#   PAIRS=2 bench/compare-builds.sh /tmp/old/app /tmp/new/app sqlite-list,sqlite-create
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
fi

OLD_APP=$(cd "$1" && pwd)
NEW_APP=$(cd "$2" && pwd)
SCENARIOS=${3:-sqlite-list,sqlite-create,pg-list,pg-create}
PAIRS=${PAIRS:-3}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/compare-builds.XXXXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"

# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

CEILING_URL=""
CEILING_PID=0

build_tools() {
    if [[ -z "${LOADGEN_DIR:-}" ]]; then
        LOADGEN_DIR="$OUT/loadgen"
        dotnet build "$REPO/bench/LoadGen" -c Release -o "$LOADGEN_DIR" -v q -nologo >&2
    fi
    if [[ -z "${CEILING_DIR:-}" ]]; then
        CEILING_DIR="$OUT/ceiling"
        dotnet build "$REPO/bench/CeilingHost" -c Release -o "$CEILING_DIR" -v q -nologo >&2
    fi
}

start_ceiling() {
    [[ -n "$CEILING_URL" ]] && return
    local port
    port=$(free_port)
    (cd "$CEILING_DIR" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet ProcOrleans.Bench.CeilingHost.dll) \
        >"$OUT/ceiling.log" 2>&1 &
    CEILING_PID=$!
    PIDS+=("$CEILING_PID")
    CEILING_URL="http://127.0.0.1:$port/"
    local i
    for i in $(seq 150); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return
        sleep 0.2
    done
    log "the ceiling host did not start; see $OUT/ceiling.log"
    exit 1
}


run_scenario() {
    local scenario=$1 count args=() old_store new_store
    case "$scenario" in
        sqlite-list) count=1; start_ceiling
            args=(--scenario list-warm --instances 1000 --concurrency 32 --ceiling-url "$CEILING_URL") ;;
        sqlite-create) count=1; args=(--scenario create-single --instances 1000 --concurrency 64) ;;
        pg-list) count=3; args=(--scenario list-warm --instances 1000 --concurrency 32) ;;
        pg-create) count=3; args=(--scenario create-single --instances 1000 --concurrency 64) ;;
        *) log "unknown scenario $scenario"; exit 2 ;;
    esac
    if [[ $count -gt 1 ]]; then
        start_postgres
        old_store="${scenario//-/_}_old"
        new_store="${scenario//-/_}_new"
        create_database "$old_store"
        create_database "$new_store"
    else
        mkdir -p "$OUT/db"
        old_store="$OUT/db/$scenario-old.db"
        new_store="$OUT/db/$scenario-new.db"
        rm -f "$old_store"* "$new_store"*
    fi
    local pair
    for pair in $(seq "$PAIRS"); do
        run_once "$scenario" old "$pair" "$OLD_APP" "$old_store" "$count" "${args[@]}"
        run_once "$scenario" new "$pair" "$NEW_APP" "$new_store" "$count" "${args[@]}"
    done
}

build_tools
log "old: $OLD_APP"
log "new: $NEW_APP"
log "scenarios: $SCENARIOS; $PAIRS pairs; warm-up ${WARMUP}s, measure ${DURATION}s; logs in $OUT"
IFS=, read -r -a scenario_list <<<"$SCENARIOS"
for scenario in "${scenario_list[@]}"; do
    run_scenario "$scenario"
done
echo
print_pair_ratios new old "requests/s:4:%.0f" "ratio to the ceiling:10:%.2f:sqlite-list"
