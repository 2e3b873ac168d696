#!/usr/bin/env bash
# The benchmark suite in one command: start-to-ready, the HTTP routes against their baselines at
# several concurrencies, and webhook delivery under the event load, with a 256 MiB heap, on SQLite and
# on PostgreSQL, checked against the targets.
#
#   ./ludus bench                 # the same as bench/suite.sh
#   ./ludus bench --quick         # a smoke run of about a minute (or BENCH_QUICK=1)
#   BENCH_STORE=sqlite BENCH_CONNECTIONS_LIST="64" ./ludus bench
#
# For each store (Ludus from server/target/ludus.jar, built when missing or stale):
#
# 1. Start to ready: starts the server BENCH_STARTS times, each on a fresh data directory (and for
#    PostgreSQL a fresh schema), and times each from launching the JVM to the first 200 from
#    GET /health/ready (polled every 20 ms); min, median and max, and the server's own figure from
#    its log ("started ... in N ms", which leaves out the JVM's start). Every server runs as
#    `./ludus serve` runs it, with the jar's start-up cache (<jar>.aot on JDK 25+, else <jar>.jsa;
#    LUDUS_CDS=off for none); an untimed start before the timed ones writes it when it is missing
#    or stale.
# 2. Load: starts one server with -Xmx256m (BENCH_HEAP) and LUDUS_WEBHOOK_ALLOW_PRIVATE=true (for
#    step 3; the routes' application has no webhook endpoint), creates a tenant and an application,
#    defines the rule set of bench/events-rules.json (3 metrics, 2 points systems with levels, 10
#    achievements) and checks one event, as bench/events-bench.sh does. Then drives four routes with
#    wrk (keep-alive, BENCH_THREADS threads):
#      GET  /health/live            the cheapest route, no token
#      GET  /v1/auth/verify         an application token (HS256)
#      POST /v1/events/validate     the no-op: the event parsed and checked as POST /v1/events does, nothing written
#      POST /v1/events              the event recorded with the rules applied; answered after the commit
#    (the POST bodies are random events of bench/events.lua for BENCH_USERS users). Each route is
#    warmed up once for BENCH_WARMUP seconds at the first concurrency of BENCH_CONNECTIONS_LIST, then
#    measured for BENCH_DURATION seconds at each concurrency, the routes in the order above at the
#    first concurrency, reversed at the second, and so on, so that each pair compared in a ratio runs
#    back to back. For every run: req/s, p50/p90/p99 latency, errors (answers of 400 or more, and
#    socket errors), the server's RSS after the run, and the server's CPU time (user + system) per
#    request, for PostgreSQL also PostgreSQL's own.
# 3. Webhooks, on the same server (no second start: the phase runs on the warm JVM and under the same
#    heap target, after the routes) with a fresh application: the same rules, and one endpoint at
#    bench/webhook-receiver.py (python3, on this machine; answers 200 at once and logs each arrival)
#    subscribed to achievement.unlocked, points.changed and level.changed, every notification the
#    rules make (at least one an event: every event changes xp). wrk drives POST /v1/events at
#    64 connections for BENCH_WARMUP + BENCH_DURATION seconds in one run, so the outbox is in its steady
#    state when the measured window (the last BENCH_DURATION seconds) opens. Then it waits until every
#    message arrived and no delivery is pending (at most 120 s), and measures, for the window:
#    notifications produced per second (messages written to the outbox, by their created_at in the
#    store), deliveries per second (distinct messages whose first arrival is in the window), the
#    backlog at the end (messages written by then and not yet arrived), how long after the end the
#    last message arrived, and the delay from commit to delivery (arrival minus the payload's
#    timestamp) of the messages written in the window, p50 and p99. The server's dispatcher runs with
#    its defaults (LUDUS_WEBHOOK_CONCURRENCY and LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY pass through).
# 4. Checks the server log for OutOfMemoryError and for ERROR and WARN lines.
#
# Before each store it waits until the 1-minute load average is below BENCH_QUIET_LOAD, and every run
# reports the share of the CPUs other processes took (a warning above 5%). For PostgreSQL, when the
# server's autovacuum is off, the schema is vacuumed and analyzed before each measured POST /v1/events
# run (BENCH_PG_VACUUM), as in events-bench.sh.
#
# Prints a table of the runs, the start-to-ready figures and the targets, each met or missed:
#   POST /v1/events / POST /v1/events/validate at 64 connections  >= 0.4 with p99 <= 25 ms on SQLite,
#                                                                 >= 0.3 on PostgreSQL
#   GET /v1/auth/verify / GET /health/live at 64 connections      >= 0.85
#   start to ready, median, on SQLite                             <= 1500 ms
#   webhooks: deliveries/s / notifications produced/s in the load >= 1.0 (to two decimals: a shortfall
#                                                                 under 0.5% is the messages in flight
#                                                                 at the window's edges, no backlog)
#   webhooks: commit-to-delivery delay, p99, in the load          <= 1000 ms, every message delivered
#   the whole run (warm-ups included) with -Xmx256m               no failed request, no OutOfMemoryError
# (the ratios at 64 connections are "not measured" when 64 is not in BENCH_CONNECTIONS_LIST; the heap
# target is missed with another BENCH_HEAP). Writes bench/results/suite-<store>.json
# (suite-<store>-quick.json for a quick run) and stops the servers (also on failure or Ctrl-C).
# Exits 1 when a request failed or the server ran out of memory (the figures are then not valid); a
# missed target alone does not fail the run.
#
# With the defaults a store takes about 5 minutes on a 2-core machine (measured on SQLite; the
# webhooks phase adds about 35 s of it when the deliveries keep up: 25 s of load, the drain, a fresh
# application; up to 120 s more of drain when they do not), so both take
# 11 to 13 minutes with the wait for a quiet machine between them.
#
# Options: --quick (the same as BENCH_QUICK=1), -h or --help (this text).
#
# Settings (environment):
#   BENCH_QUICK             1 for a smoke run: unless set otherwise, SQLite only, BENCH_STARTS 3,
#                           BENCH_WARMUP 1, BENCH_DURATION 3, BENCH_CONNECTIONS_LIST 64, BENCH_QUIET_WAIT 0
#   BENCH_STORE             sqlite, postgresql or both (default both)
#   BENCH_STARTS            timed starts per store (default 5)
#   BENCH_HEAP              the server's -Xmx (default 256m; empty for the JVM's default). It comes
#                           before LUDUS_JAVA_OPTS, so an -Xmx there wins
#   BENCH_CONNECTIONS_LIST  the concurrencies, keep-alive connections (default "16 64 256")
#   BENCH_DURATION          seconds per measured run (default 15)
#   BENCH_WARMUP            seconds of warm-up per route (default 10)
#   BENCH_THREADS           wrk threads (default 2; fewer when a concurrency is lower)
#   BENCH_USERS             distinct users the events go to (default 10000)
#   BENCH_TEAMS, BENCH_QUESTS, BENCH_TEAM_BOARDS
#                           as in bench/events-bench.sh: the routes' users made ahead, in BENCH_TEAMS
#                           teams with BENCH_TEAM_BOARDS team leaderboards (default 2), and BENCH_QUESTS
#                           quests (default 0) (bench/teams-setup.py); unset, nothing of that
#   BENCH_QUIET_LOAD        the 1-minute load average to wait for before each store (default 0.8)
#   BENCH_QUIET_WAIT        the longest wait for it, in seconds, polling every 15 s; 0 does not wait
#                           (default 600). A store that starts above it is flagged under_load.
#   BENCH_OUTPUT_DIR        where suite-<store>.json go (default bench/results)
#   BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER, BENCH_PG_DATABASE
#                           the PostgreSQL server (default 127.0.0.1, 5432, postgres, test); a password
#                           comes from PGPASSWORD. The user needs CREATE on the database.
#   BENCH_PG_VACUUM         auto, always or never (default auto): VACUUM (ANALYZE) the schema's tables
#                           before each measured POST /v1/events run; auto when autovacuum is off
#   BENCH_SERVER_JAR        run this Ludus jar as it is instead of building server/target/ludus.jar
#   BENCH_COMMIT            the commit to record in the results (default: git rev-parse --short HEAD,
#                           with +changes when server/ has uncommitted changes)
#   LUDUS_JAVA_OPTS         extra JVM options for the server
#
# Needs wrk, curl, jq and python3 (apt-get install -y wrk curl jq python3), and psql for PostgreSQL
# (apt-get install -y postgresql-client). wrk, the server and PostgreSQL share the machine's CPUs:
# the figures are ratios in one run, not a capacity.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

