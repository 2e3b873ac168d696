#!/usr/bin/env bash
# Event ingestion throughput: POST /v1/events against POST /v1/events/validate, same server, same
# run, with a realistic rule set, on SQLite and on PostgreSQL.
#
#   bench/events-bench.sh
#   BENCH_STORE=sqlite BENCH_DURATION=10 BENCH_ROUNDS=1 bench/events-bench.sh
#
# POST /v1/events records an event: the writer applies the rules (bench/events-rules.json: 3
# metrics, 2 points systems with levels, 10 achievements) and writes the user's new state in a group
# commit, and the answer (201) comes after that commit is durable. POST /v1/events/validate is the
# no-op baseline: the same authentication, the same body, parsed and checked as POST /v1/events
# does, nothing written (200).
#
# For each store, starts Ludus (server/target/ludus.jar, built when missing or stale) on a free port
# with a fresh data directory; for PostgreSQL, also with LUDUS_DB_URL naming a fresh schema, created
# with psql and dropped at the end. Creates a tenant and an application through the operator API,
# mints an admin token (for the rules) and a write,users:write token (events for any user) with
# `ludus token`, defines the rules and checks one event on each route. Then warms both routes up and
# drives each with wrk and bench/events.lua (random users among BENCH_USERS, random metrics and
# values; keep-alive, BENCH_CONNECTIONS connections, BENCH_THREADS threads) for BENCH_DURATION
# seconds, BENCH_ROUNDS times, in the order validate, events in odd rounds and the reverse in even
# rounds, so that drift hits both routes alike. Before each measured run it waits until the
# 1-minute load average is below BENCH_QUIET_LOAD (which also lets the previous run's load decay).
# Prints a table, writes bench/results/events-<store>.json, and stops the server (also on failure
# or Ctrl-C). Fails when any request answered 4xx/5xx (503 would be the write queue pushing back) or
# hit a socket error.
#
# Settings (environment):
#   BENCH_STORE        sqlite, postgresql or both (default both)
#   BENCH_DURATION     seconds per measured run (default 20)
#   BENCH_WARMUP       seconds of warm-up per route (default 10)
#   BENCH_ROUNDS       measured runs per route (default 2)
#   BENCH_CONNECTIONS  keep-alive connections (default 64)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_USERS        distinct users the events go to (default 10000)
#   BENCH_QUIET_LOAD   the 1-minute load average to wait for before each measured run (default 0.8)
#   BENCH_QUIET_WAIT   the longest wait for it, in seconds, polling every 15 s; 0 does not wait
#                      (default 600). A run that starts above it is flagged under_load.
#   BENCH_OUTPUT_DIR   where events-<store>.json go (default bench/results)
#   BENCH_TEAMS        unset (the default) changes nothing; a number makes the users ahead of the
#                      runs (PUT /v1/users), and above 0 also that many teams, each user in one, and
#                      two team leaderboards (bench/teams-setup.py): compare BENCH_TEAMS=0 with
#                      BENCH_TEAMS=20 for what team leaderboards cost the events
#   BENCH_QUESTS       with BENCH_TEAMS set: 0 to 2 quests on the benchmark's metrics (a daily one and a
#                      weekly ordered one, bench/teams-setup.py; default 0)
#   BENCH_TEAM_BOARDS  with BENCH_TEAMS above 0: how many of the two team leaderboards (default 2);
#                      BENCH_TEAMS=20 BENCH_QUESTS=2 BENCH_TEAM_BOARDS=1 against BENCH_TEAMS=0 is what
#                      two quests and a team board cost the events
#   BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER, BENCH_PG_DATABASE
#                      the PostgreSQL server (default 127.0.0.1, 5432, postgres, test); a password
#                      comes from PGPASSWORD. The user needs CREATE on the database.
#   BENCH_PG_VACUUM    auto, always or never (default auto): VACUUM (ANALYZE) the schema's tables
#                      before each measured run. auto does it only when the server's autovacuum is
#                      off: a fresh schema then never gets planner statistics, and the events route
#                      runs several times slower than it would once autovacuum has analyzed the tables
#   BENCH_JFR          a directory: record each route's first measured run with JFR (settings=profile)
#                      into <dir>/<route>-<store>.jfr; the recording costs throughput, so take figures
#                      from a run without it
#   BENCH_SERVER_JAR   run this Ludus jar as it is instead of building server/target/ludus.jar
#   BENCH_COMMIT       the commit to record in the results (default: git rev-parse --short HEAD, with
#                      +changes when server/ has uncommitted changes); set it with BENCH_SERVER_JAR
#   LUDUS_JAVA_OPTS    extra JVM options for the server
#
# Needs wrk, curl and jq (apt-get install -y wrk curl jq), and psql for PostgreSQL
# (apt-get install -y postgresql-client). wrk, the server and PostgreSQL share the machine's CPUs:
# the figures are a ratio in one run, not a capacity.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

