#!/usr/bin/env bash
# What the benchmark scripts share: processes they start (and stop on exit), free loopback ports, a
# throwaway PostgreSQL server, nodes of a system on one store, one measured LoadGen run with the CPU of
# its window by process group. Sourced by compare-builds.sh, cluster-vs-stateless.sh and stateless-diff.sh,
# after they set OUT (logs) and RESULTS (one tab-separated line per run), and for run_once WARMUP,
# DURATION and LOADGEN_DIR.

PIDS=()          # every process this script started and has not stopped yet
USED_PORTS=" "
PG_DIR=""
PG_PORT=""
PG_BIN=""

log() { echo "$*" >&2; }

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$PG_DIR" ]]; then
        pg_run pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on and this script has not handed out yet. Taken below the kernel's
# ephemeral range: a port there can be the local end of some outgoing connection, which no probe sees and
# which still makes a bind fail.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
    local port
    while true; do
        port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
        if [[ "$USED_PORTS" != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            USED_PORTS+="$port "
            echo "$port"
            return
        fi
    done
}

forget_pid() {
    local pid=$1 kept=() p
    for p in "${PIDS[@]}"; do
        [[ "$p" == "$pid" ]] || kept+=("$p")
    done
    PIDS=("${kept[@]}")
}

# Stops one process this script started: TERM, then KILL after 15 s.
stop_pid() {
    local pid=$1 i
    kill "$pid" 2>/dev/null || true
    for i in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
}

# Waits for GET <url>readyz to answer 200; fails when process PID has ended, or after 90 s.
wait_ready() {
    local url=$1 pid=$2 i
    for i in $(seq 450); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}readyz" || true)" == 200 ]] && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# PostgreSQL's tools refuse to run as root: run them as the postgres user then.
pg_run() {
    local tool=$1
    shift
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$PG_BIN/$tool" "$@"
    else
        "$PG_BIN/$tool" "$@"
    fi
}