quick=${BENCH_QUICK:-0}
for argument in "$@"; do
  case "$argument" in
    --quick) quick=1 ;;
    -h | --help)
      sed -n '2,/^set -euo pipefail/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
      exit 0 ;;
    *) bench_die "unknown argument '$argument'; bench/suite.sh takes --quick and --help, and settings from the environment (see --help)" ;;
  esac
done
[[ "$quick" =~ ^[01]$ ]] || bench_die "BENCH_QUICK must be 0 or 1, was '$quick'"
if [ "$quick" = 1 ]; then
  : "${BENCH_STORE:=sqlite}" "${BENCH_STARTS:=3}" "${BENCH_WARMUP:=1}" "${BENCH_DURATION:=3}"
  : "${BENCH_CONNECTIONS_LIST:=64}" "${BENCH_QUIET_WAIT:=0}"
fi

store_setting=${BENCH_STORE:-both}
starts=${BENCH_STARTS:-5}
heap=${BENCH_HEAP-256m}
read -r -a connections_list <<<"${BENCH_CONNECTIONS_LIST:-16 64 256}"
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-10}
threads=${BENCH_THREADS:-2}
users=${BENCH_USERS:-10000}
teams=${BENCH_TEAMS:-}
quests=${BENCH_QUESTS:-0}
team_boards=${BENCH_TEAM_BOARDS:-2}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
target_connections=64

