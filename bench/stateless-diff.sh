#!/usr/bin/env bash
# Checks that the stateless reference service answers exactly as a node does: starts a throwaway
# PostgreSQL server, one node and one stateless service (each on its own database), sends both the
# requests of bench/Stateless/diff/requests.tsv in order (valid calls, every kind of bad input, and a body
# over the size limit), and compares HTTP status and body with request ids and times masked, then the rows
# each stored. Exits 0 when all is the same, else prints the differences and exits 1.
#
#   bench/stateless-diff.sh [NODE_APP STATELESS_APP]
#
# NODE_APP, STATELESS_APP: folders of `dotnet build src/Gateway -c Release -o ...` and of
# `dotnet build bench/Stateless -c Release -o ...`; built from this checkout into OUT when not given.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/stateless-diff.XXXXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
# shellcheck source=bench/lib.sh
source "$REPO/bench/lib.sh"

if [[ $# -ge 2 ]]; then
    NODE_APP=$(cd "$1" && pwd)
    STATELESS_APP=$(cd "$2" && pwd)
else
    NODE_APP="$OUT/node"
    STATELESS_APP="$OUT/stateless"
    dotnet build "$REPO/src/Gateway" -c Release -o "$NODE_APP" -v q -nologo >&2
    dotnet build "$REPO/bench/Stateless" -c Release -o "$STATELESS_APP" -v q -nologo >&2
fi

# A second app with no grant, for the permission answers.
export Esb__Apps__1__AppCode=reader Esb__Apps__1__AppSecret=reader-secret

start_postgres
create_database diff_node
create_database diff_stateless
start_nodes "$NODE_APP" 1 diff_node diff-node
NODE_URL=${NODE_URLS[0]}
start_nodes "$STATELESS_APP" 1 diff_stateless diff-stateless
STATELESS_URL=${NODE_URLS[0]}

# One answer as a line: the HTTP status, then the body with what differs by nature (request ids, times) masked.
ask() {
    local url=$1 api=$2 header=$3 body_file=$4 answer
    local args=(-s -o "$OUT/answer" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$body_file")
    [[ "$header" != "-" ]] && args+=(-H "X-Bkapi-Authorization: $header")
    answer=$(curl "${args[@]}" "${url}api/c/compapi/v2/cc/$api/")
    printf '%s ' "$answer"
    sed -E 's/"request_id":"[^"]*"/"request_id":"-"/g; s/"(create_time|last_time)":"[^"]*"/"\1":"-"/g' "$OUT/answer"
    echo
}

: >"$OUT/node.answers"
: >"$OUT/stateless.answers"
count=0
while IFS=$'\t' read -r api header body note; do
    printf '%s' "$body" >"$OUT/body"
    { echo "# $note"; ask "$NODE_URL" "$api" "$header" "$OUT/body"; } >>"$OUT/node.answers"
    { echo "# $note"; ask "$STATELESS_URL" "$api" "$header" "$OUT/body"; } >>"$OUT/stateless.answers"
    count=$((count + 1))
done <"$REPO/bench/Stateless/diff/requests.tsv"

# A body over Esb:MaxBodyBytes (4 MiB): 413 with the envelope, before anything is parsed.
python3 -c 'import sys; sys.stdout.write("{\"bk_biz_id\": 1, \"pad\": \"" + "x" * (5 * 1024 * 1024) + "\"}")' >"$OUT/body"
{ echo "# a 5 MiB body"; ask "$NODE_URL" create_process_instance - "$OUT/body"; } >>"$OUT/node.answers"
{ echo "# a 5 MiB body"; ask "$STATELESS_URL" create_process_instance - "$OUT/body"; } >>"$OUT/stateless.answers"
count=$((count + 1))

# What each stored afterwards, times aside: the same rows, or some answer hid a difference.
dump() {
    pg_run psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -XAtq -c \
        "SELECT 'instance', id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels, creator, modifier,
                bk_supplier_account, version, create_time = last_time FROM service_instances ORDER BY id" -c \
        "SELECT 'process', bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account,
                auto_start, auto_time_gap, bk_func_id, bk_func_name, bk_process_name, bk_start_check_secs, bk_start_param_regex,
                description, face_stop_cmd, pid_file, priority, proc_num, reload_cmd, restart_cmd, start_cmd, stop_cmd, timeout,
                \"user\", work_path, bind_info, create_time = last_time FROM processes ORDER BY bk_process_id"
}
{ echo "# stored rows"; dump diff_node; } >>"$OUT/node.answers"
{ echo "# stored rows"; dump diff_stateless; } >>"$OUT/stateless.answers"

if diff -u "$OUT/node.answers" "$OUT/stateless.answers" >"$OUT/answers.diff"; then
    echo "same answers to all $count requests and the same rows stored (node and stateless service; answers in $OUT)"
else
    cat "$OUT/answers.diff"
    echo "the answers differ (see above; answers in $OUT)"
    exit 1
fi
