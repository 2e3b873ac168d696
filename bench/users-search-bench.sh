#!/usr/bin/env bash
# GET /v1/users at 1,000,000 users: searches (id prefix, email prefix) and sorted pages (balance,
# last activity, creation; the first page and one deep in the list) against the baseline of one
# profile by its id (GET /v1/users/{id}), same server, same run.
#
#   bench/users-search-bench.sh
#   BENCH_STORE=both BENCH_USERS=100000 BENCH_DURATION=10 bench/users-search-bench.sh
#
# For each store: starts Ludus (server/target/ludus.jar, built when missing or stale) on a fresh store
# (SQLite in a new data directory, or a new PostgreSQL schema, dropped at the end), creates an
# application, mints a users:read token, defines the metric steps and the points system xp, stops
# the server and loads BENCH_USERS users straight into the store (bench/users/load-<store>.sql:
# profiles, a plan attribute, an xp balance each). Starts the server again, checks a few answers,
# prints the query plans, then warms up and drives each query with wrk (keep-alive connections):
#
#   user        GET /v1/users/user_<random>                          the baseline
#   id_prefix   GET /v1/users?id_prefix=user_<random>&limit=50       1 to 11 matches
#   q           GET /v1/users?q=user<random>%40&limit=50             an email prefix, one match
#   q_short     GET /v1/users?q=user<100..999>&limit=50              1,111 matches, sorted for the page
#   attribute   GET /v1/users?attribute=plan:pro&limit=50            a third of the users
#   balance     GET /v1/users?sort=balance:xp&limit=50               the first page
#   balance_deep  the same from a cursor half-way down the list
#   active      GET /v1/users?sort=last_active_at&limit=50
#   active_deep   the same from a cursor half-way down
#   created     GET /v1/users?limit=50                               sort=created_at, the default
#
# Before each measured run it waits until the 1-minute load average is below BENCH_QUIET_LOAD.
# Writes bench/results/users-search-<store>-<users>.json and prints a table; fails when a request
# answered 4xx/5xx or hit a socket error.
#
# Settings (environment):
#   BENCH_STORE        sqlite, postgresql or both (default sqlite)
#   BENCH_USERS        users (default 1000000)
#   BENCH_DURATION     seconds per measured run (default 15)
#   BENCH_WARMUP       seconds of warm-up per query (default 5)
#   BENCH_CONNECTIONS  keep-alive connections (default 8)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_QUIET_LOAD, BENCH_QUIET_WAIT, BENCH_PG_*, BENCH_SERVER_JAR, BENCH_COMMIT, LUDUS_JAVA_OPTS
#                      as for bench/leaderboard-bench.sh
#
# Needs wrk, curl, jq and sqlite3 (apt-get install -y wrk curl jq sqlite3), psql for PostgreSQL.
# wrk and the server share the machine's CPUs: the figures are ratios in one run, not a capacity.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

users=${BENCH_USERS:-1000000}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-5}
connections=${BENCH_CONNECTIONS:-8}
threads=${BENCH_THREADS:-2}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
bench_require_counts users duration warmup connections threads
[ "$users" -ge 1000 ] || bench_die "BENCH_USERS must be at least 1000, was $users"
bench_stores "${BENCH_STORE:-sqlite}"
bench_quiet_settings
bench_pg_settings
bench_require_tools wrk curl jq sqlite3
jar=$(bench_server_jar) || exit 1
commit=$(bench_commit)
case "$users" in
  *000000) label="$((users / 1000000))m" ;;
  *000) label="$((users / 1000))k" ;;
  *) label="$users" ;;
esac
bench_workspace users-search
cat "$bench_root/bench/users-search.lua" <(bench_wrk_report) >"$work/users.lua"
bench_wrk_report >"$work/report.lua"
queries=(user id_prefix q q_short attribute balance balance_deep active active_deep created)

