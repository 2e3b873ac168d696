#!/usr/bin/env bash
# Rank lookup on a leaderboard of 1,000,000 users: GET /v1/leaderboards/{key}/users/{id} and the
# top-100 page against the same two queries done with SQL window functions on PostgreSQL, same
# machine, same run.
#
#   bench/leaderboard-bench.sh
#   BENCH_USERS=100000 BENCH_MODE=memory BENCH_DURATION=10 bench/leaderboard-bench.sh
#
# Starts Ludus (server/target/ludus.jar, built when missing or stale) on PostgreSQL, in a fresh
# schema made with psql and dropped at the end. Creates a tenant and an application through the
# operator API, mints an admin and a read token with `ludus token`, defines the metric `steps` and
# the all-time leaderboard `steps` ranking it, and stops the server. Then loads BENCH_USERS users and
# their scores on the board straight into PostgreSQL (bench/leaderboard/load.sql: one INSERT ...
# SELECT FROM generate_series for the users, one for leaderboard_scores, then VACUUM (ANALYZE)).
#
# For each mode (memory: the server's own index; redis: LUDUS_REDIS_URL=BENCH_REDIS_URL), starts
# the server again on that store and times its first answer to GET /v1/leaderboards/steps/users/user_1
# from the start of the process: the server builds the board's index from leaderboard_scores at
# start (in the background) or on first use, and that answer waits for it. A start before the load
# (same JVM, migrated schema, the board empty) is the reference without the rebuild. Checks the
# answers against PostgreSQL (the rank of user_1, the first of the top 100), records the heap after
# a full GC (jcmd GC.run, jvm_memory_used_bytes at /metrics) against the reference's, the RSS, and
# for redis the memory Redis reports. Then warms up and drives, with wrk
# and keep-alive connections: GET /health/live (the scale), GET /v1/leaderboards/steps/users/user_<n>
# for random users (bench/leaderboard-users.lua), and GET /v1/leaderboards/steps?limit=100. Stops
# the server; in redis mode deletes the keys the run created (ludus:lb:<application id>/*), and no
# others.
#
# The SQL baseline, with pgbench (-M prepared, the same connections, duration and warm-up):
# bench/leaderboard/rank-window.sql (RANK() OVER the whole board, filtered to one random user),
# bench/leaderboard/rank-count.sql (one plus the count of higher scores, which the score index
# answers: the cheaper, fairer baseline) and bench/leaderboard/top-window.sql (the top 100 with
# RANK()). Percentiles come from pgbench's per-transaction log (--log).
#
# Before each measured run it waits until the 1-minute load average is below BENCH_QUIET_LOAD. Prints
# a table and the ratios, writes bench/results/leaderboard-<users>.json (leaderboard-1m.json with the
# default), and cleans up (also on failure or Ctrl-C). Fails when any request answered 4xx/5xx, hit a
# socket error, or a pgbench transaction failed.
#
# Settings (environment):
#   BENCH_MODE         memory, redis or both (default both)
#   BENCH_USERS        users on the board (default 1000000)
#   BENCH_DURATION     seconds per measured run (default 20)
#   BENCH_WARMUP       seconds of warm-up per route and per SQL query (default 10)
#   BENCH_CONNECTIONS  keep-alive connections, and pgbench clients (default 16)
#   BENCH_THREADS      wrk and pgbench threads (default 2)
#   BENCH_QUIET_LOAD   the 1-minute load average to wait for before each measured run (default 0.8)
#   BENCH_QUIET_WAIT   the longest wait for it, in seconds, polling every 15 s; 0 does not wait
#                      (default 600). A run that starts above it is flagged under_load.
#   BENCH_OUTPUT_DIR   where leaderboard-<users>.json goes (default bench/results)
#   BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER, BENCH_PG_DATABASE
#                      the PostgreSQL server (default 127.0.0.1, 5432, postgres, test); a password
#                      comes from PGPASSWORD. The user needs CREATE on the database.
#   BENCH_REDIS_URL    the Redis of the redis mode (default redis://127.0.0.1:6379)
#   BENCH_SERVER_JAR   run this Ludus jar as it is instead of building server/target/ludus.jar
#   BENCH_COMMIT       the commit to record in the results (default: git rev-parse --short HEAD, with
#                      +changes when server/ has uncommitted changes); set it with BENCH_SERVER_JAR
#   LUDUS_JAVA_OPTS    extra JVM options for the server
#
# Needs wrk, curl, jq, psql and pgbench (apt-get install -y wrk curl jq postgresql-client), redis-cli
# for the redis mode (apt-get install -y redis-tools), and jcmd next to java for the heap figures.
# With 1,000,000 users the load takes about a minute and the table and its indexes about 250 MB.
# wrk, the server, PostgreSQL and Redis share the machine's CPUs: the figures are ratios in one run,
# not a capacity.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

