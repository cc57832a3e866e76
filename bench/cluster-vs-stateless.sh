#!/usr/bin/env bash
# Measures a ProcOrleans cluster against the stateless reference service (bench/Stateless) on one
# PostgreSQL server: 3 nodes of each system as separate processes, the load spread round robin over the
# 3, the two systems alternating run by run (cluster, stateless, cluster, stateless, ...) so that machine
# noise falls on both alike. Starts and stops every process and a throwaway PostgreSQL server itself,
# each on a free loopback port, and removes them all on exit.
#
#   bench/cluster-vs-stateless.sh NODE_APP STATELESS_APP [SCENARIOS]
#
# NODE_APP: a folder of `dotnet build src/Gateway -c Release -o <folder>` (run with Storage:Provider=Postgres);
# STATELESS_APP: a folder of `dotnet build bench/Stateless -c Release -o <folder>`.
# SCENARIOS (comma-separated, default all), each on a fresh database per system, kept across its runs:
#   list-warm      list-warm: 1,000 instances of 10 processes, a random instance per request, 32 workers
#   create-single  create-single: one process per durable create, 64 workers
#   create-batch   create-batch: 100 processes per create, one client (its p50 is the figure)
#   list-cold      list-cold: COLD_INSTANCES instances of 10 processes written by bench/DataGen into each
#                  system's database; each request reads an instance nobody read since the nodes started
#                  (they start before every run), pair p reading the p-th slice of the ids; COLD_CONCURRENCY
#                  clients (default 1; its p50 is the figure)
# Every run starts its system's 3 nodes and stops them after it, so only one system runs at a time.
# Settings by environment variable:
#   PAIRS (3)        cluster/stateless pairs per scenario
#   WARMUP (5), DURATION (10)   seconds of LoadGen warm-up and measurement
#   COLD_INSTANCES (100000)     instances of the cold data set (x 10 processes: 1,000,000 processes)
#   LOADGEN_DIR, DATAGEN_DIR    built bench/LoadGen and bench/DataGen; built from this checkout into OUT
#                               when not given
#   OUT              folder for logs and results (default a new folder under /tmp)
# Prints one line per run (throughput, p50/p99, error count and codes, load average before and after, the
# warnings the nodes logged, the CPU of the measured window by process group: nodes, loadgen, postgres,
# everything else, and the machine's idle and stolen time), then per scenario the figures of both systems
# and the ratios cluster/stateless per pair, with medians. Needs dotnet, curl, pidstat (sysstat), vmstat
# and the PostgreSQL server binaries (run as the postgres user when root). For example:
#
#   PAIRS=2 WARMUP=3 DURATION=6 bench/cluster-vs-stateless.sh /tmp/node /tmp/stateless list-warm,create-single
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
fi

NODE_APP=$(cd "$1" && pwd)
STATELESS_APP=$(cd "$2" && pwd)
SCENARIOS=${3:-list-warm,create-single,create-batch,list-cold}
PAIRS=${PAIRS:-3}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
COLD_INSTANCES=${COLD_INSTANCES:-100000}
COLD_CONCURRENCY=${COLD_CONCURRENCY:-1}
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/cluster-vs-stateless.XXXXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"

# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

build_tools() {
    if [[ -z "${LOADGEN_DIR:-}" ]]; then
        LOADGEN_DIR="$OUT/loadgen"
        dotnet build "$REPO/bench/LoadGen" -c Release -o "$LOADGEN_DIR" -v q -nologo >&2
    fi
    if [[ -z "${DATAGEN_DIR:-}" && ",$SCENARIOS," == *",list-cold,"* ]]; then
        DATAGEN_DIR="$OUT/datagen"
        dotnet build "$REPO/bench/DataGen" -c Release -o "$DATAGEN_DIR" -v q -nologo >&2
    fi
}

fill_cold() {
    local database=$1 started=$SECONDS
    dotnet "$DATAGEN_DIR/ProcOrleans.Bench.DataGen.dll" --provider Postgres \
        --connection "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$database" \
        --instances "$COLD_INSTANCES" --processes 10 >"$OUT/datagen-$database.log" 2>&1
    log "$database: $COLD_INSTANCES instances x 10 processes in $((SECONDS - started)) s"
}

run_scenario() {
    local scenario=$1 args=() cluster_store="${1//-/_}_cluster" stateless_store="${1//-/_}_stateless"
    start_postgres
    create_database "$cluster_store"
    create_database "$stateless_store"
    case "$scenario" in
        list-warm) args=(--scenario list-warm --instances 1000 --concurrency 32) ;;
        create-single) args=(--scenario create-single --instances 1000 --concurrency 64) ;;
        create-batch) args=(--scenario create-batch --instances 1000 --concurrency 1) ;;
        list-cold)
            fill_cold "$cluster_store"
            fill_cold "$stateless_store" ;;
        *) log "unknown scenario $scenario"; exit 2 ;;
    esac
    local pair slice=$((COLD_INSTANCES / PAIRS))
    for pair in $(seq "$PAIRS"); do
        if [[ $scenario == list-cold ]]; then
            args=(--scenario list-cold --setup false --first-instance $((1 + (pair - 1) * slice)) --instances "$slice"
                --concurrency "$COLD_CONCURRENCY")
        fi
        run_once "$scenario" cluster "$pair" "$NODE_APP" "$cluster_store" 3 "${args[@]}"
        run_once "$scenario" stateless "$pair" "$STATELESS_APP" "$stateless_store" 3 "${args[@]}"
    done
}

build_tools
log "cluster: $NODE_APP"
log "stateless: $STATELESS_APP"
log "scenarios: $SCENARIOS; $PAIRS pairs; warm-up ${WARMUP}s, measure ${DURATION}s; load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT"
IFS=, read -r -a scenario_list <<<"$SCENARIOS"
for scenario in "${scenario_list[@]}"; do
    run_scenario "$scenario"
done
echo
print_pair_ratios cluster stateless "requests/s:4:%.0f" "p50 ms:5:%.2f"
