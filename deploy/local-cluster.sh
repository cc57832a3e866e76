#!/usr/bin/env bash
# Runs a ProcOrleans cluster on this machine: a PostgreSQL server, three nodes and nginx balancing across
# them on loopback. Prints the address, and stops everything on Ctrl-C (or TERM).
#
#   deploy/local-cluster.sh                   # nginx on 127.0.0.1:5090, nodes on 5091-5093, PostgreSQL on 55432
#   TOPOLOGY=split deploy/local-cluster.sh    # the same three HTTP nodes as gateways only (Node__Role=Gateway),
#                                             # Orleans clients of two silo-only hosts (health on 5101-5102)
#
# Environment: PORT (nginx), PG_PORT, WORKDIR (state; default a fresh temporary folder), APP_CODE, APP_SECRET,
# TOPOLOGY (combined, the default: every node co-hosts a silo; or split), APP_DIR (a build of src/Gateway to
# run instead of building one).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-5090}"
pg_port="${PG_PORT:-55432}"
workdir="${WORKDIR:-$(mktemp -d /tmp/procorleans-cluster.XXXXXX)}"
app_code="${APP_CODE:-local-app}"
app_secret="${APP_SECRET:-local-secret-change-me}"
topology="${TOPOLOGY:-combined}"
node_ports=($((port + 1)) $((port + 2)) $((port + 3)))
silo_ports=($((port + 11)) $((port + 12)))
pids=()

log() { echo "[local-cluster] $*" >&2; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The platform the SDK builds for (linux-x64, linux-arm64, ...), so the nodes are published precompiled for it.
dotnet_rid() { dotnet --info | awk '/RID:/ {print $2; exit}'; }

pg_bin() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
  fi
}

need() {
  command -v "$1" >/dev/null 2>&1 && return
  log "installing $2"
  apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
}

stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  [ -f "$workdir/nginx/nginx.pid" ] && nginx -p "$workdir/nginx" -c "$workdir/nginx/nginx.conf" -s stop 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -d "$workdir/pg" ] && as_postgres "$bin/pg_ctl" -D "$workdir/pg" -m fast -w stop >/dev/null 2>&1 || true
  if [ -z "${WORKDIR:-}" ]; then rm -rf "$workdir"; fi
}

need nginx nginx
bin="$(pg_bin)"
[ -x "$bin/initdb" ] || need initdb postgresql
bin="$(pg_bin)"
trap stop_all INT TERM EXIT

app="${APP_DIR:-$workdir/app}"
if [ -z "${APP_DIR:-}" ]; then
  log "publishing the gateway (precompiled for $(dotnet_rid))"
  dotnet publish "$repo/src/Gateway" -c Release -r "$(dotnet_rid)" --self-contained false -o "$app" -v quiet -nologo >/dev/null
fi

log "starting PostgreSQL on 127.0.0.1:$pg_port"
mkdir -p "$workdir/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$workdir" "$workdir/pg"
if [ ! -f "$workdir/pg/PG_VERSION" ]; then
  as_postgres "$bin/initdb" -D "$workdir/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
fi
as_postgres "$bin/pg_ctl" -D "$workdir/pg" -l "$workdir/pg/server.log" -w \
  -o "-p $pg_port -k $workdir/pg -c listen_addresses=127.0.0.1" start >/dev/null
as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='procorleans'" | grep -q 1 ||
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres procorleans

# Every process gets only the storage and app settings: nodes find each other through the database.
run_node() { # name, http port, assembly, extra environment...
  local name="$1" node_port="$2" assembly="$3"
  shift 3
  log "starting $name on 127.0.0.1:$node_port"
  (
    cd "$app"
    exec env ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="http://127.0.0.1:$node_port" \
      Storage__Provider=Postgres \
      ConnectionStrings__ProcOrleans="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=procorleans" \
      Esb__Apps__0__AppCode="$app_code" Esb__Apps__0__AppSecret="$app_secret" \
      Esb__Grants__0__AppCode="$app_code" Esb__Grants__0__User='*' \
      Esb__Grants__0__Actions__0='*' Esb__Grants__0__Businesses__0='*' \
      "$@" dotnet "$assembly" >"$workdir/$name.log" 2>&1
  ) &
  pids+=($!)
}

wait_ready() { # http port
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$1/readyz" >/dev/null || { log "process on $1 did not become ready; see $workdir"; exit 1; }
}

case "$topology" in
  combined)
    for i in 0 1 2; do run_node "node$((i + 1))" "${node_ports[$i]}" ProcOrleans.Gateway.dll; done
    ;;
  split)
    for i in 0 1; do run_node "silo$((i + 1))" "${silo_ports[$i]}" ProcOrleans.Silo.dll; done
    for silo_port in "${silo_ports[@]}"; do wait_ready "$silo_port"; done
    for i in 0 1 2; do run_node "node$((i + 1))" "${node_ports[$i]}" ProcOrleans.Gateway.dll Node__Role=Gateway; done
    ;;
  *) log "TOPOLOGY must be combined or split"; exit 2 ;;
esac

mkdir -p "$workdir/nginx/logs" "$workdir/nginx/tmp"
{
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  cat <<CONF
worker_processes 1;
pid $workdir/nginx/nginx.pid;
error_log $workdir/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $workdir/nginx/tmp/body;
  proxy_temp_path $workdir/nginx/tmp/proxy;
  fastcgi_temp_path $workdir/nginx/tmp/fastcgi;
  uwsgi_temp_path $workdir/nginx/tmp/uwsgi;
  scgi_temp_path $workdir/nginx/tmp/scgi;
$(sed -n '/^upstream/,/^}/p' "$repo/deploy/nginx/procorleans.conf" |
    sed "s/127.0.0.1:5081/127.0.0.1:${node_ports[0]}/; s/127.0.0.1:5082/127.0.0.1:${node_ports[1]}/; s/127.0.0.1:5083/127.0.0.1:${node_ports[2]}/")
$(sed -n '/^server/,/^}/p' "$repo/deploy/nginx/procorleans.conf" | sed "s/listen 127.0.0.1:5080;/listen 127.0.0.1:$port;/")
}
CONF
} >"$workdir/nginx/nginx.conf"

for node_port in "${node_ports[@]}"; do wait_ready "$node_port"; done
nginx -p "$workdir/nginx" -c "$workdir/nginx/nginx.conf"

echo "ProcOrleans cluster ready at http://127.0.0.1:$port ($topology: nodes ${node_ports[*]}; app $app_code / $app_secret; state in $workdir)"
wait "${pids[@]}"
