#!/usr/bin/env bash
# The console's pages at scale: every page that reads data, timed on the server with many sequential
# requests each, on a store of BENCH_USERS users (1,000,000) and BENCH_EVENTS events (10,000,000) in
# one application, against two baselines in the same run: GET /health/live and the sign-in page.
# The goal (the console issue): every page under 50 ms at p99.
#
#   bench/console-bench.sh
#   BENCH_STORE=both BENCH_USERS=100000 BENCH_EVENTS=1000000 BENCH_DURATION=5 bench/console-bench.sh
#
# For each store: starts Ludus (server/target/ludus.jar, built when missing or stale) with -Xmx256m
# (BENCH_HEAP) on a fresh store (SQLite in a new data directory, or a new PostgreSQL schema, dropped
# at the end), creates an application, defines the rule set of bench/events-rules.json, two
# leaderboards (xp_all: the points of xp, all time; steps_weekly: the metric steps, weekly, UTC) and
# a webhook endpoint (to a closed port; no delivery is left pending), and stops the server. Then
# loads the data straight into the store (bench/console/load-<store>.sql, see there): the events,
# what the rules make of them (totals, balances, achievements, the xp history, the boards' scores),
# 100,000 webhook messages with their deliveries and attempts, usage counters by hour over the 90
# days, 20,000 audit entries. Starts the server again, signs in to the console with the operator key
# (the sign-in form with its CSRF token, then the session cookie), checks that every page answers
# 200, and drives each with wrk on one keep-alive connection (one request after another): BENCH_WARMUP
# seconds of warm-up, then BENCH_DURATION seconds measured, in BENCH_ROUNDS rounds (the pages in the
# same order each round). The pages:
#
#   live, sign_in           GET /health/live, GET /console/sign-in                    the baselines
#   home                    GET /console                                             the applications
#   dashboard_24h .. _90d   GET /console/apps/{app}/dashboard?range=...
#   users                   GET .../users                                            the first page (newest)
#   users_search_email      GET .../users?q=user4242                                 an email prefix
#   users_search_id         GET .../users?id_prefix=user_77                          an id prefix
#   users_balance           GET .../users?sort=balance:xp
#   users_page_5            GET .../users?cursor=...                                 the fifth page (its link)
#   user_long               GET .../users/user_1                                     ~110,000 events
#   user_typical            GET .../users/user_500000                                a handful
#   user_points_history     GET .../users/user_1/points/xp
#   rules, rules_achievements, rules_points, rules_leaderboards, rules_achievement, rules_file
#   leaderboards            GET .../leaderboards
#   board_top, board_around, board_page_40   xp_all: the top, user_500000's neighbourhood, the 40th page
#   weekly_top, weekly_past steps_weekly: this week, and four weeks ago
#   webhooks, endpoint, endpoint_page_100    the list, the endpoint's delivery log, its 100th page
#   audit, audit_server     the application's audit log, the server's
#   live_page, settings     GET .../live (the page; its stream is not timed), GET .../settings
#
# Before each measured run it waits until the 1-minute load average is below BENCH_QUIET_LOAD.
# Writes bench/results/console/console-<store>-<label>.json (every run, the summary per page: p50,
# p99 and max over the rounds, the ratio to the sign-in page) and prints a table; fails when a page
# answered anything but 200 or a request failed.
#
# Settings (environment):
#   BENCH_STORE        sqlite, postgresql or both (default sqlite)
#   BENCH_USERS        users (default 1000000)
#   BENCH_EVENTS       events (default 10000000)
#   BENCH_DURATION     seconds per measured run (default 8)
#   BENCH_WARMUP       seconds of warm-up per page and round (default 2)
#   BENCH_ROUNDS       rounds (default 2)
#   BENCH_PAGES        only these pages (space-separated names from the list above; default all)
#   BENCH_HEAP         the server's -Xmx (default 256m; empty for the JVM's default)
#   BENCH_LABEL        the name of the result file's last part (default from the sizes, e.g. 1m-10m)
#   BENCH_KEEP         a directory: keep the loaded store there (SQLite) or name it there (PostgreSQL:
#                      the schema, in the file schema, is not dropped) and reuse it when it is there
#                      (the setup and the load are skipped); one store at a time
#   BENCH_QUIET_LOAD, BENCH_QUIET_WAIT, BENCH_PG_*, BENCH_SERVER_JAR, BENCH_COMMIT, LUDUS_JAVA_OPTS
#                      as for bench/leaderboard-bench.sh
#
# Needs wrk, curl, jq and sqlite3 (apt-get install -y wrk curl jq sqlite3), psql for PostgreSQL.
# wrk and the server share the machine's CPUs; one connection keeps them from competing much.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

