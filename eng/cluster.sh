#!/usr/bin/env bash
# A local IdeaHub cluster: one PostgreSQL server (not embedded in an app), Redis, N app instances (default 2) and
# nginx as the load balancer on http://127.0.0.1:5080 (WebSocket upgrade, least_conn; see eng/cluster/nginx.conf.template).
# Usage: eng/cluster.sh [instances]. Data lives in .cluster/ (IDEAHUB_CLUSTER_DIR). Ctrl+C stops all of it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${IDEAHUB_INSTANCES:-2}}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: eng/cluster.sh [instances >= 1]" >&2; exit 2; }
DIR="$(mkdir -p "${IDEAHUB_CLUSTER_DIR:-$ROOT/.cluster}" && cd "${IDEAHUB_CLUSTER_DIR:-$ROOT/.cluster}" && pwd)"
HTTP_PORT="${IDEAHUB_PORT:-5080}"
PG_PORT="${IDEAHUB_PG_PORT:-5433}"
REDIS_PORT="${IDEAHUB_REDIS_PORT:-6380}"
PG_BIN=/usr/lib/postgresql/15/bin

bash "$ROOT/eng/setup.sh"
cd "$ROOT"
dotnet build src/IdeaHub.Web -c Release --nologo -v q
APP="$ROOT/src/IdeaHub.Web/bin/Release/net10.0/IdeaHub.Web.dll"
mkdir -p "$DIR/logs" "$DIR/nginx-tmp"
chmod 1777 "$DIR/nginx-tmp"

# PostgreSQL refuses to run as root: as root the server runs as the 'postgres' user, like the embedded default.
AS_PG=()
if [[ "$(id -u)" == 0 ]]; then AS_PG=(runuser -u postgres --); fi
if [[ ! -f "$DIR/pg.secret" ]]; then (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/pg.secret"); fi
PG_PASSWORD="$(cat "$DIR/pg.secret")"
if [[ ! -f "$DIR/pg/PG_VERSION" ]]; then
  mkdir -p "$DIR/pg"
  (umask 077; printf '%s' "$PG_PASSWORD" > "$DIR/pg.initpw")
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres:postgres "$DIR/pg" "$DIR/pg.initpw"; fi
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/pg" -U ideahub --pwfile "$DIR/pg.initpw" --auth-host=scram-sha-256 --auth-local=reject -E UTF8 --locale=C.UTF-8 > "$DIR/logs/initdb.log"
  rm -f "$DIR/pg.initpw"
fi
if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$DIR/logs"; fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "==> stopping the cluster"
  [[ -f "$DIR/nginx.pid" ]] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop > /dev/null 2>&1 || true
}
trap cleanup INT TERM EXIT

echo "==> PostgreSQL 15 on 127.0.0.1:$PG_PORT"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/logs/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300" start > /dev/null
PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U ideahub -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ideahub'" | grep -q 1 \
  || PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U ideahub -d postgres -qc "CREATE DATABASE ideahub ENCODING 'UTF8' TEMPLATE template0"
DB="Host=127.0.0.1;Port=$PG_PORT;Username=ideahub;Password=$PG_PASSWORD;Database=ideahub"

echo "==> Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$DIR/logs/redis.log" 2>&1 &
PIDS+=($!)

UPSTREAMS=""
for i in $(seq 1 "$N"); do
  port=$((HTTP_PORT + i))
  echo "==> app instance $i on 127.0.0.1:$port"
  ConnectionStrings__IdeaHub="$DB" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" IdeaHub__SeedDemo="${IDEAHUB_SEED_DEMO:-true}" \
    dotnet "$APP" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/IdeaHub.Web" > "$DIR/logs/app$i.log" 2>&1 &
  PIDS+=($!)
  UPSTREAMS+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
for i in $(seq 1 "$N"); do
  port=$((HTTP_PORT + i))
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "app instance $i exited; see $DIR/logs/app$i.log" >&2; exit 1; }
    sleep 0.5
  done
done

UPS="$UPSTREAMS" awk -v d="$DIR" -v port="$HTTP_PORT" \
  '/@UPSTREAMS@/ { printf "%s", ENVIRON["UPS"]; next } { gsub("@DIR@", d); gsub("@PORT@", port); print }' \
  "$ROOT/eng/cluster/nginx.conf.template" > "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR" &
PIDS+=($!)
echo "==> IdeaHub cluster on http://127.0.0.1:$HTTP_PORT ($N instances; logs in $DIR/logs). Ctrl+C stops all of it."
wait
