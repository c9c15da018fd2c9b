#!/usr/bin/env bash
# Starts (or stops) two ClickHouse servers on loopback as the two shards of cluster `segmenta`.
#   clickhouse-cluster.sh start DIR [BASE_PORT]   -> shard 1 HTTP on BASE_PORT, shard 2 on BASE_PORT+10
#   clickhouse-cluster.sh stop DIR
# Each server gets DIR/shardN/{config.xml,users.xml,data,log}; users: `default` (no password, loopback
# only, used between the shards) and `segmenta` (password `segmenta`). Works with 18.16 and newer.
set -euo pipefail
cmd=${1:?start|stop}
dir=$(mkdir -p "${2:?data folder}" && cd "$2" && pwd)
base=${3:-18123}
server=$(command -v clickhouse-server || command -v clickhouse || true)
[ -n "$server" ] || { echo "clickhouse-server is not installed (apt-get install clickhouse-server clickhouse-client)" >&2; exit 1; }

ports() { # shard index -> http tcp interserver
  local o=$(( ($1 - 1) * 10 ))
  echo $((base + o)) $((base + o + 1)) $((base + o + 2))
}

stop() {
  for s in 1 2; do
    if [ -f "$dir/shard$s/pid" ]; then
      pid=$(cat "$dir/shard$s/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/shard$s/pid"
    fi
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR [BASE_PORT]" >&2; exit 2; }

read -r h1 t1 i1 <<<"$(ports 1)"
read -r h2 t2 i2 <<<"$(ports 2)"
for s in 1 2; do
  read -r http tcp inter <<<"$(ports $s)"
  d="$dir/shard$s"
  mkdir -p "$d/data" "$d/tmp" "$d/log" "$d/user_files" "$d/format_schemas"
  cat >"$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers>
    <segmenta>
      <shard><replica><host>127.0.0.1</host><port>$t1</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$t2</port></replica></shard>
    </segmenta>
  </remote_servers>
</yandex>
XML
  cat >"$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <segmenta><password>segmenta</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></segmenta>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  if [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null; then continue; fi
  if [ "$(basename "$server")" = clickhouse ]; then set -- "$server" server; else set -- "$server"; fi
  nohup "$@" --config-file="$d/config.xml" >"$d/log/stdout.log" 2>&1 &
  echo $! >"$d/pid"
done
for s in 1 2; do
  read -r http _ _ <<<"$(ports $s)"
  for _ in $(seq 150); do
    curl -fsS "http://127.0.0.1:$http/ping" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$http/ping" >/dev/null || { echo "shard $s did not start; see $dir/shard$s/log" >&2; cat "$dir/shard$s/log/"*.log >&2 || true; exit 1; }
done
echo "clickhouse cluster 'segmenta' up: http://127.0.0.1:$h1 and http://127.0.0.1:$h2"
