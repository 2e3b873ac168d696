#!/usr/bin/env bash
# Webhook delivery: deliveries per second to a local receiver, and the delay from an event's commit
# to its delivery (p50, p99), on SQLite. (./ludus bench measures the same at full event load on both
# stores, with the rule set of bench/events-rules.json; this script isolates one points system.)
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
#               in the outbox arrived. For the messages written during the load: produced and
#               delivered per second in the load, the backlog at its end and how long it took to
#               drain, and deliveries per second from the first to the last arrival. Delays in this
#               phase include the backlog.
#   paced       BENCH_PACED events, one at a time (curl, keep-alive off), 20 ms apart, on an idle
#               outbox: the commit-to-delivery delay of one message, p50 and p99.
# The figures of each phase are those of bench_webhook_figures in bench/common.sh. Prints a table and
# writes bench/results/webhooks-sqlite.json. Needs wrk, curl, jq, python3.
#
# Settings (environment): BENCH_DURATION (default 10), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
# BENCH_USERS (1000), BENCH_PACED (300), BENCH_CONCURRENCY (LUDUS_WEBHOOK_CONCURRENCY, 64: the
# server's default), BENCH_OUTPUT_DIR (bench/results), BENCH_SERVER_JAR, LUDUS_JAVA_OPTS (and
# LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY passes through to the server).
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
users=${BENCH_USERS:-1000}
paced=${BENCH_PACED:-300}
concurrency=${BENCH_CONCURRENCY:-64}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
drain_limit=120
bench_require_counts duration connections threads users paced concurrency
bench_require_tools wrk curl jq python3

jar=$(bench_server_jar) || exit 1
bench_workspace webhooks-bench

bench_start_receiver "$work/arrivals.log"
bench_start_server "$jar" "$work/server" LUDUS_WEBHOOK_ALLOW_PRIVATE=true LUDUS_WEBHOOK_CONCURRENCY="$concurrency"
bench_create_application
admin_token=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000)
events_token=$(bench_token "$jar" --sub bench_writer --scope users:write --ttl 36000)
api() {
  local status
  status=$(bench_request "$1" "$2" "$admin_token" "$3")
  [[ "$status" =~ ^20[01]$ ]] || bench_fail "$1 $2 answered $status: $(cat "$work/answer.json")"
}
for metric in steps distance workouts; do api PUT "/v1/metrics/$metric" '{}'; done
api PUT /v1/points/xp '{"triggers":[{"type":"metric","metric":"steps","points":1,"per":100}]}'
bench_webhook_endpoint "$admin_token" points.changed

# drain: waits until every message arrived and no delivery is pending, or fails.
drain() {
  bench_webhooks_drain "$drain_limit" \
    || bench_fail "the deliveries were still pending $drain_limit s after the last event was written"
}

bench_events_script "$work/events.lua"
echo "bench: throughput phase, ${duration}s of events ..." >&2
launched=$(date +%s%3N)
bench_wrk "$work/events.json" "$duration" -t "$threads" -c "$connections" -H "Authorization: Bearer $events_token" \
  -s "$work/events.lua" "$bench_base/v1/events" -- "$users"
ended=$((launched + $(jq '.duration_us / 1000 | floor' "$work/events.json")))
drain
throughput=$(bench_webhook_figures "$work/arrivals.log" "$launched" "$ended")

echo "bench: paced phase, $paced events ..." >&2
started=$(date +%s%3N)
for i in $(seq 1 "$paced"); do
  curl -sS -o /dev/null -H "Authorization: Bearer $events_token" -H 'Content-Type: application/json' \
    --data "{\"metric\":\"steps\",\"user_id\":\"paced_$((i % 50))\",\"value\":500}" "$bench_base/v1/events"
  sleep 0.02
done
ended=$(date +%s%3N)
drain
paced_figures=$(bench_webhook_figures "$work/arrivals.log" "$started" "$ended")

output="$output_dir/webhooks-sqlite.json"
mkdir -p "$output_dir"
jq -n --argjson info "$(bench_run_info_json "$jar")" --argjson events "$(cat "$work/events.json")" \
  --argjson throughput "$throughput" --argjson paced "$paced_figures" --argjson concurrency "$concurrency" \
  --argjson connections "$connections" --arg per_endpoint "${LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY:-default}" \
  '$info + {store: "sqlite", webhook_concurrency: $concurrency, webhook_endpoint_concurrency: $per_endpoint,
    wrk_connections: $connections, events: $events, throughput: $throughput, paced: $paced}' >"$output"
echo
printf '%-11s %9s %11s %12s %8s %10s %12s %9s %9s\n' phase messages produced/s delivered/s backlog "drain ms" \
  "span msg/s" "p50 ms" "p99 ms"
for phase in throughput paced; do
  jq -r --arg p "$phase" '.[$p] | [$p, .produced, .produced_per_s, .delivered_per_s, .backlog_at_end, .drained_after_ms,
      .arrived_per_s, .delay_p50_ms, .delay_p99_ms] | map(. // "-") | @tsv' "$output" \
    | awk -F'\t' '{printf "%-11s %9s %11s %12s %8s %10s %12s %9s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
done
echo "events: $(jq -r '.events.requests' "$output") in ${duration}s; written to ${output#"$bench_root"/}"