mode_setting=${BENCH_MODE:-both}
users=${BENCH_USERS:-1000000}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-10}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
redis_url=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
output_dir=${BENCH_OUTPUT_DIR:-$bench_root/bench/results}
board=steps
sql_dir="$bench_root/bench/leaderboard"
lua_file="$bench_root/bench/leaderboard-users.lua"

case "$mode_setting" in
  memory) modes=(memory) ;;
  redis) modes=(redis) ;;
  both) modes=(memory redis) ;;
  *) bench_die "BENCH_MODE must be memory, redis or both, was '$mode_setting'" ;;
esac
bench_require_counts users duration warmup connections threads
[ "$users" -le 100000000 ] || bench_die "BENCH_USERS is at most 100000000, was $users"
[ "$duration" -le 600 ] || bench_die "BENCH_DURATION is at most 600 seconds, was $duration"
[ "$warmup" -le 600 ] || bench_die "BENCH_WARMUP is at most 600 seconds, was $warmup"
[ "$connections" -le 1000 ] || bench_die "BENCH_CONNECTIONS is at most 1000, was $connections"
[ "$threads" -le "$connections" ] || bench_die "BENCH_THREADS ($threads) must not exceed BENCH_CONNECTIONS ($connections)"
[[ "$redis_url" =~ ^rediss?://[^/]+(/[0-9]+)?$ ]] || bench_die "BENCH_REDIS_URL must be a redis:// or rediss:// URL, was '$redis_url'"
bench_quiet_settings
bench_pg_settings
for file in "$lua_file" "$sql_dir"/{load,rank-window,rank-count,top-window}.sql; do
  [ -f "$file" ] || bench_die "missing $file"
done

bench_require_tools wrk curl jq psql pgbench
[[ " ${modes[*]} " == *" redis "* ]] && bench_require_tools redis-cli
jcmd="$(dirname "$(readlink -f "$bench_java")")/jcmd"
[ -x "$jcmd" ] || { echo "bench: warning: no jcmd next to $bench_java: no heap figures" >&2; jcmd=""; }
if [[ " ${modes[*]} " == *" redis "* ]]; then
  [ "$(redis-cli -u "$redis_url" PING 2>/dev/null)" = PONG ] || bench_die "Redis at $redis_url does not answer PING"
fi

jar=$(bench_server_jar) || exit 1
commit=$(bench_commit)
case "$users" in
  *000000) label="$((users / 1000000))m" ;;
  *000) label="$((users / 1000))k" ;;
  *) label="$users" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/ludus-leaderboard-bench.XXXXXX")
bench_app_id=""
redis_keys_created=false

