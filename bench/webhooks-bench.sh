#!/usr/bin/env bash
# Webhook delivery: deliveries per second to a local receiver, and the delay from an event's commit
# to its delivery (p50, p99), on SQLite.
#
#   bench/webhooks-bench.sh
#   BENCH_DURATION=10 BENCH_PACED=300 bench/webhooks-bench.sh
#
# Starts Ludus (server/target/ludus.jar, built when missing or stale) with a fresh data directory
# and LUDUS_WEBHOOK_ALLOW_PRIVATE=true, and bench/webhook-receiver.py (Python 3, standard library)
# on a free port: it answers 200 at once and logs, per request, the arrival time, the webhook-id and
# the payload's timestamp (the instant of the write, taken just before its commit; so the delay
# measured is commit-to-delivery plus the commit itself). Creates an application, a points system
# (1 point per 100 steps) and an endpoint subscribed to points.changed: every steps event (half of
# the wrk events, all the paced ones) makes one message.
#
# Two phases:
#   throughput  wrk drives POST /v1/events (bench/events.lua, BENCH_USERS users, BENCH_CONNECTIONS
#               connections) for BENCH_DURATION seconds; then the script waits until every message
#               in the outbox arrived. Deliveries per second = messages / (last arrival - first
#               arrival). Delays in this phase include the backlog.
#   paced       BENCH_PACED events, one at a time (curl, keep-alive off), 20 ms apart, on an idle
#               outbox: the commit-to-delivery delay of one message, p50 and p99.
# Prints a table and writes bench/results/webhooks-sqlite.json. Needs wrk, curl, jq, python3.
#
# Settings (environment): BENCH_DURATION (default 10), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
# BENCH_USERS (1000), BENCH_PACED (300), BENCH_CONCURRENCY (LUDUS_WEBHOOK_CONCURRENCY, 16),
# BENCH_OUTPUT_DIR (bench/results), BENCH_SERVER_JAR, LUDUS_JAVA_OPTS.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
users=${BENCH_USERS:-1000}
paced=${BENCH_PACED:-300}
concurrency=${BENCH_CONCURRENCY:-16}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
bench_require_counts duration connections threads users paced concurrency
bench_require_tools wrk curl jq python3

jar=$(bench_server_jar) || exit 1
commit=$(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
work=$(mktemp -d "${TMPDIR:-/tmp}/ludus-webhooks-bench.XXXXXX")
receiver_pid=""
cleanup() {
  bench_stop_server
  [ -n "$receiver_pid" ] && kill "$receiver_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 "$bench_root/bench/webhook-receiver.py" "$work/arrivals.log" >"$work/receiver.port" &
receiver_pid=$!
for _ in $(seq 1 50); do [ -s "$work/receiver.port" ] && break; sleep 0.1; done
receiver_port=$(head -n 1 "$work/receiver.port")
[ -n "$receiver_port" ] || bench_die "the receiver did not start"

bench_start_server "$jar" "$work/server" LUDUS_WEBHOOK_ALLOW_PRIVATE=true LUDUS_WEBHOOK_CONCURRENCY="$concurrency"
bench_create_application
admin_token=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000)
events_token=$(bench_token "$jar" --sub bench_writer --scope users:write --ttl 36000)
api() {
  curl -sS --fail-with-body -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' -X "$1" \
    --data "$3" "$bench_base$2" >/dev/null || bench_fail "$1 $2 failed"
}
for metric in steps distance workouts; do api PUT "/v1/metrics/$metric" '{}'; done
api PUT /v1/points/xp '{"triggers":[{"type":"metric","metric":"steps","points":1,"per":100}]}'
api POST /v1/webhooks "{\"url\":\"http://127.0.0.1:$receiver_port/hook\",\"event_types\":[\"points.changed\"]}"

# wait_for <count>: waits (up to 120 s) until the receiver logged <count> distinct messages.
wait_for() {
  for _ in $(seq 1 1200); do
    [ "$(cut -d' ' -f2 "$work/arrivals.log" 2>/dev/null | sort -u | wc -l)" -ge "$1" ] && return 0
    sleep 0.1
  done
  bench_fail "only $(cut -d' ' -f2 "$work/arrivals.log" | sort -u | wc -l) of $1 messages arrived within 120 s"
}
outboxed() {
  sqlite3_count=$(python3 - "$work/server/data/ludus.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM webhook_messages").fetchone()[0])
PY
)
  echo "$sqlite3_count"
}
# stats <file of "arrival id stamp" lines>: JSON of count, span, rate and delay percentiles.
stats() {
  sort -n "$1" | awk '{ if (!seen[$2]++) { n++; d[n] = $1 - $3; if (n == 1) first = $1; last = $1 } }
    END { asort(d); printf "{\"messages\":%d,\"span_s\":%.3f,\"per_second\":%.0f,\"delay_p50_ms\":%.1f,\"delay_p99_ms\":%.1f,\"delay_max_ms\":%.1f}\n",
      n, (last - first) / 1000, (last > first ? n * 1000 / (last - first) : 0), d[int(n * 0.5) + 1], d[int(n * 0.99) + 1], d[n] }'
}

cat "$bench_root/bench/events.lua" <(bench_wrk_report) >"$work/events.lua"
echo "bench: throughput phase, ${duration}s of events ..." >&2
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 5s -H "Authorization: Bearer $events_token" \
  -s "$work/events.lua" "$bench_base/v1/events" -- "$users" >"$work/wrk.out" 2>&1 || bench_fail "wrk failed: $(cat "$work/wrk.out")"
events_line=$(grep '^{' "$work/wrk.out" | tail -n 1)
total=$(outboxed)
wait_for "$total"
throughput=$(stats "$work/arrivals.log")
cp "$work/arrivals.log" "$work/throughput.log"
: >"$work/arrivals.log"

echo "bench: paced phase, $paced events ..." >&2
for i in $(seq 1 "$paced"); do
  curl -sS -o /dev/null -H "Authorization: Bearer $events_token" -H 'Content-Type: application/json' \
    --data "{\"metric\":\"steps\",\"user_id\":\"paced_$((i % 50))\",\"value\":500}" "$bench_base/v1/events"
  sleep 0.02
done
wait_for "$paced"
paced_stats=$(stats "$work/arrivals.log")

mkdir -p "$output_dir"
jq -n --arg commit "$commit" --argjson events "$events_line" --argjson throughput "$throughput" \
  --argjson paced "$paced_stats" --argjson concurrency "$concurrency" --argjson connections "$connections" \
  '{store: "sqlite", commit: $commit, webhook_concurrency: $concurrency, wrk_connections: $connections,
    events: $events, throughput: $throughput, paced: $paced}' >"$output_dir/webhooks-sqlite.json"
echo
printf '%-12s %10s %12s %14s %14s\n' phase messages "per second" "delay p50 ms" "delay p99 ms"
for phase in throughput paced; do
  jq -r --arg p "$phase" '.[$p] | [$p, .messages, .per_second, .delay_p50_ms, .delay_p99_ms] | @tsv' \
    "$output_dir/webhooks-sqlite.json" | awk -F'\t' '{printf "%-12s %10s %12s %14s %14s\n", $1, $2, $3, $4, $5}'
done
echo "events: $(jq -r '.events.requests' "$output_dir/webhooks-sqlite.json") in ${duration}s; written to $output_dir/webhooks-sqlite.json"
