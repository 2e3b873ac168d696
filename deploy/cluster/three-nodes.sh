#!/usr/bin/env bash
# Three Ludus nodes on one PostgreSQL and one Redis behind HAProxy, one of them killed with SIGKILL
# under load; checks what several nodes promise (docs/operations.md, "Several nodes"). Needs the
# built jar (./mvnw -B -q -o -DskipTests install), a JDK 21+, PostgreSQL (LUDUS_TEST_PG_URL, else
# 127.0.0.1:5432 user postgres), Redis (LUDUS_TEST_REDIS_URL, else 127.0.0.1:6379; database 13 is
# used), psql, python3 and HAProxy (installed from Debian when missing and run as root).
#
# Without a prerequisite it says which and exits 1 under CI=true (CI must not skip it), 0 otherwise.
# Logs, the generated haproxy.cfg and summary.json stay in target/cluster/.
# Settings: LUDUS_CLUSTER_EVENTS (3000), LUDUS_CLUSTER_WORKERS (8), LUDUS_CLUSTER_USERS (15 per
# application), LUDUS_CLUSTER_REDIS_URL (instead of database 13 of the test Redis).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
. scripts/jdk.sh

out="$root/target/cluster"
database="ludus_cluster_$$"

missing() {
  echo "three-nodes: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "three-nodes: skipped (outside CI)" >&2
  exit 0
}

if ! command -v haproxy >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "three-nodes: HAProxy is missing; installing Debian's haproxy"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; } >/dev/null || true
fi
command -v haproxy >/dev/null || missing "no haproxy (apt-get install haproxy)"
command -v psql >/dev/null || missing "no psql (apt-get install postgresql-client)"
python=/usr/bin/python3; [ -x "$python" ] || python=$(command -v python3) || missing "no python3"
java=$(find_java) || missing "no JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm)"
jar="$root/server/target/ludus.jar"
[ -f "$jar" ] || missing "no $jar; build it first: ./mvnw -B -q -o -DskipTests install"

rm -rf "$out"
mkdir -p "$out"

# The driver cleans up after itself; this is for when it cannot (killed, or crashed before its own
# clean-up): it stops the processes whose ids it recorded and drops the run's database.
cleanup() {
  if [ -f "$out/pids" ]; then
    while read -r pid; do
      # only if that id still runs what the driver started (ids are reused)
      if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$jar serve" -e "$out/haproxy.cfg"; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    done < "$out/pids"
  fi
  "$python" -B "$root/deploy/cluster/three-nodes.py" --drop-database "$database" 2>/dev/null || true
}
trap cleanup EXIT

echo "three-nodes: $("$java" -version 2>&1 | head -n 1); $(haproxy -v | head -n 1); logs in $out"
# In the background so that a signal reaches this script at once: the driver is told to stop, and
# cleans up, before the EXIT trap above makes sure.
"$python" -B "$root/deploy/cluster/three-nodes.py" "$java" "$jar" "$out" "$database" &
driver=$!
trap 'kill -TERM "$driver" 2>/dev/null; wait "$driver"; exit 130' INT TERM
wait "$driver"