# forget_redis_keys: deletes the keys of this run's application (ludus:lb:<application id>/...).
forget_redis_keys() {
  [ "$redis_keys_created" = true ] && [ -n "$bench_app_id" ] || return 0
  redis-cli -u "$redis_url" --scan --pattern "ludus:lb:$bench_app_id/*" 2>/dev/null \
    | xargs -r -n 100 redis-cli -u "$redis_url" UNLINK >/dev/null 2>&1 \
    || echo "bench: warning: could not delete the Redis keys ludus:lb:$bench_app_id/*" >&2
  redis_keys_created=false
}
db_sampler=""
cleanup() {
  [ -z "$db_sampler" ] || kill "$db_sampler" 2>/dev/null || true
  bench_stop_server
  forget_redis_keys
  bench_drop_schema
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The wrk scripts: the random user lookups, and a static one for the other routes; each with the
# done() of common.sh, which prints one JSON line.
cat "$lua_file" <(bench_wrk_report) >"$work/users.lua"
bench_wrk_report >"$work/report.lua"

# --- measurements ------------------------------------------------------------------------------------
declare -A route_path=([live]=/health/live [user]="/v1/leaderboards/$board/users/user_<random>"
  [top]="/v1/leaderboards/$board?limit=100")
declare -A query_file=([rank_window]=rank-window.sql [rank_count]=rank-count.sql [top_window]=top-window.sql)

# sample_postgres <file>: appends PostgreSQL's CPU jiffies to <file> every half second until killed.
# pgbench's backends start and end with its run, so a count taken after the run misses them; the
# largest sample (taken at most half a second before they end) holds nearly all of their time.
sample_postgres() {
  while :; do
    bench_postgres_jiffies >>"$1"
    sleep 0.5
  done
}

redis_jiffies() {
  # shellcheck disable=SC2046
  bench_pid_jiffies $(pgrep -x redis-server 2>/dev/null || true)
}

# measure <system> <query> <phase> <seconds>: one run of wrk (systems ludus-memory, ludus-redis) or
# pgbench (postgresql) with the CPU accounting around it; appends its JSON line (requests, duration,
# percentiles in µs, errors, req/s, CPU seconds of the server, PostgreSQL, Redis and the load driver,
# and the share of the CPUs other processes took) to the runs file.
measure() {
  local system="$1" query="$2" phase="$3" seconds="$4" line busy0 total0 busy1 total1
  local server0=0 server1=0 db0 db1 redis0 redis1 driver_cpu load_before
  waited=0
  under_load=false
  [ "$phase" != warmup ] && bench_wait_for_quiet
  load_before=$(bench_load1)
  read -r busy0 total0 < <(bench_machine_jiffies)
  [ -n "$bench_server_pid" ] && server0=$(bench_pid_jiffies "$bench_server_pid")
  db0=$(bench_postgres_jiffies)
  redis0=$(redis_jiffies)
  : >"$work/db.samples"
  sample_postgres "$work/db.samples" &
  db_sampler=$!
  local TIMEFORMAT='%3U %3S'
  if [ "$system" = postgresql ]; then
    { time run_pgbench "$query" "$seconds" "$phase" ; } 2>"$work/driver.time"
  else
    { time run_wrk "$query" "$seconds" ; } 2>"$work/driver.time"
  fi
  read -r busy1 total1 < <(bench_machine_jiffies)
  [ -n "$bench_server_pid" ] && server1=$(bench_pid_jiffies "$bench_server_pid")
  kill "$db_sampler" 2>/dev/null || true
  wait "$db_sampler" 2>/dev/null || true
  db_sampler=""
  bench_postgres_jiffies >>"$work/db.samples"
  db1=$(sort -n "$work/db.samples" | tail -n 1)
  redis1=$(redis_jiffies)
  driver_cpu=$(tail -n 1 "$work/driver.time" | awk '{print $1 + $2}')
  line=$(cat "$work/line.json")
  # pgbench's backends are postgres processes: in the postgresql runs, PostgreSQL's CPU is the query's
  jq -c --arg system "$system" --arg query "$query" --arg phase "$phase" \
    --argjson busy $((busy1 - busy0)) --argjson total $((total1 - total0)) --argjson server $((server1 - server0)) \
    --argjson db $((db1 - db0)) --argjson redis $((redis1 - redis0)) --argjson driver "$driver_cpu" \
    --argjson hz "$bench_clock_ticks" --argjson rss "$(bench_server_rss_kib)" --argjson load "$load_before" \
    --argjson waited "$waited" --argjson under_load "$under_load" '
    def pct(x): if $total > 0 then (100 * x / $total | . * 10 | round / 10) else null end;
    {system: $system, query: $query, phase: $phase} + .
    + {rps: (.requests / (.duration_us / 1e6)), server_cpu_s: ($server / $hz), db_cpu_s: ($db / $hz),
       redis_cpu_s: ($redis / $hz), driver_cpu_s: $driver, rss_kib: $rss,
       load_before: $load, waited_for_quiet_s: $waited, under_load: $under_load,
       cpu_pct: {machine: pct($busy), server: pct($server), db: pct($db), redis: pct($redis), driver: pct($driver * $hz),
                 other: pct([$busy - $server - $db - $redis - $driver * $hz, 0] | max)}}' <<<"$line" >>"$runs"
  jq -r '"bench: \(.phase) \(.system) \(.query): \(.rps * 10 | floor / 10) req/s, p50 \(.p50_us) us, p99 \(.p99_us) us, "
    + "errors \(.errors), CPU % of the machine: \(.cpu_pct)"' <<<"$(tail -n 1 "$runs")" >&2
  if [ "$phase" != warmup ] && jq -e '.cpu_pct.other != null and .cpu_pct.other > 5' <<<"$(tail -n 1 "$runs")" >/dev/null; then
    echo "bench: warning: other processes used more than 5% of the CPUs during this run; its figures are disturbed" >&2
  fi
  if jq -e '.errors | .status + .connect + .read + .write + .timeout + .failed > 0' <<<"$(tail -n 1 "$runs")" >/dev/null; then
    bench_fail "$phase of $system $query had errors: $(jq -c .errors <<<"$(tail -n 1 "$runs")")"
  fi
}

# run_wrk <route> <seconds>: wrk against the running server; writes its JSON line to $work/line.json.
run_wrk() {
  local route="$1" seconds="$2" script="$work/report.lua" url="$bench_base${route_path[$1]}"
  local -a args=()
  if [ "$route" = user ]; then
    script="$work/users.lua"
    url="$bench_base/"
    args=(-- "$users" "$board")
  fi
  kill -0 "$bench_server_pid" 2>/dev/null || bench_fail "the server is gone"
  wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 5s -H "Authorization: Bearer $read_token" \
    -s "$script" "$url" "${args[@]}" >"$work/wrk.out" 2>&1 || bench_fail "wrk failed: $(cat "$work/wrk.out")"
  grep '^{' "$work/wrk.out" | tail -n 1 | jq -c '. + {errors: (.errors + {failed: 0})}' >"$work/line.json"
  [ -s "$work/line.json" ] || bench_fail "wrk printed no summary: $(cat "$work/wrk.out")"
}

# run_pgbench <query> <seconds> <phase>: pgbench with the query's script, the same clients and
# threads as wrk, prepared statements; percentiles (µs, nearest rank) from the per-transaction log.
# Writes a JSON line shaped like wrk's to $work/line.json.
run_pgbench() {
  local query="$1" seconds="$2" phase="$3" prefix="$work/pgbench/$1-$3" transactions failed
  mkdir -p "$work/pgbench"
  rm -f "$prefix".*
  PGOPTIONS="-c search_path=$pg_schema" pgbench -n -h "$pg_host" -p "$pg_port" -U "$pg_user" -M prepared \
    -c "$connections" -j "$threads" -T "$seconds" -D "app=$bench_app_id" -D "board=$board" -D "users=$users" \
    -f "$sql_dir/${query_file[$query]}" --log --log-prefix="$prefix" "$pg_database" >"$work/pgbench.out" 2>&1 \
    || bench_fail "pgbench $query failed: $(tail -n 20 "$work/pgbench.out")"
  transactions=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.out")
  [ -n "$transactions" ] || bench_fail "pgbench printed no transaction count: $(cat "$work/pgbench.out")"
  # log lines: client transaction latency_us script epoch_s epoch_us; a failed one has no number
  cat "$prefix".* | awk '$3 ~ /^[0-9]+$/ {print $3}' | sort -n | awk -v n="$transactions" -v failed="${failed:-0}" \
    -v seconds="$seconds" '
    {latency[NR] = $1; sum += $1}
    function at(q,  i) {i = int(q * NR); if (i < q * NR) i++; if (i < 1) i = 1; return latency[i]}
    END {
      if (NR == 0) {print "{}"; exit}
      printf "{\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"p999_us\":%d,", NR, seconds * 1e6, at(0.5), at(0.9), at(0.99), at(0.999)
      printf "\"mean_us\":%.1f,\"max_us\":%d,\"pgbench_processed\":%d,", sum / NR, latency[NR], n
      printf "\"errors\":{\"connect\":0,\"read\":0,\"write\":0,\"status\":0,\"timeout\":0,\"failed\":%d}}\n", failed
    }' >"$work/line.json"
  jq -e '.requests > 0' "$work/line.json" >/dev/null || bench_fail "pgbench $query logged no transaction in ${seconds} s"
}

# --- the server ------------------------------------------------------------------------------------

# heap_used_bytes: the server's heap after a full GC (jcmd GC.run), from jvm_memory_used_bytes at
# /metrics; null without jcmd.
heap_used_bytes() {
  [ -n "$jcmd" ] || { echo null; return; }
  "$jcmd" "$bench_server_pid" GC.run >/dev/null 2>&1 || { echo null; return; }
  curl -s "$bench_base/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {sum += $NF} END {printf "%d\n", sum}'
}

redis_used_memory() {
  redis-cli -u "$redis_url" INFO memory 2>/dev/null | tr -d '\r' | sed -n 's/^used_memory://p'
}

# start <mode>: the server on the benchmark's schema, with Redis in redis mode; sets started_at_ms.
start() {
  local -a env=("LUDUS_DB_URL=$bench_db_url")
  [ "$1" = redis ] && env+=("LUDUS_REDIS_URL=$redis_url")
  started_at_ms=$(date +%s%3N)
  bench_start_server "$jar" "$work/server" "${env[@]}"
}

now_ms() {
  date +%s%3N
}

# --- set-up: schema, application, board, data ------------------------------------------------------
pg_version=$(bench_psql -Atc 'SHOW server_version' 2>/dev/null) || bench_die "psql cannot reach $pg_user@$pg_host:$pg_port/$pg_database"
bench_create_schema bench_leaderboard
echo "bench: PostgreSQL $pg_version, schema $pg_schema" >&2
start memory
bench_create_application
admin_token=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000) || bench_fail "ludus token failed"
read_token=$(bench_token "$jar" --sub bench_reader --scope read --ttl 36000) || bench_fail "ludus token failed"
status=$(bench_request PUT /v1/metrics/steps "$admin_token" '{"name":"Steps"}')
[[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT /v1/metrics/steps answered $status: $(cat "$work/answer.json")"
status=$(bench_request PUT "/v1/leaderboards/$board" "$admin_token" \
  '{"name":"Steps","rank_by":{"type":"metric","metric":"steps"},"period":"all_time"}')
[[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT /v1/leaderboards/$board answered $status: $(cat "$work/answer.json")"
bench_stop_server
# the reference: a start on the migrated schema with the board still empty
start memory
empty_ready_ms=$(($(now_ms) - started_at_ms))
status=$(bench_request GET "/v1/leaderboards/$board/users/user_1" "$read_token")
[ "$status" = 404 ] || bench_fail "GET /v1/leaderboards/$board/users/user_1 of an empty board answered $status"
empty_heap=$(heap_used_bytes)
bench_stop_server
echo "bench: application $bench_app_id, metric steps, all-time leaderboard $board" >&2

echo "bench: loading $users users and their scores into $pg_schema ..." >&2
load_started=$(now_ms)
bench_psql -v app="$bench_app_id" -v board="$board" -v users="$users" -v now_ms="$load_started" \
  -c "SET search_path = $pg_schema" -f "$sql_dir/load.sql" >/dev/null || bench_fail "loading the data failed"
load_s=$(jq -n "($(now_ms) - $load_started) / 1000")
data_json=$(bench_psql -At -c "SET search_path = $pg_schema" -c "
  SELECT json_build_object('rows', COUNT(*), 'distinct_scores', COUNT(DISTINCT score),
    'users_sharing_a_score', COUNT(*) - COUNT(DISTINCT score), 'max_steps', MAX(score) / 1000000,
    'median_steps', percentile_disc(0.5) WITHIN GROUP (ORDER BY score) / 1000000,
    'table_mib', round(pg_total_relation_size('leaderboard_scores') / 1048576.0))
  FROM leaderboard_scores WHERE application_id = '$bench_app_id' AND leaderboard = '$board' AND period = 'all'")
echo "bench: loaded in $load_s s: $data_json" >&2
sql_rank_1=$(bench_psql -At -c "SET search_path = $pg_schema" -c "SELECT COUNT(*) + 1 FROM leaderboard_scores
  WHERE application_id = '$bench_app_id' AND leaderboard = '$board' AND period = 'all' AND score >
  (SELECT score FROM leaderboard_scores WHERE application_id = '$bench_app_id' AND leaderboard = '$board'
     AND period = 'all' AND user_id = 'user_1')")
sql_first=$(bench_psql -At -c "SET search_path = $pg_schema" -c "SELECT user_id FROM leaderboard_scores
  WHERE application_id = '$bench_app_id' AND leaderboard = '$board' AND period = 'all'
  ORDER BY score DESC, reached_at, user_id LIMIT 1")

runs="$work/runs.jsonl"
: >"$runs"
modes_json="$work/modes.jsonl"
: >"$modes_json"

# --- Ludus, per mode ---------------------------------------------------------------------------------
run_mode() {
  local mode="$1" system="ludus-$1" heap_after ready_ms first_ms first_s second_s answer redis_before=null
  local redis_after=null
  echo "bench: === Ludus, $mode index" >&2
  if [ "$mode" = redis ]; then
    redis_keys_created=true
    forget_redis_keys
    redis_keys_created=true
    redis_before=$(redis_used_memory)
  fi
  start "$mode"
  ready_ms=$(($(now_ms) - started_at_ms))
  # the first read waits for the board's index, built from leaderboard_scores
  first_s=$(curl -s -o "$work/answer.json" -w '%{time_total}' --max-time 1800 -H "Authorization: Bearer $read_token" \
    "$bench_base/v1/leaderboards/$board/users/user_1") || bench_fail "the first GET of user_1 failed"
  first_ms=$(($(now_ms) - started_at_ms))
  answer=$(cat "$work/answer.json")
  jq -e --argjson rank "$sql_rank_1" --argjson users "$users" '.rank == $rank and .participants == $users' \
    <<<"$answer" >/dev/null || bench_fail "user_1: Ludus answered $answer; PostgreSQL says rank $sql_rank_1 of $users"
  echo "bench: the first answer came $((first_ms / 1000)) s after the start (ready after $((ready_ms / 1000)) s, an empty board's after $((empty_ready_ms / 1000)) s)" >&2
  second_s=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $read_token" \
    "$bench_base/v1/leaderboards/$board/users/user_2")
  status=$(bench_request GET "/v1/leaderboards/$board?limit=100" "$read_token")
  [ "$status" = 200 ] || bench_fail "GET /v1/leaderboards/$board?limit=100 answered $status: $(cat "$work/answer.json")"
  jq -e --arg first "$sql_first" '(.entries | length) == 100 and .entries[0].user_id == $first and .entries[0].rank == 1' \
    "$work/answer.json" >/dev/null || bench_fail "the top 100 differ from PostgreSQL's (first $sql_first): $(head -c 400 "$work/answer.json")"
  heap_after=$(heap_used_bytes)
  [ "$mode" = redis ] && redis_after=$(redis_used_memory)
  jq -nc --arg mode "$mode" --argjson ready_ms "$ready_ms" --argjson first "$first_s" --argjson second "$second_s" \
    --argjson first_ms "$first_ms" --argjson empty_ready_ms "$empty_ready_ms" \
    --argjson before "$empty_heap" --argjson after "$heap_after" --argjson rss "$(bench_server_rss_kib)" \
    --argjson users "$users" --argjson redis_before "${redis_before:-null}" --argjson redis_after "${redis_after:-null}" '
    def mib: . / 1048576 | . * 10 | round / 10;
    {mode: $mode, start_to_ready_s: ($ready_ms / 1000), start_to_first_answer_s: ($first_ms / 1000),
     empty_board_start_to_ready_s: ($empty_ready_ms / 1000),
     rebuild_s: (($first_ms - $empty_ready_ms) / 1000),
     first_request_s: $first, second_answer_ms: ($second * 1000 | . * 10 | round / 10),
     heap_empty_board_mib: ($before | if . then mib else null end),
     heap_after_rebuild_mib: ($after | if . then mib else null end),
     heap_bytes_per_user: (if $before and $after then (($after - $before) / $users | round) else null end),
     rss_after_rebuild_mib: ($rss / 1024 | round),
     redis_used_mib_delta: (if $redis_before and $redis_after then ($redis_after - $redis_before | mib) else null end),
     redis_bytes_per_user: (if $redis_before and $redis_after then (($redis_after - $redis_before) / $users | round) else null end)}' \
    >>"$modes_json"
  echo "bench: $(tail -n 1 "$modes_json")" >&2

  echo "bench: warming up, ${warmup} s per route" >&2
  for route in live user top; do
    measure "$system" "$route" warmup "$warmup"
  done
  echo "bench: measuring ${duration} s per route, $connections connections, $threads wrk threads" >&2
  for route in live user top; do
    measure "$system" "$route" measured "$duration"
  done
  jq -c --arg mode "$mode" --argjson rss "$(bench_server_rss_kib)" '. + {rss_after_runs_mib: ($rss / 1024 | round)}' \
    <<<"$(tail -n 1 "$modes_json")" >"$work/mode.json" && sed -i '$d' "$modes_json" && cat "$work/mode.json" >>"$modes_json"
  bench_stop_server
  [ "$mode" = redis ] && forget_redis_keys
  return 0
}

for mode in "${modes[@]}"; do
  run_mode "$mode"
done

# --- the SQL baseline ----------------------------------------------------------------------------------
echo "bench: === PostgreSQL, window functions (pgbench, $connections clients, $threads threads, -M prepared)" >&2
for query in rank_window rank_count top_window; do
  measure postgresql "$query" warmup "$warmup"
done
for query in rank_window rank_count top_window; do
  measure postgresql "$query" measured "$duration"
done
plans=$(for query in rank_window rank_count top_window; do
  sed -e '/^--/d' -e '/^\\set/d' -e "s/:app/'$bench_app_id'/g" -e "s/:board/'$board'/g" -e 's/:uid::text/'"'1'"'/' \
    "$sql_dir/${query_file[$query]}" | { echo "SET search_path = $pg_schema; EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)"; cat; } \
    | bench_psql -At 2>/dev/null | jq -Rs --arg query "$query" '{($query): (split("\n") | map(select(length > 0)))}'
done | jq -s 'add')

# --- results -------------------------------------------------------------------------------------
output="$output_dir/leaderboard-$label.json"
mkdir -p "$output_dir"
jq -s --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$commit" --arg jar "$jar" \
  --argjson machine "$(bench_machine_json)" --arg java "$("$bench_java" -version 2>&1 | head -n 1)" \
  --arg postgresql "$pg_version" --arg redis "$(redis-cli -v 2>/dev/null || echo none)" \
  --arg wrk "$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{print $1, $2}')" --arg pgbench "$(pgbench --version)" \
  --argjson users "$users" --argjson duration "$duration" --argjson warmup "$warmup" \
  --argjson connections "$connections" --argjson threads "$threads" --arg board "$board" \
  --argjson quiet_load "$quiet_load" --argjson quiet_wait "$quiet_wait" --argjson load_s "$load_s" \
  --argjson data "$data_json" --argjson plans "$plans" --slurpfile modes "$modes_json" '
  def r1: . * 10 | round / 10;
  def r3: . * 1000 | round / 1000;
  def ratio: if . == null then null elif . >= 10 then r1 else r3 end;
  def summary(system; query):
    (map(select(.system == system and .query == query and .phase == "measured")) | first) as $run
    | if $run == null then null else
      {requests: $run.requests, rps: ($run.rps | r1), p50_us: $run.p50_us, p90_us: $run.p90_us, p99_us: $run.p99_us,
       max_us: $run.max_us, errors: ($run.errors | add),
       server_cpu_us_per_request: ($run.server_cpu_s * 1e6 / $run.requests | r1),
       db_cpu_us_per_request: ($run.db_cpu_s * 1e6 / $run.requests | r1),
       redis_cpu_us_per_request: ($run.redis_cpu_s * 1e6 / $run.requests | r1),
       cpu_pct: $run.cpu_pct, under_load: $run.under_load} end;
  . as $runs
  | {postgresql: {rank_window: summary("postgresql"; "rank_window"), rank_count: summary("postgresql"; "rank_count"),
                  top_window: summary("postgresql"; "top_window")}} as $sql
  | ($modes | map(.mode as $mode | {($mode): {live: ($runs | summary("ludus-\($mode)"; "live")),
                                             user: ($runs | summary("ludus-\($mode)"; "user")),
                                             top: ($runs | summary("ludus-\($mode)"; "top"))}}) | add) as $ludus
  | {date: $date, commit: $commit, server_jar: $jar, machine: $machine, java: $java,
     postgresql: $postgresql, redis: $redis, wrk: $wrk, pgbench: $pgbench,
     settings: {users: $users, board: $board, period: "all_time", connections: $connections, threads: $threads,
                keep_alive: true, duration_s: $duration, warmup_s: $warmup, quiet_load: $quiet_load,
                quiet_wait_s: $quiet_wait,
                data: "bench/leaderboard/load.sql: user_1 .. user_N, score = (1 + floor(1e6 * random()^3)) steps in millionths, reached_at uniform over 30 days, setseed(0.42)",
                sql: "pgbench -M prepared, the same clients and threads; percentiles from the per-transaction log (nearest rank)",
                routes: {live: "GET /health/live", user: "GET /v1/leaderboards/steps/users/user_<random>",
                         top: "GET /v1/leaderboards/steps?limit=100"}},
     load: ({seconds: $load_s} + $data),
     modes: ($modes | map({(.mode): del(.mode)}) | add),
     ludus: $ludus, sql: $sql.postgresql,
     ratios: ($ludus | with_entries(.value as $m | .value = {
       rank_window_p99_over_user_p99: ($sql.postgresql.rank_window.p99_us / $m.user.p99_us | ratio),
       rank_count_p99_over_user_p99: ($sql.postgresql.rank_count.p99_us / $m.user.p99_us | ratio),
       top_window_p99_over_top_p99: ($sql.postgresql.top_window.p99_us / $m.top.p99_us | ratio),
       user_rps_over_rank_window_rps: ($m.user.rps / $sql.postgresql.rank_window.rps | ratio),
       user_rps_over_rank_count_rps: ($m.user.rps / $sql.postgresql.rank_count.rps | ratio),
       top_rps_over_top_window_rps: ($m.top.rps / $sql.postgresql.top_window.rps | ratio),
       user_rps_over_live_rps: ($m.user.rps / $m.live.rps | ratio),
       top_rps_over_live_rps: ($m.top.rps / $m.live.rps | ratio)})),
     plans: $plans,
     runs: $runs}' "$runs" >"$output"
echo "bench: wrote ${output#"$bench_root"/}" >&2

jq -r '
  def ms: . / 1000;
  def row(system; query; what): "| \(system) | \(what) | \(.rps) | \(.p50_us | ms) | \(.p90_us | ms) | \(.p99_us | ms) | \(.errors) | \(.server_cpu_us_per_request) | \(.db_cpu_us_per_request) | \(.redis_cpu_us_per_request) |";
  "",
  "Leaderboard of \(.settings.users) users: \(.settings.connections) connections (wrk, keep-alive) or clients (pgbench -M prepared), \(.settings.threads) threads, \(.settings.duration_s) s per query after \(.settings.warmup_s) s of warm-up",
  "",
  "| system | query | req/s | p50 (ms) | p90 (ms) | p99 (ms) | errors | server CPU per request (us) | PostgreSQL CPU per request (us) | Redis CPU per request (us) |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.ludus | to_entries[] | .key as $mode | .value |
    (.live | row("Ludus, \($mode)"; "live"; "`GET /health/live`")),
    (.user | row("Ludus, \($mode)"; "user"; "`GET /v1/leaderboards/steps/users/{id}`")),
    (.top | row("Ludus, \($mode)"; "top"; "`GET /v1/leaderboards/steps?limit=100`"))),
  (.sql.rank_window | row("PostgreSQL"; "rank_window"; "rank of one user, `RANK() OVER` the board")),
  (.sql.rank_count | row("PostgreSQL"; "rank_count"; "rank of one user, `COUNT(*) + 1` of higher scores")),
  (.sql.top_window | row("PostgreSQL"; "top_window"; "top 100, `RANK() OVER`, `LIMIT 100`")),
  "",
  "Loaded \(.settings.users) users in \(.load.seconds) s; \(.load.distinct_scores) distinct scores; table and indexes \(.load.table_mib) MiB",
  (.modes | to_entries[] | "\(.key): first answer \(.value.start_to_first_answer_s) s after the start (ready after \(.value.start_to_ready_s) s; an empty board ready after \(.value.empty_board_start_to_ready_s) s: rebuild about \(.value.rebuild_s) s), next answer \(.value.second_answer_ms) ms, heap \(.value.heap_empty_board_mib) (empty board) -> \(.value.heap_after_rebuild_mib) MiB (\(.value.heap_bytes_per_user) bytes per user), RSS \(.value.rss_after_rebuild_mib) MiB\(if .value.redis_bytes_per_user then ", Redis +\(.value.redis_used_mib_delta) MiB (\(.value.redis_bytes_per_user) bytes per user)" else "" end)"),
  "",
  (.ratios | to_entries[] | "\(.key): SQL p99 / Ludus p99: rank window \(.value.rank_window_p99_over_user_p99), rank count \(.value.rank_count_p99_over_user_p99), top 100 \(.value.top_window_p99_over_top_p99); Ludus req/s / SQL: user vs window \(.value.user_rps_over_rank_window_rps), user vs count \(.value.user_rps_over_rank_count_rps), top \(.value.top_rps_over_top_window_rps)"),
  (if [.ludus[][], .sql[] | select(. != null) | .under_load] | any then "(some runs started under load)" else empty end)' "$output"