users=${BENCH_USERS:-1000000}
events=${BENCH_EVENTS:-10000000}
duration=${BENCH_DURATION:-8}
warmup=${BENCH_WARMUP:-2}
rounds=${BENCH_ROUNDS:-2}
heap=${BENCH_HEAP-256m}
messages=100000
audit=20000
keep=${BENCH_KEEP:-}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results/console}
bench_require_counts users events duration warmup rounds
[ "$users" -ge 1000 ] || bench_die "BENCH_USERS must be at least 1000, was $users"
[ "$events" -ge "$users" ] || bench_die "BENCH_EVENTS must be at least BENCH_USERS"
bench_stores "${BENCH_STORE:-sqlite}"
[ -z "$keep" ] || [ "${BENCH_STORE:-sqlite}" != both ] || bench_die "BENCH_KEEP works with one store at a time"
bench_quiet_settings
bench_pg_settings
bench_require_tools wrk curl jq sqlite3
jar=$(bench_server_jar) || exit 1
commit=$(bench_commit)
bench_java_opts="${heap:+-Xmx$heap}${heap:+${LUDUS_JAVA_OPTS:+ }}${LUDUS_JAVA_OPTS:-}"
size() {
  case "$1" in
    *000000) echo "$(($1 / 1000000))m" ;;
    *000) echo "$(($1 / 1000))k" ;;
    *) echo "$1" ;;
  esac
}
label=${BENCH_LABEL:-$(size "$users")-$(size "$events")}
bench_workspace console
bench_wrk_report >"$work/report.lua"
all_pages=(live sign_in home dashboard_24h dashboard_7d dashboard_30d dashboard_90d users users_search_email
  users_search_id users_balance users_page_5 user_long user_typical user_points_history rules rules_achievements
  rules_points rules_leaderboards rules_achievement rules_file leaderboards board_top board_around board_page_40
  weekly_top weekly_past webhooks endpoint endpoint_page_100 audit audit_server live_page settings)
read -r -a pages <<<"${BENCH_PAGES:-${all_pages[*]}}"
for page in "${pages[@]}"; do
  [[ " ${all_pages[*]} " == *" $page "* ]] || bench_die "BENCH_PAGES names no page '$page'"
done
[[ " ${pages[*]} " == *" sign_in "* ]] || pages=(sign_in "${pages[@]}")

# sql <query>: runs a query on the store of this run; prints the rows, fields separated by |.
sql() {
  if [ "$store" = sqlite ]; then
    sqlite3 "$data_dir/data/ludus.db" "$1"
  else
    bench_psql -At -c "SET search_path = $pg_schema" -c "$1"
  fi
}