bench_stores "$store_setting"
bench_require_counts starts duration warmup threads users
[ "$starts" -le 50 ] || bench_die "BENCH_STARTS is at most 50, was $starts"
[ "$duration" -le 600 ] || bench_die "BENCH_DURATION is at most 600 seconds, was $duration"
[ "$warmup" -le 600 ] || bench_die "BENCH_WARMUP is at most 600 seconds, was $warmup"
[ "$users" -le 100000000 ] || bench_die "BENCH_USERS is at most 100000000, was $users"
[[ -z "$heap" || "$heap" =~ ^[1-9][0-9]*[kKmMgG]?$ ]] || bench_die "BENCH_HEAP must be a size like 256m or empty, was '$heap'"
[ ${#connections_list[@]} -gt 0 ] || bench_die "BENCH_CONNECTIONS_LIST names no concurrency"
for connections in "${connections_list[@]}"; do
  if [[ ! "$connections" =~ ^[1-9][0-9]*$ ]] || [ "$connections" -gt 10000 ]; then
    bench_die "BENCH_CONNECTIONS_LIST takes whole numbers from 1 to 10000, was '${connections_list[*]}'"
  fi
done
bench_quiet_settings
bench_pg_settings
bench_pg_vacuum_settings
bench_require_tools wrk curl jq python3

bench_java_opts="${heap:+-Xmx$heap}${heap:+${LUDUS_JAVA_OPTS:+ }}${LUDUS_JAVA_OPTS:-}"
jar=$(bench_server_jar) || exit 1
# as `./ludus serve` runs the server: with the class-data archive of the jar (LUDUS_CDS=off: without)
# shellcheck source=scripts/jdk.sh
. "$bench_root/scripts/jdk.sh"
plain_java_opts=$bench_java_opts
# refresh_cds: the start-up cache's options as `./ludus serve` passes them now (on JDK 25+ they change
# once the first start has written the cache)
refresh_cds() {
  local cds
  cds=$(cds_options "$jar" "$bench_java")
  bench_java_opts="$cds${cds:+${plain_java_opts:+ }}$plain_java_opts"
}
# await_cache: waits (up to 60 s) until the cache the first start writes at its stop is there
await_cache() {
  local aot="${jar%.jar}.aot"
  case "$bench_java_opts" in *AOTCacheOutput*) ;; *) return 0 ;; esac
  for _ in $(seq 1 600); do
    [ -f "$aot" ] && [ "$aot" -nt "$jar" ] && [ -z "$(pgrep -f "AOTMode=create" || true)" ] && return 0
    sleep 0.1
  done
  echo "bench: the start-up cache $aot was not written; the starts run without it" >&2
}
refresh_cds
suffix=""
[ "$quick" = 1 ] && suffix="-quick"

