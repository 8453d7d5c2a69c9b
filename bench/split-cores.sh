#!/usr/bin/env bash
# On a 2-core machine the fixture's WordPress (PHP, MariaDB) and IGNY8 (Node, PostgreSQL) compete
# for the same cores, which a WordPress on its own server never does. `on` pins WordPress to core 0
# and PostgreSQL to core 1 (run the benchmark with `taskset -c 1`); `off` undoes it.
#   bench/split-cores.sh on 8099 && taskset -c 1 npx tsx --conditions=react-server bench/pull.ts; bench/split-cores.sh off 8099
set -euo pipefail
mode=${1:?on or off}
port=${2:-8099}
case $mode in
  on) wordpress=0x1 database=0x2 ;;
  off) wordpress=0x3 database=0x3 ;;
  *) echo "usage: $0 on|off [wordpress port]" >&2; exit 2 ;;
esac
for pid in $(pgrep -f "php -S 127.0.0.1:$port") $(pgrep -x mariadbd); do taskset -a -p $wordpress "$pid" >/dev/null; done
for pid in $(pgrep -x postgres); do taskset -a -p $database "$pid" >/dev/null; done
echo "WordPress on port $port: affinity $wordpress; PostgreSQL: $database"