store_setting=${BENCH_STORE:-both}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-10}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
users=${BENCH_USERS:-10000}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
teams=${BENCH_TEAMS:-}
quests=${BENCH_QUESTS:-0}
team_boards=${BENCH_TEAM_BOARDS:-2}

bench_stores "$store_setting"
bench_require_counts duration warmup rounds connections threads users
[ "$duration" -le 600 ] || bench_die "BENCH_DURATION is at most 600 seconds, was $duration"
[ "$warmup" -le 600 ] || bench_die "BENCH_WARMUP is at most 600 seconds, was $warmup"
[ "$rounds" -le 10 ] || bench_die "BENCH_ROUNDS is at most 10, was $rounds"
[ "$users" -le 100000000 ] || bench_die "BENCH_USERS is at most 100000000, was $users"
bench_quiet_settings
bench_pg_settings
bench_pg_vacuum_settings
bench_jfr_settings
bench_require_tools wrk curl jq

jar=$(bench_server_jar) || exit 1

bench_workspace events-bench

fail() {
  bench_fail "$@"
}

bench_events_script "$work/events.lua"

declare -A path=([validate]=/v1/events/validate [events]=/v1/events)

# --- measurements, per run -------------------------------------------------------------------------
# The group commit's counters from /metrics: "<transactions> <works>" (works are events here).
commit_counters() {
  curl -s "$bench_base/metrics" | awk '
    /^ludus_store_batch_size_count\{/ && /writer="events"/ {count += $NF}
    /^ludus_store_batch_size_sum\{/ && /writer="events"/ {sum += $NF}
    END {printf "%d %d\n", count, sum}'
}

# The group commit's writer threads (ludus-events-writer-N; Linux keeps 15 characters of a thread's
# name): their user+system jiffies.
writer_jiffies() {
  local task tids=()
  for task in /proc/"$bench_server_pid"/task/*; do
    [ "$(cat "$task/comm" 2>/dev/null)" = ludus-events-wr ] && tids+=("${task##*/}")
  done
  [ ${#tids[@]} -gt 0 ] || { echo 0; return; }
  local tid sum=0 jiffies
  for tid in "${tids[@]}"; do
    jiffies=$(sed 's/^.*) //' "/proc/$bench_server_pid/task/$tid/stat" 2>/dev/null | awk '{print $12 + $13}') || jiffies=0
    sum=$((sum + ${jiffies:-0}))
  done
  echo "$sum"
}

# run_wrk <route> <seconds> <phase>: one wrk run (bench_wrk); appends its JSON line (route, phase,
# wrk's figures, CPU seconds and shares of server, PostgreSQL, wrk and everything else, the server's
# RSS after the run, the writer threads' CPU and the group commit's transactions) to the runs file.
run_wrk() {
  local route="$1" seconds="$2" phase="$3" record="" commits0 works0 commits1 works1 writer0 writer1 load_before
  local vacuumed=false
  waited=0
  under_load=false
  if [ "$phase" != warmup ] && [ "$pg_vacuum" = true ]; then
    bench_vacuum_schema
    vacuumed=true
  fi
  [ "$phase" != warmup ] && bench_wait_for_quiet
  load_before=$(bench_load1)
  [ -n "$jfr_dir" ] && [ "$phase" = round1 ] && record="bench-$route"
  [ -z "$record" ] || bench_jfr_start "$record" "$jfr_dir/$route-$store.jfr"
  read -r commits0 works0 < <(commit_counters)
  writer0=$(writer_jiffies)
  bench_wrk "$work/run.json" "$seconds" -t "$threads" -c "$connections" -H "Authorization: Bearer $bench_events_token" \
    -s "$work/events.lua" "$bench_base${path[$route]}" -- "$users"
  writer1=$(writer_jiffies)
  read -r commits1 works1 < <(commit_counters)
  [ -z "$record" ] || bench_jfr_stop "$record" "$jfr_dir/$route-$store.jfr"
  jq -c --arg route "$route" --arg phase "$phase" --argjson writer $((writer1 - writer0)) \
    --argjson hz "$bench_clock_ticks" --argjson commits $((commits1 - commits0)) --argjson works $((works1 - works0)) \
    --argjson load "$load_before" --argjson waited "$waited" --argjson under_load "$under_load" \
    --argjson vacuumed "$vacuumed" '
    {route: $route, phase: $phase} + . + {writer_cpu_s: ($writer / $hz),
     commits: $commits, committed_events: $works,
     load_before: $load, waited_for_quiet_s: $waited, under_load: $under_load, vacuumed_before: $vacuumed}' \
    "$work/run.json" >>"$runs"
  jq -r '"bench: \(.phase) \(.route): \(.rps | floor) req/s, p50 \(.p50_us) us, p99 \(.p99_us) us, errors \(.errors), "
    + "RSS \(.rss_kib / 1024 | floor) MiB, \(if .commits > 0 then "\(.committed_events / .commits | . * 10 | round / 10) events per commit, "
      + "writers \(.writer_cpu_s * 1e8 / .duration_us | floor)% of a core, " else "" end)"
    + "CPU % of the machine: \(.cpu_pct)"' <<<"$(tail -n 1 "$runs")" >&2
  bench_warn_if_disturbed "$phase" "$(tail -n 1 "$runs")"
  if [ "$phase" = warmup ] && jq -e '.errors | .status + .connect + .read + .write + .timeout > 0' <<<"$(tail -n 1 "$runs")" >/dev/null; then
    fail "the warm-up of $route had errors: $(jq -c .errors <<<"$(tail -n 1 "$runs")")"
  fi
}

# --- one store --------------------------------------------------------------------------------------
failures=0
run_store() {
  store="$1"
  local dir="$work/$store" catalog output
  bench_store "$store" bench_events "$work"
  echo "bench: === $store: $bench_database" >&2
  bench_start_server "$jar" "$dir" "${bench_store_env[@]}"
  bench_events_application "$jar"
  if [ -n "$teams" ]; then
    # users made ahead (in both runs of a comparison), and with BENCH_TEAMS > 0 in teams with two
    # team leaderboards
    /usr/bin/python3 "$bench_root/bench/teams-setup.py" "$bench_base" "$bench_admin_token" "$bench_events_token" \
      "$users" "$teams" "$quests" "$team_boards" || fail "the teams setup failed"
  fi

  runs="$work/runs-$store.jsonl"
  : >"$runs"
  echo "bench: warming up, ${warmup} s per route" >&2
  run_wrk validate "$warmup" warmup
  run_wrk events "$warmup" warmup

  echo "bench: measuring, $rounds round(s) of ${duration} s per route, $connections connections, $threads wrk threads, $users users" >&2
  for round in $(seq 1 "$rounds"); do
    order=(validate events)
    [ $((round % 2)) = 0 ] && order=(events validate)
    for route in "${order[@]}"; do
      run_wrk "$route" "$duration" "round$round"
    done
  done

  # what the rules did: completions of each achievement
  status=$(bench_request GET '/v1/achievements?limit=100' "$bench_admin_token")
  catalog=$(jq -c . "$work/answer.json" 2>/dev/null) || catalog=""
  [ "$status" = 200 ] && [ -n "$catalog" ] || catalog='{"items":[]}'
  bench_stop_server
  bench_drop_schema

  output="$output_dir/events-$store.json"
  mkdir -p "$output_dir"
  jq -s --argjson info "$(bench_run_info_json "$jar")" --arg store "$store" --arg database "$bench_database" \
    --argjson duration "$duration" --argjson warmup "$warmup" --argjson rounds "$rounds" \
    --argjson connections "$connections" --argjson threads "$threads" --argjson users "$users" \
    --argjson quiet_load "$quiet_load" --argjson quiet_wait "$quiet_wait" --argjson catalog "$catalog" \
    --argjson vacuum "$pg_vacuum" --argjson rules "$(bench_rules_json)" --arg mix "$bench_events_mix" \
    --arg teams "$teams" --argjson quests "$quests" --argjson team_boards "$team_boards" \
    "$bench_jq_summary"'
    def summary(route):
      [.[] | select(.route == route and .phase != "warmup")] as $runs
      | ($runs | summary) as $summary
      | ($runs | map(.duration_us) | add) as $us
      | if $summary == null then null else
        {path: {validate: "/v1/events/validate", events: "/v1/events"}[route]} + $summary
        + {writer_cpu_pct_of_a_core: (($runs | map(.writer_cpu_s) | add) * 1e8 / $us | r1),
           events_per_commit: (($runs | map(.commits) | add) as $c | if $c > 0 then (($runs | map(.committed_events) | add) / $c | r1) else null end)} end;
    summary("validate") as $validate | summary("events") as $events
    | $info + {store: $store, database: $database,
       settings: {connections: $connections, wrk_threads: $threads, keep_alive: true, duration_s: $duration,
                  warmup_s: $warmup, rounds: $rounds, users: $users, rules: $rules, events: $mix,
                  teams: (if $teams == "" then null else ($teams | tonumber) end),
                  team_boards: (if $teams == "" or $teams == "0" then 0 else $team_boards end),
                  quests: (if $teams == "" then 0 else $quests end),
                  order: "validate, events in odd rounds, the reverse in even rounds",
                  percentiles: "mean over the measured runs of each run'"'"'s percentile",
                  quiet_load: $quiet_load, quiet_wait_s: $quiet_wait,
                  vacuum_analyze_before_measured_runs: $vacuum},
       validate: $validate, events: $events,
       ratio: ($events.rps / $validate.rps | . * 1000 | round / 1000),
       achievement_completions: ($catalog.items | map({key: .key, value: .completions}) | from_entries),
       runs: .}' "$runs" >"$output"
  echo "bench: wrote ${output#"$bench_root"/}" >&2
  outputs+=("$output")
  failures=$((failures + $(jq '[.validate, .events | .non_2xx + .socket_errors] | add' "$output")))
}

outputs=()
for store in "${stores[@]}"; do
  run_store "$store"
done

# --- results -------------------------------------------------------------------------------------
jq -rs '
  def ms: . / 1000;
  "",
  "POST /v1/events against POST /v1/events/validate: \(.[0].settings.connections) connections, keep-alive, \(.[0].settings.wrk_threads) wrk threads, \(.[0].settings.rounds) x \(.[0].settings.duration_s) s per route, \(.[0].settings.users) users",
  "",
  "| store | route | req/s | p50 (ms) | p90 (ms) | p99 (ms) | non-2xx | socket errors | server CPU per request (us) | PostgreSQL CPU per request (us) | RSS (MiB) | events per commit | writer threads CPU (% of a core) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.[] | .store as $store | (.validate, .events) |
    "| \($store) | `POST \(.path)` | \(.rps | floor) | \(.p50_us | ms) | \(.p90_us | ms) | \(.p99_us | ms) | \(.non_2xx) | \(.socket_errors) | \(.server_cpu_us_per_request) | \(if $store == "postgresql" then .db_cpu_us_per_request else "-" end) | \(.rss_mib_max) | \(.events_per_commit // "-") | \(if .events_per_commit then .writer_cpu_pct_of_a_core else "-" end) |"),
  "",
  (.[] | "\(.store): events / validate = \(.ratio)\(if (.validate.under_load or .events.under_load) then " (some runs started under load)" else "" end)")' "${outputs[@]}"

[ "$failures" = 0 ] || bench_die "$failures request(s) failed; the figures are not valid"