# admin_put <path> <JSON body>: PUT with the admin token; fails unless 200 or 201.
admin_put() {
  local status
  status=$(bench_request PUT "$1" "$admin" "$2")
  [[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT $1 answered $status: $(cat "$work/answer.json")"
}

# setup: the application, its rules, boards and webhook endpoint on a fresh server; sets admin,
# endpoint_id and the ids the loader needs.
setup() {
  local rule status
  bench_start_server "$jar" "$data_dir" "${bench_store_env[@]}" LUDUS_WEBHOOK_ALLOW_PRIVATE=true
  bench_create_application
  admin=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000) || bench_fail "ludus token failed"
  while IFS= read -r rule; do
    admin_put "$(jq -r .path <<<"$rule")" "$(jq -c .body <<<"$rule")"
  done < <(jq -c '.rules[]' "$bench_root/bench/events-rules.json")
  admin_put /v1/leaderboards/xp_all '{"name":"Experience, all time","rank_by":{"type":"points","system":"xp"}}'
  admin_put /v1/leaderboards/steps_weekly \
    '{"name":"Steps this week","rank_by":{"type":"metric","metric":"steps"},"period":"weekly","timezone":"UTC"}'
  status=$(bench_request POST /v1/webhooks "$admin" \
    '{"url":"http://127.0.0.1:9/hook","description":"bench","event_types":["achievement.unlocked","points.changed"]}')
  [ "$status" = 201 ] || bench_fail "POST /v1/webhooks answered $status: $(cat "$work/answer.json")"
  endpoint_id=$(jq -er .id "$work/answer.json") || bench_fail "no endpoint id in $(cat "$work/answer.json")"
  bench_stop_server
}

# load: the data, straight into the store; appends the time it took to the loads file.
load() {
  local now_ms started load_s
  echo "bench: loading $users users and $events events ..." >&2
  now_ms=$(date +%s%3N)
  started=$(date +%s%3N)
  if [ "$store" = sqlite ]; then
    sed -e "s/@USERS@/$users/g" -e "s/@EVENTS@/$events/g" -e "s/@APP@/$bench_app_id/g" -e "s/@NOW@/$now_ms/g" \
      -e "s/@TENANT@/$bench_tenant_id/g" -e "s/@ENDPOINT@/$endpoint_id/g" -e "s/@MESSAGES@/$messages/g" \
      -e "s/@AUDIT@/$audit/g" "$bench_root/bench/console/load-sqlite.sql" | sqlite3 "$data_dir/data/ludus.db" >/dev/null \
      || bench_fail "loading the data failed"
  else
    bench_psql -v app="$bench_app_id" -v tenant="$bench_tenant_id" -v endpoint="$endpoint_id" -v users="$users" \
      -v events="$events" -v messages="$messages" -v audit="$audit" -v now_ms="$now_ms" \
      -c "SET search_path = $pg_schema" -f "$bench_root/bench/console/load-postgresql.sql" >/dev/null \
      || bench_fail "loading the data failed"
  fi
  load_s=$(jq -n "($(date +%s%3N) - $started) / 1000")
  jq -nc --arg store "$store" --argjson seconds "$load_s" --arg database "$bench_database" \
    --argjson bytes "$([ "$store" = sqlite ] && stat -c %s "$data_dir/data/ludus.db" || bench_psql -Atc \
      "SELECT COALESCE(SUM(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0) FROM pg_tables WHERE schemaname = '$pg_schema'")" \
    '{store: $store, load_s: $seconds, store_bytes: $bytes, database: $database}' >>"$loads"
  echo "bench: loaded in $load_s s" >&2
  # what a later run with the same BENCH_KEEP reuses
  if [ -n "$keep" ]; then
    mkdir -p "$keep"
    printf '%s %s %s %s\n' "$bench_tenant_id" "$bench_app_id" "$bench_api_secret" "$endpoint_id" >"$keep/ids"
    if [ "$store" = postgresql ]; then
      echo "$pg_schema" >"$keep/schema"
      bench_drop_schema() { pg_schema=""; }
    fi
  fi
}

# sign_in: signs in to the console with the operator key as a browser does; sets cookie.
sign_in() {
  local jar="$work/cookies" csrf status session
  rm -f "$jar"
  curl -s -c "$jar" -b "$jar" -o "$work/sign-in.html" "$bench_base/console/sign-in"
  csrf=$(sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' "$work/sign-in.html" | head -n 1)
  [ -n "$csrf" ] || csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/sign-in.html" | head -n 1)
  [ -n "$csrf" ] || bench_fail "no CSRF token on the sign-in page"
  status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode "_csrf=$csrf" --data-urlencode "operator_key=$bench_admin_key" "$bench_base/console/sign-in")
  [ "$status" = 303 ] || bench_fail "signing in with the operator key answered $status"
  session=$(awk '$6 == "ludus_session" {print $7}' "$jar")
  [ -n "$session" ] || bench_fail "no session cookie after signing in"
  cookie="ludus_session=$session"
}

# fetch <path>: GET with the session; prints the status; the page is in $work/page.html. A board's
# ranking index is loaded from the store on its first read (the page says it is unavailable until
# then): waits for it, at most two minutes.
fetch() {
  local status
  for _ in $(seq 1 120); do
    status=$(curl -s -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$bench_base$1" || true)
    grep -q 'id="ranking-unavailable"' "$work/page.html" || break
    sleep 1
  done
  echo "$status"
}

# next_link <path> <times>: follows the page's "next" link (rel="next", or the link of a "Next"
# button) that many times; prints the path reached.
next_link() {
  local path="$1" times="$2" link
  for _ in $(seq 1 "$times"); do
    [ "$(fetch "$path")" = 200 ] || bench_fail "GET $path answered $(head -c 300 "$work/page.html")"
    link=$(grep -o 'href="[^"]*cursor=[^"]*"' "$work/page.html" | tail -n 1 | sed -e 's/^href="//' -e 's/"$//' \
      -e 's/&amp;/\&/g')
    [ -n "$link" ] || bench_fail "no next link on $path"
    path=$link
  done
  echo "$path"
}

# paths: the path of each page on this store.
declare -A paths
resolve_paths() {
  local app="/console/apps/$bench_app_id" week
  week=$(sql "SELECT MIN(period) FROM (SELECT DISTINCT period FROM leaderboard_scores WHERE application_id = '$bench_app_id'
    AND leaderboard = 'steps_weekly' ORDER BY period DESC LIMIT 5) AS recent")
  paths=([live]=/health/live [sign_in]=/console/sign-in [home]=/console
    [dashboard_24h]="$app/dashboard?range=24h" [dashboard_7d]="$app/dashboard?range=7d"
    [dashboard_30d]="$app/dashboard?range=30d" [dashboard_90d]="$app/dashboard?range=90d"
    [users]="$app/users" [users_search_email]="$app/users?q=user4242" [users_search_id]="$app/users?id_prefix=user_77"
    [users_balance]="$app/users?sort=balance%3Axp"
    [user_long]="$app/users/user_1" [user_typical]="$app/users/user_$((users / 2))"
    [user_points_history]="$app/users/user_1/points/xp"
    [rules]="$app/rules" [rules_achievements]="$app/rules/achievements" [rules_points]="$app/rules/points"
    [rules_leaderboards]="$app/rules/leaderboards" [rules_achievement]="$app/rules/achievements/keys/marathon"
    [rules_file]="$app/rules-file" [leaderboards]="$app/leaderboards"
    [board_top]="$app/leaderboards/xp_all" [board_around]="$app/leaderboards/xp_all?around=user_$((users / 2))"
    [weekly_top]="$app/leaderboards/steps_weekly" [weekly_past]="$app/leaderboards/steps_weekly?period=$week"
    [webhooks]="$app/webhooks" [endpoint]="$app/webhooks/$endpoint_id" [audit]="$app/audit"
    [audit_server]=/console/audit [live_page]="$app/live" [settings]="$app/settings")
  [[ " ${pages[*]} " == *" users_page_5 "* ]] && paths[users_page_5]=$(next_link "$app/users" 4)
  [[ " ${pages[*]} " == *" board_page_40 "* ]] && paths[board_page_40]=$(next_link "$app/leaderboards/xp_all" 39)
  [[ " ${pages[*]} " == *" endpoint_page_100 "* ]] && paths[endpoint_page_100]=$(next_link "$app/webhooks/$endpoint_id" 99)
  return 0
}

# check_pages: every page answers 200 (and the pages about a user name them); records the sizes.
check_pages() {
  local page status
  for page in "${pages[@]}"; do
    status=$(fetch "${paths[$page]}")
    [ "$status" = 200 ] || bench_fail "GET ${paths[$page]} ($page) answered $status: $(head -c 400 "$work/page.html")"
    case "$page" in
      user_long | user_points_history) grep -q 'user_1' "$work/page.html" || bench_fail "$page does not name user_1" ;;
      board_around) grep -q "user_$((users / 2))" "$work/page.html" || bench_fail "$page does not show user_$((users / 2))" ;;
    esac
    jq -nc --arg store "$store" --arg page "$page" --arg path "${paths[$page]}" --argjson bytes "$(stat -c %s "$work/page.html")" \
      '{store: $store, page: $page, path: $path, bytes: $bytes}' >>"$checked"
  done
}

# run <page> <phase> <round> <seconds>: one wrk run on one connection; appends its JSON line.
run() {
  local page="$1" phase="$2" round="$3" seconds="$4" result="$work/run.json" line
  [ "$phase" = measured ] && bench_wait_for_quiet
  bench_wrk "$result" "$seconds" -t 1 -c 1 -H "Cookie: $cookie" -s "$work/report.lua" "$bench_base${paths[$page]}"
  line=$(jq -c --arg store "$store" --arg page "$page" --arg phase "$phase" --argjson round "$round" \
    --argjson under_load "${under_load:-false}" \
    '{store: $store, page: $page, phase: $phase, round: $round, under_load: $under_load} + .' "$result")
  echo "$line" >>"$runs"
  jq -r '"bench: \(.phase) \(.round) \(.store) \(.page): \(.requests) requests, p50 \(.p50_us / 1000) ms, p99 \(.p99_us / 1000) ms, max \(.max_us / 1000) ms"' \
    <<<"$line" >&2
  bench_warn_if_disturbed "$phase" "$line"
  if jq -e '.errors | .status + .connect + .read + .write + .timeout > 0' <<<"$line" >/dev/null; then
    bench_fail "$phase of $store $page had errors: $(jq -c .errors <<<"$line")"
  fi
}

runs="$work/runs.jsonl"
loads="$work/loads.jsonl"
checked="$work/checked.jsonl"
: >"$runs"
: >"$loads"
: >"$checked"

for store in "${stores[@]}"; do
  echo "bench: === $store, $users users, $events events" >&2
  data_dir="$work/$store"
  [ -n "$keep" ] && data_dir="$keep"
  if [ -n "$keep" ] && [ -f "$keep/ids" ]; then
    read -r bench_tenant_id bench_app_id bench_api_secret endpoint_id <"$keep/ids"
    if [ "$store" = postgresql ]; then
      # the kept schema, named in $keep/schema; never dropped
      pg_schema=$(cat "$keep/schema")
      bench_store_env=("LUDUS_DB_URL=jdbc:postgresql://$pg_host:$pg_port/$pg_database?user=$pg_user&currentSchema=$pg_schema")
      bench_drop_schema() { pg_schema=""; }
      bench_count_postgres=true
      bench_database="PostgreSQL $(bench_psql -Atc 'SHOW server_version') at $pg_host:$pg_port/$pg_database, kept schema"
    else
      bench_store "$store" bench_console "$work"
    fi
    echo "bench: reusing the store in $keep" >&2
  else
    bench_store "$store" bench_console "$work"
    setup
    load
  fi
  bench_start_server "$jar" "$data_dir" "${bench_store_env[@]}" LUDUS_WEBHOOK_ALLOW_PRIVATE=true
  sign_in
  resolve_paths
  check_pages
  for round in $(seq 1 "$rounds"); do
    echo "bench: round $round of $rounds: ${warmup} s of warm-up, then ${duration} s per page" >&2
    for page in "${pages[@]}"; do
      run "$page" warmup "$round" "$warmup"
      run "$page" measured "$round" "$duration"
    done
  done
  grep -E 'OutOfMemoryError| ERROR | WARN ' "$bench_server_log" | head -n 20 >&2 || true
  bench_stop_server
  bench_drop_schema
  pg_schema=""
done

output="$output_dir/console-${BENCH_STORE:-sqlite}-$label.json"
mkdir -p "$output_dir"
jq -s --argjson info "$(bench_run_info_json "$jar")" --arg commit "$commit" --argjson users "$users" \
  --argjson events "$events" --argjson duration "$duration" --argjson warmup "$warmup" --argjson rounds "$rounds" \
  --arg heap "$heap" --slurpfile loads "$loads" --slurpfile checked "$checked" '
  def r2: . * 100 | round / 100;
  . as $runs
  | ($runs | map(select(.phase == "measured"))) as $measured
  | {commit: $commit, run: $info,
     settings: {users: $users, events: $events, connections: 1, keep_alive: true, duration_s: $duration,
                warmup_s: $warmup, rounds: $rounds, heap: $heap,
                data: "bench/console/load-<store>.sql; the rules of bench/events-rules.json, boards xp_all and steps_weekly, one webhook endpoint"},
     loads: $loads, pages: $checked,
     results: [$measured | group_by(.store)[] | . as $store_runs
       | ($store_runs | map(select(.page == "sign_in")) | map(.p99_us) | max) as $base
       | $store_runs | group_by(.page)[]
       | {store: .[0].store, page: .[0].page, requests: (map(.requests) | add),
          p50_ms: (map(.p50_us) | max / 1000 | r2), p99_ms: (map(.p99_us) | max / 1000 | r2),
          max_ms: (map(.max_us) | max / 1000 | r2),
          p99_over_sign_in: (map(.p99_us) | max / $base | r2),
          server_cpu_ms_per_request: ((map(.server_cpu_s) | add) * 1000 / (map(.requests) | add) | r2),
          other_cpu_pct_max: (map(.cpu_pct.other // 0) | max), under_load: any(.[]; .under_load)}],
     runs: $runs}' "$runs" | jq '.results |= sort_by(.store)' >"$output"
echo "bench: wrote ${output#"$bench_root"/}" >&2

jq -r --argjson order "$(printf '%s\n' "${all_pages[@]}" | jq -R . | jq -s .)" '
  "",
  "Console pages at \(.settings.users) users and \(.settings.events) events: one connection, \(.settings.rounds) rounds of \(.settings.duration_s) s per page after \(.settings.warmup_s) s of warm-up (p50 and p99: the worst round)",
  "",
  "| store | page | requests | p50 (ms) | p99 (ms) | max (ms) | p99 / sign-in p99 | server CPU per request (ms) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.results | sort_by(.store, (.page as $p | $order | index($p)))[]
    | "| \(.store) | \(.page) | \(.requests) | \(.p50_ms) | \(.p99_ms) | \(.max_ms) | \(.p99_over_sign_in) | \(.server_cpu_ms_per_request) |"),
  "",
  (.loads[] | "\(.store): loaded in \(.load_s) s, \(.store_bytes / 1048576 | floor) MiB; \(.database)")' "$output"