# cursor <sort> <value> <user id>: the cursor GET /v1/users gives out after that row.
cursor() {
  printf '%s %s %s' "$1" "$2" "$3" | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# sql <query>: runs a query on the store of this run; prints the rows, fields separated by |.
sql() {
  if [ "$store" = sqlite ]; then
    sqlite3 "$work/$store/data/ludus.db" "$1"
  else
    bench_psql -At -c "SET search_path = $pg_schema" -c "$1"
  fi
}

# run <query> <phase> <seconds>: one wrk run; appends its JSON line to the runs file.
run() {
  local query="$1" phase="$2" seconds="$3" result="$work/run.json" path
  [ "$phase" = measured ] && bench_wait_for_quiet
  case "$query" in
    user | id_prefix | q | q_short)
      bench_wrk "$result" "$seconds" -t "$threads" -c "$connections" -H "Authorization: Bearer $token" \
        -s "$work/users.lua" "$bench_base/" -- "$users" "$query" ;;
    *)
      path=${paths[$query]}
      bench_wrk "$result" "$seconds" -t "$threads" -c "$connections" -H "Authorization: Bearer $token" \
        -s "$work/report.lua" "$bench_base$path" ;;
  esac
  jq -c --arg store "$store" --arg query "$query" --arg phase "$phase" \
    '{store: $store, query: $query, phase: $phase} + .' "$result" >>"$runs"
  jq -r '"bench: \(.phase) \(.store) \(.query): \(.rps * 10 | floor / 10) req/s, p50 \(.p50_us) us, p99 \(.p99_us) us, errors \(.errors)"' \
    <<<"$(tail -n 1 "$runs")" >&2
  bench_warn_if_disturbed "$phase" "$(tail -n 1 "$runs")"
  if jq -e '.errors | .status + .connect + .read + .write + .timeout > 0' <<<"$(tail -n 1 "$runs")" >/dev/null; then
    bench_fail "$phase of $store $query had errors: $(jq -c .errors <<<"$(tail -n 1 "$runs")")"
  fi
}

runs="$work/runs.jsonl"
: >"$runs"
plans="$work/plans.jsonl"
: >"$plans"
loads="$work/loads.jsonl"
: >"$loads"
declare -A paths

