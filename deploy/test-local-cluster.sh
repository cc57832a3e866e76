#!/usr/bin/env bash
# Checks deploy/local-cluster.sh end to end, in both topologies (every node co-hosting a silo; gateway-only
# nodes in front of silo-only hosts): a create through nginx is listed identically by each node.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# The first block of four free loopback ports from 5190 (nginx + three nodes), and a free port for PostgreSQL:
# a shared machine may already use the defaults.
free_block() {
  python3 - "$1" "$2" <<'PY'
import socket, sys
start, size = int(sys.argv[1]), int(sys.argv[2])
for base in range(start, start + 400, size):
    try:
        sockets = []
        for port in range(base, base + size):
            s = socket.socket(); s.bind(("127.0.0.1", port)); sockets.append(s)
        print(base); break
    except OSError:
        pass
    finally:
        for s in sockets: s.close()
PY
}
# nginx, three nodes and (split) two silo hosts at PORT + 11, 12: a block of 13.
export PORT="${PORT:-$(free_block 5190 13)}" PG_PORT="${PG_PORT:-$(free_block 55532 1)}"
log="$(mktemp)"
# One build for both topologies (the gateway's output holds the silo-only host too).
export APP_DIR="$(mktemp -d)"
rid="$(dotnet --info | awk '/RID:/ {print $2; exit}')"
dotnet publish "$repo/src/Gateway" -c Release -r "$rid" --self-contained false -o "$APP_DIR" -v quiet -nologo >/dev/null
cluster=""
cleanup() {
  if [ -n "$cluster" ]; then
    kill -TERM "$cluster" 2>/dev/null || true
    wait "$cluster" 2>/dev/null || true
  fi
  cluster=""
}
trap 'cleanup; rm -rf "$log" "$APP_DIR"' EXIT

auth='"bk_app_code": "local-app", "bk_app_secret": "local-secret-change-me", "bk_username": "admin"'
post() { curl -fsS "http://127.0.0.1:$1/api/c/compapi/v2/cc/$2/" -H 'Content-Type: application/json' -d "$3"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps(eval(sys.argv[1], {'d': d}), sort_keys=True))" "$1"; }

check() { # topology
  TOPOLOGY="$1" "$repo/deploy/local-cluster.sh" >"$log" 2>&1 &
  cluster=$!
  for _ in $(seq 1 360); do
    grep -q "cluster ready" "$log" && break
    kill -0 "$cluster" 2>/dev/null || { cat "$log"; echo "local cluster ($1) exited early" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "cluster ready" "$log" || { cat "$log"; echo "local cluster ($1) did not become ready" >&2; exit 1; }

  instance=$(post "$PORT" create_service_instance "{ $auth, \"bk_biz_id\": 1, \"bk_module_id\": 1, \"instances\": [ { \"bk_host_id\": 1 } ] }" | field 'd["data"][0]')
  created=$(post "$PORT" create_process_instance "{ $auth, \"bk_biz_id\": 1, \"service_instance_id\": $instance,
    \"processes\": [ { \"process_info\": { \"bk_process_name\": \"nginx\", \"bk_func_name\": \"nginx\" } } ] }" | field 'd["code"]')
  [ "$created" = "0" ] || { echo "create through nginx failed ($1): $created" >&2; exit 1; }

  expected=""
  for node in $((PORT + 1)) $((PORT + 2)) $((PORT + 3)); do
    listed=$(post "$node" list_process_instance "{ $auth, \"bk_biz_id\": 1, \"service_instance_id\": $instance }" | field 'd["data"]')
    echo "$1 node $node: $listed"
    [ -n "$expected" ] || expected="$listed"
    [ "$listed" = "$expected" ] || { echo "node $node disagrees ($1)" >&2; exit 1; }
  done
  echo "$expected" | grep -q '"bk_process_name": "nginx"' || { echo "the process is missing ($1)" >&2; exit 1; }
  cleanup
}

check combined
check split
echo "local cluster check passed"