bench_workspace suite

bench_wrk_report >"$work/report.lua"
bench_events_script "$work/events.lua"

routes=(live verify validate events)
declare -A method=([live]=GET [verify]=GET [validate]=POST [events]=POST)
declare -A path=([live]=/health/live [verify]=/v1/auth/verify [validate]=/v1/events/validate [events]=/v1/events)

minutes=$(( (${#stores[@]} * (starts * 3 + 30 + ${#routes[@]} * (warmup + duration * ${#connections_list[@]}) + warmup + duration)) / 60 + 1 ))
echo "bench: ${stores[*]}: $starts starts, then ${#routes[@]} routes x ${#connections_list[@]} concurrencies (${connections_list[*]}) x ${duration} s after ${warmup} s of warm-up, then webhooks for ${warmup} + ${duration} s; about $minutes minute(s) and the waits for a quiet machine" >&2

# --- start to ready --------------------------------------------------------------------------------
# time_starts <store>: starts and stops the server <starts> times on a fresh store; writes the
# milliseconds to ready and the server's own figures, one "<ready> <server>" line a start.
time_starts() {
  local store="$1" start dir
  : >"$work/starts.txt"
  # an untimed start first: it writes the class-data archive when the jar has none or a stale one
  # (at exit), as the first `./ludus serve` after a build does, and warms the file cache
  for start in $(seq 0 "$starts"); do
    dir="$work/$store-start-$start"
    bench_store "$store" bench_suite_start "$work"
    refresh_cds
    bench_start_server "$jar" "$dir" "${bench_store_env[@]}"
    [ "$start" = 0 ] || echo "$bench_ready_ms $(sed -n 's/.* started on port [0-9]* in \([0-9]*\) ms.*/\1/p' "$bench_server_log" | head -n 1)" \
      >>"$work/starts.txt"
    bench_stop_server
    [ "$start" = 0 ] && await_cache
    bench_drop_schema
    rm -rf "$dir"
  done
}

# --- load ------------------------------------------------------------------------------------------
# run_wrk <route> <connections> <seconds> <phase>: one wrk run (bench_wrk) of the route; appends its
# JSON line to the runs file.
run_wrk() {
  local route="$1" connections="$2" seconds="$3" phase="$4" vacuumed=false
  local -a options=(-t "$((threads < connections ? threads : connections))" -c "$connections")
  case "$route" in
    live) options+=(-s "$work/report.lua") ;;
    verify) options+=(-H "Authorization: Bearer $verify_token" -s "$work/report.lua") ;;
    *) options+=(-H "Authorization: Bearer $bench_events_token" -s "$work/events.lua") ;;
  esac
  if [ "$route" = events ] && [ "$phase" = measured ] && [ "$pg_vacuum" = true ]; then
    bench_vacuum_schema
    vacuumed=true
  fi
  options+=("$bench_base${path[$route]}")
  [ "${method[$route]}" = POST ] && options+=(-- "$users")
  bench_wrk "$work/run.json" "$seconds" "${options[@]}"
  jq -c --arg route "$route" --arg phase "$phase" --argjson connections "$connections" --argjson vacuumed "$vacuumed" \
    '{route: $route, connections: $connections, phase: $phase} + . + {vacuumed_before: $vacuumed}' "$work/run.json" >>"$runs"
  jq -r '"bench: \(.phase) \(.route) at \(.connections): \(.rps | floor) req/s, p50 \(.p50_us) us, p99 \(.p99_us) us, "
    + "errors \(.errors), RSS \(.rss_kib / 1024 | floor) MiB, CPU % of the machine: \(.cpu_pct)"' <<<"$(tail -n 1 "$runs")" >&2
  bench_warn_if_disturbed "$phase" "$(tail -n 1 "$runs")"
}

# --- webhooks --------------------------------------------------------------------------------------
# The notifications the rules of bench/events-rules.json make (no streaks, no leaderboards).
webhook_types=(achievement.unlocked points.changed level.changed)
webhook_drain_limit=120

# run_webhooks <store>: the webhooks phase on the running server (see the header); appends its wrk run
# to the runs file (phase webhooks) and sets webhooks_json to its figures.
run_webhooks() {
  local store="$1" launched from to vacuumed=false drained=true
  echo "bench: webhooks: a fresh application, an endpoint at a local receiver, POST /v1/events at $target_connections connections for ${warmup} + ${duration} s" >&2
  bench_start_receiver "$work/arrivals-$store.log"
  bench_events_application "$jar"
  bench_webhook_endpoint "$bench_admin_token" "${webhook_types[@]}"
  if [ "$pg_vacuum" = true ]; then
    bench_vacuum_schema
    vacuumed=true
  fi
  launched=$(date +%s%3N)
  bench_wrk "$work/run.json" "$((warmup + duration))" -t "$((threads < target_connections ? threads : target_connections))" \
    -c "$target_connections" -H "Authorization: Bearer $bench_events_token" -s "$work/events.lua" "$bench_base/v1/events" \
    -- "$users"
  # the window: the last <duration> seconds of the run, which ended <duration_us> after it started
  to=$((launched + $(jq '.duration_us / 1000 | floor' "$work/run.json")))
  from=$((to - duration * 1000))
  jq -c --argjson connections "$target_connections" --argjson vacuumed "$vacuumed" \
    '{route: "events", connections: $connections, phase: "webhooks"} + . + {vacuumed_before: $vacuumed}' "$work/run.json" >>"$runs"
  bench_warn_if_disturbed webhooks "$(tail -n 1 "$runs")"
  if ! bench_webhooks_drain "$webhook_drain_limit"; then
    drained=false
    echo "bench: warning: webhook deliveries were still pending ${webhook_drain_limit} s after the load" >&2
  fi
  webhooks_json=$(bench_webhook_figures "$work/arrivals-$store.log" "$from" "$to" \
    | jq -c --argjson run "$(tail -n 1 "$runs")" --argjson drained "$drained" --argjson warmup "$warmup" \
      --argjson types "$(printf '%s\n' "${webhook_types[@]}" | jq -R . | jq -sc .)" \
      --arg concurrency "${LUDUS_WEBHOOK_CONCURRENCY:-default}" --arg per_endpoint "${LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY:-default}" \
      '{connections: $run.connections, warmup_s: $warmup, event_types: $types,
        receiver: "bench/webhook-receiver.py on this machine, 200 at once",
        webhook_concurrency: $concurrency, webhook_endpoint_concurrency: $per_endpoint,
        events: {requests: $run.requests, rps: ($run.rps * 10 | round / 10), p50_us: $run.p50_us, p99_us: $run.p99_us,
                 errors: ($run.errors | .status + .connect + .read + .write + .timeout), cpu_pct: $run.cpu_pct,
                 note: "the whole run, warm-up included"},
        drained: $drained} + .')
  jq -r '"bench: webhooks: \(.produced_per_s) produced/s, \(.delivered_per_s) delivered/s, backlog at the end \(.backlog_at_end), "
    + "drained after \(.drained_after_ms) ms, delay p50 \(.delay_p50_ms) ms, p99 \(.delay_p99_ms) ms; events \(.events.rps | floor)/s"' \
    <<<"$webhooks_json" >&2
  bench_stop_receiver
}

# check_log <log>: what the server logged that it should not have, as one JSON object.
check_log() {
  jq -n --argjson oom "$(grep -c OutOfMemoryError "$1" || true)" \
    --argjson errors "$(grep -cE '^[^ ]+ ERROR ' "$1" || true)" --argjson warnings "$(grep -cE '^[^ ]+ WARN ' "$1" || true)" \
    --arg first "$(grep -E 'OutOfMemoryError|^[^ ]+ (ERROR|WARN) ' "$1" | cut -c 1-300 | head -n 5)" \
    '{out_of_memory_error: ($oom > 0), error_lines: $errors, warn_lines: $warnings,
      first_lines: ($first | split("\n") | map(select(length > 0)))}'
}