for store in "${stores[@]}"; do
  echo "bench: === $store, $users users" >&2
  bench_store "$store" bench_users "$work"
  bench_start_server "$jar" "$work/$store" "${bench_store_env[@]}"
  bench_create_application
  token=$(bench_token "$jar" --sub bench_reader --scope users:read --ttl 36000) || bench_fail "ludus token failed"
  admin=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000) || bench_fail "ludus token failed"
  status=$(bench_request PUT /v1/metrics/steps "$admin" '{"name":"Steps"}')
  [[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT /v1/metrics/steps answered $status: $(cat "$work/answer.json")"
  status=$(bench_request PUT /v1/points/xp "$admin" '{"name":"XP","triggers":[{"type":"metric","metric":"steps","points":1}]}')
  [[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT /v1/points/xp answered $status: $(cat "$work/answer.json")"
  bench_stop_server

  echo "bench: loading $users users ..." >&2
  now_ms=$(date +%s%3N)
  load_started=$(date +%s%3N)
  if [ "$store" = sqlite ]; then
    sed -e "s/@USERS@/$users/g" -e "s/@APP@/$bench_app_id/g" -e "s/@NOW@/$now_ms/g" \
      "$bench_root/bench/users/load-sqlite.sql" | sqlite3 "$work/$store/data/ludus.db" >/dev/null \
      || bench_fail "loading the data failed"
  else
    bench_psql -v app="$bench_app_id" -v users="$users" -v now_ms="$now_ms" -c "SET search_path = $pg_schema" \
      -f "$bench_root/bench/users/load-postgresql.sql" >/dev/null || bench_fail "loading the data failed"
  fi
  load_s=$(jq -n "($(date +%s%3N) - $load_started) / 1000")
  jq -nc --arg store "$store" --argjson seconds "$load_s" --arg database "$bench_database" \
    '{store: $store, load_s: $seconds, database: $database}' >>"$loads"
  echo "bench: loaded in $load_s s" >&2

  # cursors half-way down the balance and last-activity lists
  IFS='|' read -r balance_mid balance_id < <(sql "SELECT balance, user_id FROM user_points
    WHERE application_id = '$bench_app_id' AND system_key = 'xp' ORDER BY balance DESC, user_id DESC
    LIMIT 1 OFFSET $((users / 2))")
  IFS='|' read -r active_mid active_id < <(sql "SELECT last_active_at, user_id FROM users
    WHERE application_id = '$bench_app_id' ORDER BY last_active_at DESC, user_id DESC LIMIT 1 OFFSET $((users / 2))")
  paths=([attribute]="/v1/users?attribute=plan:pro&limit=50" [balance]="/v1/users?sort=balance:xp&limit=50"
    [balance_deep]="/v1/users?sort=balance:xp&limit=50&cursor=$(cursor balance:xp "$balance_mid" "$balance_id")"
    [active]="/v1/users?sort=last_active_at&limit=50"
    [active_deep]="/v1/users?sort=last_active_at&limit=50&cursor=$(cursor last_active_at "$active_mid" "$active_id")"
    [created]="/v1/users?limit=50")

  bench_start_server "$jar" "$work/$store" "${bench_store_env[@]}"
  # the answers are what the store says
  status=$(bench_request GET "/v1/users?sort=balance:xp&limit=50" "$token")
  [ "$status" = 200 ] || bench_fail "sort=balance:xp answered $status: $(head -c 400 "$work/answer.json")"
  top=$(sql "SELECT user_id FROM user_points WHERE application_id = '$bench_app_id' AND system_key = 'xp'
    ORDER BY balance DESC, user_id DESC LIMIT 1")
  jq -e --arg top "$top" '(.items | length) == 50 and .items[0].id == $top and .next_cursor != null' \
    "$work/answer.json" >/dev/null || bench_fail "the top of sort=balance:xp is not $top: $(head -c 400 "$work/answer.json")"
  status=$(bench_request GET "/v1/users?id_prefix=user_12345&limit=50" "$token")
  jq -e '(.items | map(.id) | sort) == ["user_12345", "user_123450", "user_123451", "user_123452", "user_123453",
    "user_123454", "user_123455", "user_123456", "user_123457", "user_123458", "user_123459"]' "$work/answer.json" \
    >/dev/null || [ "$users" -lt 123459 ] || bench_fail "id_prefix=user_12345 answered $status: $(head -c 400 "$work/answer.json")"

  if [ "$store" = sqlite ]; then
    explain="EXPLAIN QUERY PLAN"
  else
    explain="EXPLAIN (COSTS OFF)"
  fi
  for plan in \
    "id_prefix|SELECT u.* FROM users u WHERE u.application_id = '$bench_app_id' AND u.user_id$([ "$store" = postgresql ] && echo ' COLLATE "C"') >= 'user_1' AND u.user_id$([ "$store" = postgresql ] && echo ' COLLATE "C"') < 'user_2' ORDER BY u.created_at DESC, u.user_id DESC LIMIT 51" \
    "balance|SELECT u.*, p.balance FROM user_points p JOIN users u ON u.application_id = p.application_id AND u.user_id = p.user_id WHERE p.application_id = '$bench_app_id' AND p.system_key = 'xp' AND p.balance <= 5000 AND (p.balance < 5000 OR p.user_id < 'user_9') ORDER BY p.balance DESC, p.user_id DESC LIMIT 51" \
    "active|SELECT u.* FROM users u WHERE u.application_id = '$bench_app_id' ORDER BY u.last_active_at DESC, u.user_id DESC LIMIT 51"; do
    sql "$explain ${plan#*|}" | jq -Rs --arg store "$store" --arg query "${plan%%|*}" \
      '{store: $store, query: $query, plan: (split("\n") | map(select(length > 0)))}' >>"$plans"
  done

  echo "bench: warming up, ${warmup} s per query" >&2
  for query in "${queries[@]}"; do
    run "$query" warmup "$warmup"
  done
  echo "bench: measuring ${duration} s per query, $connections connections, $threads wrk threads" >&2
  for query in "${queries[@]}"; do
    run "$query" measured "$duration"
  done
  bench_stop_server
  bench_drop_schema
  pg_schema=""
done

output="$output_dir/users-search-${BENCH_STORE:-sqlite}-$label.json"
mkdir -p "$output_dir"
jq -s --argjson info "$(bench_run_info_json "$jar")" --arg commit "$commit" --argjson users "$users" \
  --argjson duration "$duration" --argjson warmup "$warmup" --argjson connections "$connections" \
  --argjson threads "$threads" --slurpfile plans "$plans" --slurpfile loads "$loads" '
  def r1: . * 10 | round / 10;
  . as $runs
  | {commit: $commit, run: $info,
     settings: {users: $users, connections: $connections, threads: $threads, keep_alive: true,
                duration_s: $duration, warmup_s: $warmup,
                data: "bench/users/load-<store>.sql: user_1 .. user_N, created within a year, active within 30 days, plan free/pro/team, xp 0 .. 99,999"},
     loads: $loads, plans: $plans,
     results: ($runs | map(select(.phase == "measured")) | map({store, query, rps: (.rps | r1), p50_us, p90_us,
       p99_us, max_us, server_cpu_us_per_request: (.server_cpu_s * 1e6 / .requests | r1), cpu_pct})),
     runs: $runs}' "$runs" >"$output"
echo "bench: wrote ${output#"$bench_root"/}" >&2

jq -r '
  def ms: . / 1000;
  "",
  "GET /v1/users at \(.settings.users) users: \(.settings.connections) connections, \(.settings.threads) wrk threads, \(.settings.duration_s) s per query after \(.settings.warmup_s) s of warm-up",
  "",
  "| store | query | req/s | p50 (ms) | p90 (ms) | p99 (ms) | p99 / baseline p99 | server CPU per request (us) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.results | group_by(.store)[] | (map(select(.query == "user"))[0].p99_us) as $base | .[]
    | "| \(.store) | \(.query) | \(.rps) | \(.p50_us | ms) | \(.p90_us | ms) | \(.p99_us | ms) | \(.p99_us / $base * 10 | round / 10) | \(.server_cpu_us_per_request) |"),
  "",
  (.loads[] | "\(.store): loaded in \(.load_s) s; \(.database)")' "$output"
