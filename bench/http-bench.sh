#!/usr/bin/env bash
# HTTP throughput of authenticated GET /v1/auth/verify against GET /health/live, same server, same run,
# with an application token (HS256) and with a server token from /v1/auth_token (EdDSA).
#
#   bench/http-bench.sh
#   BENCH_DURATION=30 BENCH_ROUNDS=3 bench/http-bench.sh
#
# Starts Ludus (server/target/ludus.jar, built when missing or stale) on a free port with a fresh
# SQLite data directory (every request goes to 127.0.0.1), creates a tenant and an application
# through the operator API, mints an application token with `ludus token`, warms the routes up, then
# drives each route with wrk (keep-alive, BENCH_CONNECTIONS connections, BENCH_THREADS threads) for
# BENCH_DURATION seconds, BENCH_ROUNDS times, in the order live, verify in odd rounds and the reverse
# in even rounds, so that drift hits both routes alike. Prints a table, writes
# bench/results/http-auth.json, and stops the server (also on failure or Ctrl-C).
#
# Settings (environment):
#   BENCH_DURATION     seconds per measured run (default 20)
#   BENCH_WARMUP       seconds of warm-up per route (default 10)
#   BENCH_ROUNDS       measured runs per route (default 2)
#   BENCH_CONNECTIONS  keep-alive connections (default 64)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_OUTPUT       result file (default bench/results/http-auth.json)
#   BENCH_CONTROL      1 to measure a third route, the control: GET /health/live carrying the same
#                      Authorization header, which the server ignores there; it shows what the bigger
#                      request costs apart from verifying it (default 0)
#   BENCH_JFR          a directory: record each route's first measured run with JFR (settings=profile,
#                      1 ms sampling) into <dir>/http-<route>.jfr; the recording costs throughput, so
#                      take figures from a run without it
#   BENCH_SERVER_JAR   run this Ludus jar as it is instead of building server/target/ludus.jar
#   LUDUS_JAVA_OPTS    extra JVM options for the server
#
# Needs wrk, curl and jq: apt-get install -y wrk curl jq (Debian/Ubuntu), brew install wrk jq (macOS).
# wrk and the server share the machine's CPUs: the figures are a ratio in one run, not a capacity.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-10}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
output=${BENCH_OUTPUT:-$bench_root/bench/results/http-auth.json}
control=${BENCH_CONTROL:-0}
[[ "$control" =~ ^[01]$ ]] || bench_die "BENCH_CONTROL must be 0 or 1, was '$control'"
goal=0.85

bench_require_counts duration warmup rounds connections threads
[ "$duration" -le 600 ] || bench_die "BENCH_DURATION is at most 600 seconds, was $duration"
[ "$warmup" -le 600 ] || bench_die "BENCH_WARMUP is at most 600 seconds, was $warmup"
[ "$rounds" -le 10 ] || bench_die "BENCH_ROUNDS is at most 10, was $rounds"
bench_jfr_settings
bench_require_tools wrk curl jq

jar=$(bench_server_jar) || exit 1

bench_workspace http-bench

fail() {
  bench_fail "$@"
}

# --- start the server --------------------------------------------------------------------------
bench_start_server "$jar" "$work"
base=$bench_base

# --- a tenant, an application, a token ----------------------------------------------------------
bench_create_application
app=$bench_app
token=$(bench_token "$jar" --sub bench_user --ttl 36000) || fail "ludus token failed"
status=$(curl -s -o "$work/verify.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/v1/auth/verify")
[ "$status" = 200 ] || fail "GET /v1/auth/verify answered $status: $(cat "$work/verify.json")"
client_id=$(jq -er .client_id <<<"$app") || fail "no client_id in the answer"
client_secret=$(jq -er .client_secret <<<"$app") || fail "no client_secret in the answer"
server_token=$(curl -sS --fail-with-body -X POST -u "$client_id:$client_secret" "$base/v1/auth_token" | jq -er .token) \
  || fail "POST /v1/auth_token failed"
status=$(curl -s -o "$work/verify.json" -w '%{http_code}' -H "Authorization: Bearer $server_token" "$base/v1/auth/verify")
[ "$status" = 200 ] || fail "GET /v1/auth/verify with a server token answered $status: $(cat "$work/verify.json")"

# --- wrk -----------------------------------------------------------------------------------------
# done() prints one JSON line (bench_wrk_report in common.sh).
bench_wrk_report >"$work/report.lua"

declare -A path=([live]=/health/live [verify]=/v1/auth/verify [server]=/v1/auth/verify [control]=/health/live)
runs="$work/runs.jsonl"
: >"$runs"