# --- one store -------------------------------------------------------------------------------------
run_store() {
  local store="$1" load_before index connections route server_log output status
  local -a order
  echo "bench: === $store" >&2
  bench_wait_for_quiet
  load_before=$(bench_load1)

  echo "bench: timing $starts starts to ready" >&2
  time_starts "$store"

  bench_store "$store" bench_suite "$work"
  refresh_cds
  echo "bench: $bench_database, java options: $bench_java_opts" >&2
  bench_start_server "$jar" "$work/$store" "${bench_store_env[@]}" LUDUS_WEBHOOK_ALLOW_PRIVATE=true
  server_log=$bench_server_log
  bench_events_application "$jar"
  if [ -n "$teams" ]; then
    /usr/bin/python3 "$bench_root/bench/teams-setup.py" "$bench_base" "$bench_admin_token" "$bench_events_token" \
      "$users" "$teams" "$quests" "$team_boards" || bench_fail "the teams setup failed"
  fi
  verify_token=$(bench_token "$jar" --sub bench_user --ttl 36000) || bench_fail "ludus token failed"
  status=$(bench_request GET /v1/auth/verify "$verify_token")
  [ "$status" = 200 ] || bench_fail "GET /v1/auth/verify answered $status: $(cat "$work/answer.json")"

  runs="$work/runs-$store.jsonl"
  : >"$runs"
  echo "bench: warming up, ${warmup} s per route at ${connections_list[0]} connections" >&2
  for route in "${routes[@]}"; do
    run_wrk "$route" "${connections_list[0]}" "$warmup" warmup
  done
  echo "bench: measuring, ${duration} s per route and concurrency" >&2
  for index in "${!connections_list[@]}"; do
    order=("${routes[@]}")
    if [ $((index % 2)) = 1 ]; then
      order=()
      for route in "${routes[@]}"; do order=("$route" "${order[@]}"); done
    fi
    for route in "${order[@]}"; do
      run_wrk "$route" "${connections_list[index]}" "$duration" measured
    done
  done
  run_webhooks "$store"
  bench_stop_server
  bench_drop_schema

  output="$output_dir/suite-$store$suffix.json"
  mkdir -p "$output_dir"
  jq -s --argjson info "$(bench_run_info_json "$jar")" --arg store "$store" --arg database "$bench_database" \
    --argjson quick "$([ "$quick" = 1 ] && echo true || echo false)" --arg heap "$heap" \
    --arg java_opts "$bench_java_opts" --argjson starts "$starts" \
    --argjson connections "$(printf '%s\n' "${connections_list[@]}" | jq -s .)" --argjson target "$target_connections" \
    --argjson duration "$duration" --argjson warmup "$warmup" --argjson threads "$threads" --argjson users "$users" \
    --argjson rules "$(bench_rules_json)" --arg mix "$bench_events_mix" --argjson vacuum "$pg_vacuum" \
    --argjson quiet_load "$quiet_load" --argjson quiet_wait "$quiet_wait" --argjson load "$load_before" \
    --argjson waited "$waited" --arg teams "$teams" --argjson quests "$quests" --argjson team_boards "$team_boards" \
    --argjson start_lines "$(awk '{printf "%s[%s,%s]", (NR > 1 ? "," : "["), $1, ($2 == "" ? "null" : $2)} END {print "]"}' "$work/starts.txt")" \
    --argjson log "$(check_log "$server_log")" --argjson webhooks "$webhooks_json" \
    --argjson method "$(for route in "${routes[@]}"; do echo "{\"$route\": \"${method[$route]}\"}"; done | jq -s add)" \
    --argjson path "$(for route in "${routes[@]}"; do echo "{\"$route\": \"${path[$route]}\"}"; done | jq -s add)" \
    "$bench_jq_summary"'
    def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
      else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def row(route; c): first(.[] | select(.route == route and .connections == c)) // null;
    def ratio(a; b): if a == null or b == null then null else (a.rps / b.rps | . * 1000 | round / 1000) end;
    [.[] | select(.phase == "measured")] as $measured
    | ($method | keys_unsorted) as $routes
    | [$measured | group_by([.connections, (.route as $route | $routes | index($route))])[]
       | .[0] as $run | {route: $run.route, method: $method[$run.route], path: $path[$run.route], connections: $run.connections}
         + (summary | del(.under_load)) + {errors: (summary | .non_2xx + .socket_errors)}] as $rows
    | ($start_lines | map(.[0])) as $ready
    | ($rows | row("events"; $target)) as $events | ($rows | row("validate"; $target)) as $validate
    | ($rows | row("verify"; $target)) as $verify | ($rows | row("live"; $target)) as $live
    | {sqlite: 0.4, postgresql: 0.3}[$store] as $events_goal
    | (map(.errors | .status + .connect + .read + .write + .timeout) | add) as $errors
    | $info + {store: $store, database: $database,
       settings: {quick: $quick, heap: $heap, java_opts: $java_opts, starts: $starts,
                  connections: $connections, duration_s: $duration, warmup_s: $warmup, wrk_threads: $threads,
                  keep_alive: true, users: $users, rules: $rules, events: $mix,
                  teams: (if $teams == "" then null else ($teams | tonumber) end),
                  team_boards: (if $teams == "" or $teams == "0" then 0 else $team_boards end),
                  quests: (if $teams == "" then 0 else $quests end),
                  warmup: "each route once, at the first concurrency",
                  order: "live, verify, validate, events at the first concurrency, the reverse at the second, and so on",
                  ready_poll_interval_ms: 20, quiet_load: $quiet_load, quiet_wait_s: $quiet_wait,
                  webhook_allow_private: true,
                  vacuum_analyze_before_measured_events_runs: $vacuum},
       quiet: {load_before: $load, waited_s: $waited, under_load: ($load >= $quiet_load)},
       start_to_ready: {samples_ms: $ready, min_ms: ($ready | min), median_ms: ($ready | median),
                        max_ms: ($ready | max), server_reported_ms: ($start_lines | map(.[1])),
                        server_reported_median_ms: ($start_lines | map(.[1] | values) | median)},
       rows: $rows,
       webhooks: $webhooks,
       failed_requests: $errors,
       server_log: $log,
       targets: [
         {name: "events_vs_validate", connections: $target,
          measured: ratio($events; $validate), p99_ms: (if $events then $events.p99_us / 1000 else null end),
          goal: (if $store == "sqlite" then ">= 0.4 with p99 <= 25 ms" else ">= \($events_goal)" end),
          met: (if $events == null or $validate == null then null
                else ($events.rps / $validate.rps >= $events_goal
                      and ($store != "sqlite" or $events.p99_us <= 25000)) end)},
         {name: "verify_vs_live", connections: $target, measured: ratio($verify; $live), goal: ">= 0.85",
          met: (if $verify == null or $live == null then null else $verify.rps / $live.rps >= 0.85 end)},
         (if $store == "sqlite" then
           {name: "start_to_ready_median_ms", measured: ($ready | median), goal: "<= 1500",
            met: (($ready | median) <= 1500)} else empty end),
         {name: "webhooks_delivered_vs_produced", connections: $webhooks.connections,
          measured: ($webhooks.delivered_vs_produced | if . == null then null else . * 100 | round / 100 end),
          goal: ">= 1.0",
          met: (if $webhooks.delivered_vs_produced == null then null
                else ($webhooks.delivered_vs_produced * 100 | round) >= 100 end)},
         {name: "webhooks_delay_p99_ms", connections: $webhooks.connections,
          measured: $webhooks.delay_p99_ms, goal: "<= 1000",
          met: ($webhooks.undelivered == 0 and $webhooks.delay_p99_ms != null and $webhooks.delay_p99_ms <= 1000)},
         {name: "heap", heap: $heap,
          measured: "\($errors) failed requests (warm-ups included), \(if $log.out_of_memory_error then "OutOfMemoryError" else "no OutOfMemoryError" end)",
          goal: "none of either, with -Xmx256m",
          met: ($heap == "256m" and $errors == 0 and ($log.out_of_memory_error | not))}],
       runs: .}' "$runs" >"$output"
  echo "bench: wrote ${output#"$bench_root"/}" >&2
  outputs+=("$output")
}