start_postgres() {
    [[ -n "$PG_DIR" ]] && return
    PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
    [[ -x "$PG_BIN/initdb" ]] || PG_BIN=$(dirname "$(command -v initdb)")
    PG_DIR=$(mktemp -d /tmp/bench-pg.XXXXXX)
    PG_PORT=$(free_port)
    [[ $EUID -eq 0 ]] && chown postgres "$PG_DIR"
    pg_run initdb -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >"$OUT/pg-initdb.log"
    # The settings of docs/PERFORMANCE.md (durable commits, 1 GB of shared buffers); room for 3 pools of 200.
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 700
shared_buffers = 1GB
fsync = on
synchronous_commit = on
EOF
    pg_run pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null
    log "postgres $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

create_database() {
    pg_run createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
}

# Starts COUNT nodes of APP on one store; sets NODE_PIDS and NODE_URLS. STORE is a SQLite file path or
# a PostgreSQL database name. APP is a build of the gateway, or of bench/Stateless (which holds the
# gateway's assembly too, so its own entry point is looked for first).
start_nodes() {
    local app=$1 count=$2 store=$3 tag=$4 n port dll=ProcOrleans.Gateway.dll
    [[ -f "$app/ProcOrleans.Bench.Stateless.dll" ]] && dll=ProcOrleans.Bench.Stateless.dll
    NODE_PIDS=()
    NODE_URLS=()
    local settings=()
    if [[ "$store" == */* ]]; then
        settings=("ConnectionStrings__ProcOrleans=Data Source=$store")
    else
        settings=("Storage__Provider=Postgres"
            "ConnectionStrings__ProcOrleans=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$store;Maximum Pool Size=200")
    fi
    for n in $(seq "$count"); do
        port=$(free_port)
        (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
            Logging__LogLevel__Default=Warning "${settings[@]}" dotnet "$dll") \
            >"$OUT/$tag-node$n.log" 2>&1 &
        NODE_PIDS+=($!)
        PIDS+=($!)
        NODE_URLS+=("http://127.0.0.1:$port/")
    done
    for n in "${!NODE_URLS[@]}"; do
        if ! wait_ready "${NODE_URLS[$n]}" "${NODE_PIDS[$n]}"; then
            log "node ${NODE_URLS[$n]} of $tag did not become ready; see $OUT/$tag-node*.log"
            return 1
        fi
    done
}

stop_nodes() {
    local pid
    for pid in "${NODE_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${NODE_PIDS[@]}"; do
        stop_pid "$pid"
    done
    NODE_PIDS=()
}

# Everything PostgreSQL runs: the postmaster and its children (backends come and go with the pools).
postgres_pids() {
    [[ -n "$PG_DIR" && -f "$PG_DIR/data/postmaster.pid" ]] || return 0
    local master
    master=$(head -1 "$PG_DIR/data/postmaster.pid")
    echo "$master"
    awk -v m="$master" '$4 == m {print $1}' /proc/[0-9]*/stat 2>/dev/null || true
}

# CPU of the measured window by group, from pidstat's averages (percent of one core) and vmstat.
sample_cpu() {
    local seconds=$1 file=$2
    pidstat -u "$seconds" 1 >"$file.pidstat" 2>/dev/null &
    local pidstat_pid=$!
    vmstat "$seconds" 2 >"$file.vmstat" 2>/dev/null &
    local vmstat_pid=$!
    sleep $((seconds / 2))
    top -b -n1 -w 200 | head -25 >"$file.top"
    postgres_pids >"$file.pgpids"
    wait "$pidstat_pid" "$vmstat_pid" || true
}

# Percent of one core per group. "other" is the machine's busy time (vmstat us+sy, all cores) less the
# groups: pidstat leaves out processes that ended within the window (test runs, compilers), vmstat does not.
# The names after it are the other processes pidstat did see using 10% or more.
summarise_cpu() {
    local file=$1 nodes=$2 loadgen_pid=$3
    awk -v nodes="$nodes" -v loadgen="$loadgen_pid" -v ceiling="${CEILING_PID:-0}" -v cores="$(nproc)" \
        'FILENAME ~ /pgpids$/ { pg[$1] = 1; next }
        FILENAME ~ /vmstat$/ { if (++line == 4) { busy = ($13 + $14) * cores; idle = $15; steal = $17 }; next }
        /^Average:/ && $3 ~ /^[0-9]+$/ {
            pid = $3; cpu = $8
            if (index(nodes, " " pid " ")) g["nodes"] += cpu
            else if (pid == loadgen) g["loadgen"] += cpu
            else if (pid == ceiling) g["ceiling"] += cpu
            else if (pid in pg) g["pg"] += cpu
            else by[$NF] += cpu
        }
        END {
            top = ""
            for (c in by) if (by[c] >= 10) top = top sprintf("%s%s:%.0f", top == "" ? "" : ",", c, by[c])
            other = busy - g["nodes"] - g["loadgen"] - g["ceiling"] - g["pg"]
            printf "cpu%%: nodes=%.0f loadgen=%.0f ceiling=%.0f pg=%.0f other=%.0f%s idle=%s steal=%s", g["nodes"], g["loadgen"], g["ceiling"], g["pg"], other < 0 ? 0 : other, top == "" ? "" : " (" top ")", idle, steal
        }' "$file.pgpids" "$file.vmstat" "$file.pidstat"
}

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }

# One measured run: starts the system's nodes, runs LoadGen, samples CPU during the measured window, stops.
run_once() {
    local scenario=$1 system=$2 pair=$3 app=$4 store=$5 count=$6
    shift 6
    local tag="$scenario-$system-$pair" load_before load_after
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    local started=false _
    for _ in 1 2 3; do
        if start_nodes "$app" "$count" "$store" "$tag"; then
            started=true
            break
        fi
        stop_nodes
        # Other work on the machine may take a port between the probe and the bind: try other ports.
        grep -qs "address already in use" "$OUT/$tag"-node*.log || break
        log "a port was taken before $tag bound it; starting again on other ports"
    done
    if [[ $started == false ]]; then
        printf '%s\t%s\t%s\tFAILED\n' "$scenario" "$system" "$pair" >>"$RESULTS"
        echo "scenario=$scenario system=$system pair=$pair FAILED: a node did not start"
        return
    fi
    local target
    if [[ $count -gt 1 ]]; then
        target=(--urls "$(IFS=,; echo "${NODE_URLS[*]}")")
    else
        target=(--url "${NODE_URLS[0]}")
    fi
    dotnet "$LOADGEN_DIR/ProcOrleans.Bench.LoadGen.dll" "${target[@]}" --warmup "$WARMUP" --duration "$DURATION" "$@" \
        >"$OUT/$tag.out" 2>"$OUT/$tag.err" &
    local loadgen_pid=$!
    PIDS+=("$loadgen_pid")
    # The CPU window: the node's measured seconds, after set-up and warm-up, one second in from each end.
    while kill -0 "$loadgen_pid" 2>/dev/null && ! grep -qs "warming up" "$OUT/$tag.err"; do
        sleep 0.1
    done
    sleep $((WARMUP + 1))
    sample_cpu $((DURATION - 2)) "$OUT/$tag"
    local rc=0
    wait "$loadgen_pid" || rc=$?
    forget_pid "$loadgen_pid"
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    local measured_nodes=" ${NODE_PIDS[*]} "
    stop_nodes
    local node_line ceiling_line ratio cpu
    node_line=$(grep '^scenario=' "$OUT/$tag.out" | grep -v '^scenario=ceiling' | head -1 || true)
    ceiling_line=$(grep '^scenario=ceiling' "$OUT/$tag.out" | head -1 || true)
    ratio=$(field ratio_to_ceiling "$(cat "$OUT/$tag.out")")
    cpu=$(summarise_cpu "$OUT/$tag" "$measured_nodes" "$loadgen_pid")
    # Warnings and failures the nodes logged (the logs are at Warning): a run that had any is worth a look.
    local warnings
    warnings=$(cat "$OUT/$tag"-node*.log | grep -cE '^(warn|fail|crit):' || true)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$system" "$pair" \
        "$(field rps "$node_line")" "$(field p50_ms "$node_line")" "$(field p99_ms "$node_line")" \
        "$(field errors "$node_line")" "$(field codes "$node_line")" "$(field rps "$ceiling_line")" "${ratio:--}" \
        "$load_before" "$load_after" "$rc" >>"$RESULTS"
    echo "scenario=$scenario system=$system pair=$pair rps=$(field rps "$node_line") p50_ms=$(field p50_ms "$node_line")" \
        "p99_ms=$(field p99_ms "$node_line") errors=$(field errors "$node_line") codes=$(field codes "$node_line")" \
        "${ceiling_line:+ceiling_rps=$(field rps "$ceiling_line") ceiling_errors=$(field errors "$ceiling_line") ratio_to_ceiling=$ratio}" \
        "loadavg=$load_before->$load_after rc=$rc node_warnings=$warnings $cpu"
}

# Per scenario, from $RESULTS: the two systems' values of each reported column, each pair's ratio
# SYSTEM_A/SYSTEM_B, and the medians. Each REPORT is "label:column:format", or "label:column:format:scenario"
# for a figure only that scenario has.
#   print_pair_ratios SYSTEM_A SYSTEM_B REPORT...
print_pair_ratios() {
    local a=$1 b=$2
    shift 2
    awk -F'\t' -v a="$a" -v b="$b" -v reports="$(IFS=';'; echo "$*")" '
        function median(list, format,   n, i, j, t, x) {
            n = split(list, x, " ")
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
            return n == 0 ? "-" : sprintf(format, n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2)
        }
        function report(sc, label, col, format,   p, as, bs, ratios) {
            for (p = 1; p <= pairs[sc]; p++) {
                if ((sc, a, p) in v) as = as " " v[sc, a, p, col]
                if ((sc, b, p) in v) bs = bs " " v[sc, b, p, col]
                if ((sc, a, p) in v && (sc, b, p) in v && v[sc, b, p, col] > 0)
                    ratios = ratios " " sprintf("%.2f", v[sc, a, p, col] / v[sc, b, p, col])
            }
            printf "%s, %s: %s%s (median %s); %s%s (median %s); %s/%s per pair%s (median %s)\n", sc, label, a, as, median(as, format), b, bs, median(bs, format), a, b, ratios, median(ratios, "%.2f")
        }
        $4 == "FAILED" || $4 == "" { next }
        { v[$1, $2, $3] = 1; for (c = 4; c <= NF; c++) v[$1, $2, $3, c] = $c
          if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
          if ($3 + 0 > pairs[$1]) pairs[$1] = $3 + 0 }
        END {
            count = split(reports, list, ";")
            for (s = 1; s <= n; s++) for (r = 1; r <= count; r++) {
                split(list[r], part, ":")
                if (part[4] == "" || part[4] == order[s]) report(order[s], part[1], part[2], part[3])
            }
        }' "$RESULTS"
}
