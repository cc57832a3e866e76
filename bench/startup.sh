#!/usr/bin/env bash
# Start-up time of one SQLite node: from launching `dotnet ProcOrleans.Gateway.dll` on a fresh database to
# the first 200 from /readyz, and the CPU the process used until then. With several builds, runs them in
# turn (A, B, A, B, ...) so that machine noise falls on all alike.
#
#   bench/startup.sh APP_DIR [APP_DIR...]      e.g. a `dotnet build` and a `dotnet publish -r linux-x64` output
#
# RUNS (5) runs per build. Prints one line per run and the medians per build.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
fi

RUNS=${RUNS:-5}
TICKS=$(getconf CLK_TCK)
apps=()
for app in "$@"; do
    apps+=("$(cd "$app" && pwd)")
done
results=$(mktemp)
trap 'rm -f "$results"' EXIT

run_once() {
    local app=$1 dir port pid started ended user system
    dir=$(mktemp -d)
    port=$((20000 + RANDOM % 10000))
    started=$(date +%s%N)
    (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Development "ConnectionStrings__ProcOrleans=Data Source=$dir/procorleans.db" \
        dotnet ProcOrleans.Gateway.dll --urls "http://127.0.0.1:$port" >"$dir/node.log" 2>&1) &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the node of $app exited; see $dir/node.log" >&2
            return 1
        fi
        sleep 0.01
    done
    ended=$(date +%s%N)
    read -r user system < <(awk '{print $14, $15}' "/proc/$pid/stat")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    printf '%s\t%d\t%d\n' "$app" $(((ended - started) / 1000000)) $(((user + system) * 1000 / TICKS)) | tee -a "$results"
}

echo -e "build\tready_ms\tcpu_ms"
for _ in $(seq "$RUNS"); do
    for app in "${apps[@]}"; do
        run_once "$app"
    done
done

echo
for app in "${apps[@]}"; do
    awk -F'\t' -v app="$app" '$1 == app { r[++n] = $2; c[n] = $3 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END { printf "%s: median ready %d ms, median cpu %d ms over %d runs (load average %s)\n", app, median(r, n), median(c, n), n, LOAD }' \
        LOAD="$(cut -d' ' -f1-3 /proc/loadavg)" "$results"
done