outputs=()
for store in "${stores[@]}"; do
  run_store "$store"
done

# --- results ---------------------------------------------------------------------------------------
jq -rs '
  def ms: . / 10 | round / 100;
  def verdict: if . == null then "not measured" elif . then "met" else "missed" end;
  "",
  "Ludus \(.[0].commit): \(.[0].settings.java_opts), wrk \(.[0].settings.wrk_threads) threads, keep-alive, \(.[0].settings.duration_s) s per run after \(.[0].settings.warmup_s) s of warm-up per route, \(.[0].machine.nproc) CPUs",
  "",
  "| store | route | connections | req/s | p50 (ms) | p90 (ms) | p99 (ms) | errors | RSS (MiB) | server CPU per request (us) | PostgreSQL CPU per request (us) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.[] | .store as $store | .rows[] |
    "| \($store) | `\(.method) \(.path)` | \(.connections) | \(.rps | floor) | \(.p50_us | ms) | \(.p90_us | ms) | \(.p99_us | ms) | \(.errors) | \(.rss_mib_max) | \(.server_cpu_us_per_request) | \(if $store == "postgresql" then .db_cpu_us_per_request else "-" end) |"),
  "",
  "| store | start to ready (ms): min | median | max | the server'"'"'s own start (ms), median |",
  "| --- | ---: | ---: | ---: | ---: |",
  (.[] | .start_to_ready as $s | "| \(.store) | \($s.min_ms) | \($s.median_ms) | \($s.max_ms) | \($s.server_reported_median_ms // "-") |"),
  "",
  "| store | webhooks at | events/s | notifications produced/s | delivered/s | backlog at the end | drained after (ms) | delay p50 (ms) | delay p99 (ms) | failed attempts |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.[] | .webhooks as $w | "| \(.store) | \($w.connections) | \($w.events.rps | floor) | \($w.produced_per_s) | \($w.delivered_per_s) | \($w.backlog_at_end) | \($w.drained_after_ms)\(if $w.drained then "" else " (not drained)" end) | \($w.delay_p50_ms // "-") | \($w.delay_p99_ms // "-") | \($w.attempts | to_entries | map(select(.key != "succeeded") | .value) | add // 0) |"),
  "",
  "| store | target | measured | goal | verdict |",
  "| --- | --- | --- | --- | --- |",
  (.[] | .store as $store | .targets[] |
    "| \($store) | \({events_vs_validate: "POST /v1/events / POST /v1/events/validate at \(.connections)",
                     verify_vs_live: "GET /v1/auth/verify / GET /health/live at \(.connections)",
                     start_to_ready_median_ms: "start to ready, median (ms)",
                     webhooks_delivered_vs_produced: "webhooks: delivered/s / notifications produced/s at \(.connections)",
                     webhooks_delay_p99_ms: "webhooks: commit to delivery, p99 (ms), at \(.connections)",
                     heap: "the whole run with -Xmx\(.heap)"}[.name]) | \(.measured // "-")\(if .p99_ms then ", p99 \(.p99_ms) ms" else "" end) | \(.goal) | \(.met | verdict) |"),
  "",
  (.[] | "\(.store): server log: \(.server_log.error_lines) ERROR and \(.server_log.warn_lines) WARN lines, OutOfMemoryError \(if .server_log.out_of_memory_error then "LOGGED" else "none" end)\(if .quiet.under_load then "; started under load (load average \(.quiet.load_before))" else "" end)"),
  (.[] | .server_log.first_lines[] | "  \(.)")' "${outputs[@]}"

failed=$(jq -s 'map(.failed_requests) | add' "${outputs[@]}")
jq -se 'any(.server_log.out_of_memory_error)' "${outputs[@]}" >/dev/null && bench_die "the server ran out of memory; the figures are not valid"
[ "$failed" = 0 ] || bench_die "$failed request(s) failed; the figures are not valid"