# run_wrk <route> <seconds> <phase>: one wrk run (bench_wrk); appends its JSON line (route, phase,
# wrk's figures, req/s and the CPU shares of server, wrk and everything else) to the runs file.
run_wrk() {
  local route="$1" seconds="$2" phase="$3" record=""
  local -a auth=()
  [ "$route" != live ] && auth=(-H "Authorization: Bearer $token")
  [ "$route" = server ] && auth=(-H "Authorization: Bearer $server_token")
  [ -n "$jfr_dir" ] && [ "$phase" = round1 ] && record="bench-$route"
  [ -z "$record" ] || bench_jfr_start "$record" "$jfr_dir/http-$route.jfr" method-profiling=max
  bench_wrk "$work/run.json" "$seconds" -t "$threads" -c "$connections" "${auth[@]}" -s "$work/report.lua" \
    "$base${path[$route]}"
  [ -z "$record" ] || bench_jfr_stop "$record" "$jfr_dir/http-$route.jfr"
  jq -c --arg route "$route" --arg phase "$phase" '{route: $route, phase: $phase} + .' "$work/run.json" >>"$runs"
  jq -r '"bench: \(.phase) \(.route): \(.rps | floor) req/s, p50 \(.p50_us) us, p99 \(.p99_us) us, errors \(.errors), CPU % of the machine: \(.cpu_pct)"' \
    <<<"$(tail -n 1 "$runs")" >&2
  bench_warn_if_disturbed "$phase" "$(tail -n 1 "$runs")"
}

echo "bench: warming up, ${warmup} s per route" >&2
run_wrk live "$warmup" warmup
run_wrk verify "$warmup" warmup
run_wrk server "$warmup" warmup
[ "$control" = 1 ] && run_wrk control "$warmup" warmup

echo "bench: measuring, $rounds round(s) of ${duration} s per route, $connections connections, $threads wrk threads" >&2
for round in $(seq 1 "$rounds"); do
  order=(live verify server)
  [ "$control" = 1 ] && order+=(control)
  if [ $((round % 2)) = 0 ]; then
    for ((i = 0, j = ${#order[@]} - 1; i < j; i++, j--)); do
      swap=${order[i]}; order[i]=${order[j]}; order[j]=$swap
    done
  fi
  for route in "${order[@]}"; do
    run_wrk "$route" "$duration" "round$round"
  done
done

# --- results -------------------------------------------------------------------------------------
mkdir -p "$(dirname "$output")"
jq -s --argjson info "$(bench_run_info_json "$jar")" \
  --argjson duration "$duration" --argjson warmup "$warmup" --argjson rounds "$rounds" \
  --argjson connections "$connections" --argjson threads "$threads" --argjson goal "$goal" "$bench_jq_summary"'
  def summary(route):
    [.[] | select(.route == route and .phase != "warmup")] | summary
    | if . == null then null else
      {path: {live: "/health/live", verify: "/v1/auth/verify", server: "/v1/auth/verify", control: "/health/live"}[route],
       token: {live: null, verify: "application (HS256)", server: "server (EdDSA, /v1/auth_token)", control: "application (HS256), ignored"}[route],
       authorization_header: (route != "live")} + . end;
  summary("live") as $live | summary("verify") as $verify | summary("server") as $server | summary("control") as $control
  | $info + {
     settings: {connections: $connections, wrk_threads: $threads, keep_alive: true, duration_s: $duration,
                warmup_s: $warmup, rounds: $rounds,
                order: "live, verify, server[, control] in odd rounds, the reverse in even rounds",
                percentiles: "mean over the measured runs of each run'"'"'s percentile"},
     live: $live, verify: $verify, server: $server,
     ratio: ($verify.rps / $live.rps | . * 1000 | round / 1000),
     server_token_ratio: ($server.rps / $verify.rps | . * 1000 | round / 1000),
     server_token_live_ratio: ($server.rps / $live.rps | . * 1000 | round / 1000),
     control: $control,
     control_ratio: (if $control then ($control.rps / $live.rps | . * 1000 | round / 1000) else null end),
     goal: $goal,
     meets_goal: ($verify.rps / $live.rps >= $goal),
     runs: .}' "$runs" >"$output"

jq -r '
  "",
  "GET /v1/auth/verify against GET /health/live: \(.settings.connections) connections, keep-alive, \(.settings.wrk_threads) wrk threads, \(.settings.rounds) x \(.settings.duration_s) s per route",
  "",
  "| route | req/s | p50 (ms) | p90 (ms) | p99 (ms) | non-2xx | socket errors | server CPU per request (us) |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.live, .verify, .server, (.control // empty) | "| `GET \(.path)`\(if .token then " + \(.token) token" else "" end) | \(.rps | floor) | \(.p50_us / 1000) | \(.p90_us / 1000) | \(.p99_us / 1000) | \(.non_2xx) | \(.socket_errors) | \(.server_cpu_us_per_request) |"),
  "",
  "ratio verify / live = \(.ratio) (goal >= \(.goal): \(if .meets_goal then "met" else "NOT met" end))",
  "ratio server token / application token = \(.server_token_ratio) (server token / live = \(.server_token_live_ratio))",
  (if .control then "control: live carrying the token header / live = \(.control_ratio)" else empty end)' "$output"
echo "bench: wrote ${output#"$bench_root"/}" >&2

errors=$(jq '[.live, .verify, .server, .control | select(. != null) | .non_2xx + .socket_errors] | add' "$output")
[ "$errors" = 0 ] || fail "$errors request(s) failed; the figures are not valid"
