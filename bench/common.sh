# Shared by the scripts of bench/ (sourced, not run): finds a JDK 21+, builds jars, starts, provisions
# and stops a Ludus server for the HTTP benchmarks, the settings, quiet waits and accounting those
# benchmarks share, and the webhook receiver and figures of suite.sh and webhooks-bench.sh.
# shellcheck shell=bash
# Variables set here are read by the scripts that source this file, and some read theirs (work).
# shellcheck disable=SC2034,SC2154

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bench_die() {
  echo "bench: $*" >&2
  exit 1
}

bench_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

bench_is_jdk21() {
  local java="$1" major
  [ -x "$java" ] || return 1
  major=$(bench_java_major "$java")
  [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 21 ]
}

# Prints the java binary of a JDK 21+: JAVA_HOME, then the PATH, then /usr/lib/jvm and /opt/java.
bench_find_java() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && bench_is_jdk21 "$JAVA_HOME/bin/java"; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  if candidate=$(command -v java 2>/dev/null) && bench_is_jdk21 "$candidate"; then
    echo "$candidate"; return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    if bench_is_jdk21 "$candidate"; then
      echo "$candidate"; return 0
    fi
  done
  bench_die "no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH, /usr/lib/jvm); install one and set JAVA_HOME"
}

# bench_build <jar> <maven module> <source paths...>: packages the module (tests skipped) when the
# jar is missing or older than any of the sources.
bench_build() {
  local jar="$1" module="$2" java_home
  shift 2
  if [ -f "$jar" ] && [ -z "$(find "$@" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  java_home=$(cd "$(dirname "$(readlink -f "$bench_java")")/.." && pwd)
  echo "bench: building $jar (tests skipped) ..." >&2
  (cd "$bench_root" && JAVA_HOME="$java_home" ./mvnw -B -q -DskipTests -pl "$module" -am package) >&2
}

bench_java=$(bench_find_java)

# --- the HTTP benchmarks (http-bench.sh, events-bench.sh) ----------------------------------------

# bench_require_tools <tool...>: dies naming the package to install when one is missing.
bench_require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || bench_die "$tool is missing; install it: apt-get install -y $tool (Debian/Ubuntu) or brew install $tool (macOS)"
  done
}

# bench_require_counts <variable...>: each variable (read from BENCH_<VARIABLE>) must be a positive
# whole number.
bench_require_counts() {
  local setting
  for setting in "$@"; do
    [[ "${!setting}" =~ ^[1-9][0-9]*$ ]] || bench_die "BENCH_${setting^^} must be a positive whole number, was '${!setting}'"
  done
}

# bench_server_jar: prints the absolute path of the Ludus jar to run: BENCH_SERVER_JAR as it is, or
# server/target/ludus.jar, built when missing or stale. Call it as jar=$(bench_server_jar) || exit 1.
bench_server_jar() {
  if [ -n "${BENCH_SERVER_JAR:-}" ]; then
    [ -f "$BENCH_SERVER_JAR" ] || bench_die "BENCH_SERVER_JAR names no file: $BENCH_SERVER_JAR"
    echo "$(cd "$(dirname "$BENCH_SERVER_JAR")" && pwd)/$(basename "$BENCH_SERVER_JAR")"
  else
    bench_build "$bench_root/server/target/ludus.jar" server "$bench_root/pom.xml" "$bench_root/server/pom.xml" \
      "$bench_root/server/src/main"
    echo "$bench_root/server/target/ludus.jar"
  fi
}

# The running server: its pid, base URL, operator key and log; set by bench_start_server.
bench_server_pid=""
bench_base=""
bench_admin_key=""
bench_server_log=""
bench_server_dir=""
bench_ready_ms=""

# bench_workspace <name>: makes the scratch directory work (ludus-<name>.XXXXXX in TMPDIR) and, on
# exit (Ctrl-C and failures included), stops the server and the webhook receiver, drops the
# PostgreSQL schema and removes it.
bench_workspace() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/ludus-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
bench_cleanup() {
  bench_stop_server
  bench_stop_receiver
  bench_drop_schema
  rm -rf "$work"
}

# bench_fail <message>: prints the message and the end of the server log, then exits 1 (the caller's
# EXIT trap stops the server).
bench_fail() {
  echo "bench: $*" >&2
  if [ -n "$bench_server_log" ] && [ -f "$bench_server_log" ]; then
    echo "bench: last lines of the server log:" >&2
    tail -n 20 "$bench_server_log" >&2
  fi
  exit 1
}

# JVM options for the server of bench_start_server: LUDUS_JAVA_OPTS unless the script sets another.
bench_java_opts=${LUDUS_JAVA_OPTS:-}

# bench_start_server <jar> <directory> [NAME=value...]: starts `ludus serve --port 0` with
# bench_java_opts, a random 40-character LUDUS_ADMIN_KEY, a fresh data directory <directory>/data, the
# log in <directory>/server.log and the given extra environment, and waits until /health/ready
# answers 200, polling every 20 ms; sets bench_server_dir to <directory> and bench_ready_ms to the
# milliseconds from launching the JVM to that answer.
bench_start_server() {
  local jar="$1" dir="$2" port="" started now
  shift 2
  mkdir -p "$dir"
  bench_admin_key=$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')   # 40 characters
  bench_server_log="$dir/server.log"
  bench_server_dir=$dir
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  env "$@" LUDUS_ADMIN_KEY="$bench_admin_key" "$bench_java" $bench_java_opts -jar "$jar" serve --port 0 \
    --data-dir "$dir/data" >"$bench_server_log" 2>&1 &
  bench_server_pid=$!
  while :; do
    kill -0 "$bench_server_pid" 2>/dev/null || bench_fail "the server exited during start-up"
    [ -n "$port" ] || port=$(sed -n 's|^Ludus listening on http://localhost:\([0-9]*\).*|\1|p' "$bench_server_log" | head -n 1)
    if [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; then
      break
    fi
    now=$(date +%s%N)
    [ $(((now - started) / 1000000000)) -lt 60 ] \
      || bench_fail "the server was not ready within 60 seconds$([ -n "$port" ] && echo " (/health/ready is not 200)")"
    sleep 0.02
  done
  bench_ready_ms=$((($(date +%s%N) - started) / 1000000))
  bench_base="http://127.0.0.1:$port"
  echo "bench: Ludus (pid $bench_server_pid) ready on $bench_base after $bench_ready_ms ms" >&2
}

# bench_stop_server: stops the server started by bench_start_server, if any (SIGTERM, then SIGKILL
# after 10 seconds).
bench_stop_server() {
  if [ -n "$bench_server_pid" ] && kill -0 "$bench_server_pid" 2>/dev/null; then
    kill "$bench_server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$bench_server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$bench_server_pid" 2>/dev/null || true
    wait "$bench_server_pid" 2>/dev/null || true
  fi
  bench_server_pid=""
}

# bench_admin <path> <JSON body>: POST to the operator API with the operator key; prints the answer.
bench_admin() {
  curl -sS --fail-with-body -H "Authorization: Bearer $bench_admin_key" -H 'Content-Type: application/json' \
    -X POST --data "$2" "$bench_base$1"
}

# bench_create_application: creates a tenant and an application named bench through the operator
# API; sets bench_tenant_id, bench_app_id, bench_api_secret and bench_app (the answer, as JSON).
bench_create_application() {
  local tenant
  tenant=$(bench_admin /admin/v1/tenants '{"name":"bench"}') || bench_fail "creating a tenant failed: $tenant"
  bench_tenant_id=$(jq -er .id <<<"$tenant") || bench_fail "no tenant id in: $tenant"
  bench_app=$(bench_admin "/admin/v1/tenants/$bench_tenant_id/applications" '{"name":"bench"}') \
    || bench_fail "creating an application failed"
  bench_app_id=$(jq -er .id <<<"$bench_app") || bench_fail "no application id in the answer"
  bench_api_secret=$(jq -er .api_secret <<<"$bench_app") || bench_fail "no api_secret in the answer"
}

# bench_token <jar> <ludus token options...>: prints an application token minted with `ludus token`
# for the application of bench_create_application, e.g. bench_token "$jar" --sub bench_user --ttl 36000.
bench_token() {
  local jar="$1"
  shift
  LUDUS_API_SECRET="$bench_api_secret" "$bench_java" -jar "$jar" token --tenant "$bench_tenant_id" \
    --app "$bench_app_id" "$@" | tail -n 1
}

# bench_wrk_report: prints a wrk done() function that writes one JSON line: requests, duration,
# latency percentiles (µs) and errors. wrk counts a status of 400 or more in errors.status (the
# benchmarked routes answer no 3xx), and socket errors in connect/read/write/timeout.
bench_wrk_report() {
  cat <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,' ..
    '"mean_us":%.1f,"max_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.mean, latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
LUA
}

# CPU accounting, so that a run disturbed by other work on the machine shows. bench_machine_jiffies
# prints the jiffies of the whole machine (busy, total); bench_pid_jiffies <pid...> the user+system
# jiffies of those processes (0 for one that is gone); zeros where /proc is missing.
bench_machine_jiffies() {
  awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit}' /proc/stat 2>/dev/null || echo "0 0"
}
bench_pid_jiffies() {
  local pid sum=0 jiffies
  for pid in "$@"; do
    jiffies=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || jiffies=0
    sum=$((sum + ${jiffies:-0}))
  done
  echo "$sum"
}
bench_clock_ticks=$(getconf CLK_TCK 2>/dev/null || echo 100)

# Whether bench_wrk counts PostgreSQL's CPU time (bench_store sets it for postgresql).
bench_count_postgres=false

# bench_wrk <result file> <seconds> <wrk arguments...>: one run of wrk -d <seconds>s --timeout 5s with
# the arguments (threads, connections, headers, script, URL and script arguments are the caller's;
# the script ends with the done() of bench_wrk_report). Writes one JSON object to the result file:
# wrk's summary and rps; the CPU seconds of the server, of PostgreSQL (when bench_count_postgres is
# true, else 0) and of wrk during the run; the server's RSS after it; and the shares of the machine's
# CPUs that each used, the rest as other.
bench_wrk() {
  local result="$1" seconds="$2" line busy0 total0 busy1 total1 server0 server1 db0=0 db1=0 wrk_cpu
  shift 2
  kill -0 "$bench_server_pid" 2>/dev/null || bench_fail "the server is gone"
  read -r busy0 total0 < <(bench_machine_jiffies)
  server0=$(bench_pid_jiffies "$bench_server_pid")
  if [ "$bench_count_postgres" = true ]; then db0=$(bench_postgres_jiffies); fi
  local TIMEFORMAT='%3U %3S'
  { time wrk -d "${seconds}s" --timeout 5s "$@" >"$result.out" 2>&1 ; } 2>"$result.time" \
    || bench_fail "wrk failed: $(cat "$result.out")"
  read -r busy1 total1 < <(bench_machine_jiffies)
  server1=$(bench_pid_jiffies "$bench_server_pid")
  if [ "$bench_count_postgres" = true ]; then db1=$(bench_postgres_jiffies); fi
  wrk_cpu=$(tail -n 1 "$result.time" | awk '{print $1 + $2}')
  line=$(grep '^{' "$result.out" | tail -n 1)
  [ -n "$line" ] || bench_fail "wrk printed no summary: $(cat "$result.out")"
  jq -c --argjson busy $((busy1 - busy0)) --argjson total $((total1 - total0)) --argjson server $((server1 - server0)) \
    --argjson db $((db1 - db0)) --argjson wrk "$wrk_cpu" --argjson hz "$bench_clock_ticks" \
    --argjson rss "$(bench_server_rss_kib)" '
    def pct(x): if $total > 0 then (100 * x / $total | . * 10 | round / 10) else null end;
    . + {rps: (.requests / (.duration_us / 1e6)),
         server_cpu_s: ($server / $hz), db_cpu_s: ($db / $hz), wrk_cpu_s: $wrk, rss_kib: $rss,
         cpu_pct: {machine: pct($busy), server: pct($server), db: pct($db), wrk: pct($wrk * $hz),
                   other: pct([$busy - $server - $db - $wrk * $hz, 0] | max)}}' <<<"$line" >"$result"
}

# bench_warn_if_disturbed <phase> <run>: warns when other processes used more than 5% of the CPUs
# during a measured run (a JSON object of bench_wrk).
bench_warn_if_disturbed() {
  if [ "$1" != warmup ] && jq -e '.cpu_pct.other != null and .cpu_pct.other > 5' <<<"$2" >/dev/null; then
    echo "bench: warning: other processes used more than 5% of the CPUs during this run; its figures are disturbed" >&2
  fi
}

# jq definitions for the result files: summary turns an array of bench_wrk runs of one route into
# one set of figures (null for none): requests and rps over all of them, the mean of their
# percentiles, errors, CPU per request, the largest RSS, CPU shares, and whether any started under
# load.
# shellcheck disable=SC2016
bench_jq_summary='
  def r1: . * 10 | round / 10;
  def summary:
    . as $runs
    | ($runs | map(.requests) | add) as $requests
    | ($runs | map(.duration_us) | add) as $us
    | if ($runs | length) == 0 then null else
      {requests: $requests,
       rps: ($requests / ($us / 1e6) | r1),
       p50_us: ($runs | map(.p50_us) | add / length | round),
       p90_us: ($runs | map(.p90_us) | add / length | round),
       p99_us: ($runs | map(.p99_us) | add / length | round),
       non_2xx: ($runs | map(.errors.status) | add),
       socket_errors: ($runs | map(.errors.connect + .errors.read + .errors.write + .errors.timeout) | add),
       server_cpu_s: ($runs | map(.server_cpu_s) | add | . * 100 | round / 100),
       server_cpu_us_per_request: (($runs | map(.server_cpu_s) | add) * 1e6 / $requests | r1),
       db_cpu_us_per_request: (($runs | map(.db_cpu_s) | add) * 1e6 / $requests | r1),
       rss_mib_max: ($runs | map(.rss_kib) | max / 1024 | round),
       cpu_pct: {server: ($runs | map(.cpu_pct.server // 0) | add / length | r1),
                 db: ($runs | map(.cpu_pct.db // 0) | add / length | r1),
                 wrk: ($runs | map(.cpu_pct.wrk // 0) | add / length | r1),
                 other_max: ($runs | map(.cpu_pct.other // 0) | max)},
       under_load: ($runs | any(.under_load // false))} end;'

# --- JFR ---------------------------------------------------------------------------------------------

# bench_jfr_settings: reads BENCH_JFR (a directory, or nothing) into jfr_dir, made absolute, and finds
# jcmd next to the JDK's java.
bench_jfr_settings() {
  jfr_dir=${BENCH_JFR:-}
  [ -n "$jfr_dir" ] || return 0
  mkdir -p "$jfr_dir" || bench_die "cannot create BENCH_JFR directory $jfr_dir"
  jfr_dir=$(cd "$jfr_dir" && pwd)
  jcmd="$(dirname "$(readlink -f "$bench_java")")/jcmd"
  [ -x "$jcmd" ] || bench_die "BENCH_JFR needs jcmd next to $bench_java (a full JDK, not a JRE)"
}

# bench_jfr_start <name> <file> [JFR.start options...]: starts a JFR recording (settings=profile) of
# the server; bench_jfr_stop <name> <file> stops it, which writes the file.
bench_jfr_start() {
  "$jcmd" "$bench_server_pid" JFR.start name="$1" settings=profile "${@:3}" filename="$2" >/dev/null \
    || bench_fail "jcmd JFR.start failed"
}
bench_jfr_stop() {
  "$jcmd" "$bench_server_pid" JFR.stop name="$1" >/dev/null || bench_fail "jcmd JFR.stop failed"
  echo "bench: recorded $2" >&2
}

# bench_commit: prints the commit to record in results: BENCH_COMMIT, else git rev-parse --short HEAD
# with +changes when server/ or pom.xml has uncommitted changes.
bench_commit() {
  local commit
  if [ -n "${BENCH_COMMIT:-}" ]; then
    echo "$BENCH_COMMIT"
    return 0
  fi
  commit=$(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$bench_root" status --porcelain -- server pom.xml 2>/dev/null)" ]; then
    commit="$commit+changes"
  fi
  echo "$commit"
}

# bench_machine_json: the machine as one JSON object (nproc, memory, CPU model, kernel).
bench_machine_json() {
  local mem_kib cpu_model
  mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
  jq -n --argjson nproc "$(nproc)" --argjson mem_kib "$mem_kib" --arg cpu "$cpu_model" --arg kernel "$(uname -sr)" \
    '{nproc: $nproc, memory_gib: ($mem_kib / 1048576 | . * 10 | round / 10), cpu: $cpu, kernel: $kernel}'
}

# bench_run_info_json <jar>: what a result file records about the run, as one JSON object: the date,
# the commit (bench_commit), the server jar, the machine, java and wrk.
bench_run_info_json() {
  jq -n --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$(bench_commit)" --arg jar "$1" \
    --argjson machine "$(bench_machine_json)" --arg java "$("$bench_java" -version 2>&1 | head -n 1)" \
    --arg wrk "$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{print $1, $2}')" \
    '{date: $date, commit: $commit, server_jar: $jar, machine: $machine, java: $java, wrk: $wrk}'
}

# bench_server_rss_kib: the resident set of the server of bench_start_server, in KiB (0 when gone).
bench_server_rss_kib() {
  local rss
  rss=$(ps -o rss= -p "$bench_server_pid" 2>/dev/null | tr -d ' ') || true
  echo "${rss:-0}"
}

# bench_request <method> <path> <token> [body]: prints the status; the answer is in $work/answer.json
# (work is the caller's scratch directory).
bench_request() {
  local -a data=()
  [ $# -ge 4 ] && data=(--data "$4")
  : >"$work/answer.json"
  curl -s -o "$work/answer.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json' "${data[@]}" "$bench_base$2" || true
}

# --- the application of the events benchmarks (events-bench.sh, suite.sh) ----------------------------

bench_rules_file="$bench_root/bench/events-rules.json"
bench_events_lua="$bench_root/bench/events.lua"
bench_events_mix="bench/events.lua: 50% steps (200-6000), 30% distance (0.50-12.49), 20% workouts (1, with attributes)"

# bench_events_script <file>: writes the wrk script of the event routes to the file: bench/events.lua
# and the done() of bench_wrk_report.
bench_events_script() {
  if [ ! -f "$bench_rules_file" ] || [ ! -f "$bench_events_lua" ]; then
    bench_die "missing $bench_rules_file or $bench_events_lua"
  fi
  cat "$bench_events_lua" <(bench_wrk_report) >"$1"
}

# bench_events_application <jar>: creates the application (bench_create_application), mints an admin
# token and a write,users:write token (bench_admin_token, bench_events_token; events for any user),
# defines the rules of bench/events-rules.json (bench_rules_count of them) and checks one event on
# POST /v1/events/validate (200) and on POST /v1/events (201, with the rules applied). Uses
# bench_request, so the caller's work directory.
bench_events_application() {
  local jar="$1" rule status path event='{"metric":"distance","user_id":"user_1","value":1.25,"attributes":{"kind":"run"}}'
  bench_create_application
  bench_admin_token=$(bench_token "$jar" --sub bench_admin --scope admin --ttl 36000) || bench_fail "ludus token failed"
  bench_events_token=$(bench_token "$jar" --sub bench_ingest --scope write,users:write --ttl 36000) \
    || bench_fail "ludus token failed"
  bench_rules_count=0
  while IFS= read -r rule; do
    path=$(jq -r .path <<<"$rule")
    status=$(bench_request PUT "$path" "$bench_admin_token" "$(jq -c .body <<<"$rule")")
    [[ "$status" =~ ^20[01]$ ]] || bench_fail "PUT $path answered $status: $(cat "$work/answer.json")"
    bench_rules_count=$((bench_rules_count + 1))
  done < <(jq -c '.rules[]' "$bench_rules_file")
  echo "bench: defined $bench_rules_count rules from ${bench_rules_file#"$bench_root"/}" >&2
  status=$(bench_request POST /v1/events/validate "$bench_events_token" "$event")
  [ "$status" = 200 ] || bench_fail "POST /v1/events/validate answered $status: $(cat "$work/answer.json")"
  status=$(bench_request POST /v1/events "$bench_events_token" "$event")
  [ "$status" = 201 ] || bench_fail "POST /v1/events answered $status: $(cat "$work/answer.json")"
  jq -e '.metric.total == 1.25 and (.points | length) > 0 and (.achievements | length) > 0' "$work/answer.json" >/dev/null \
    || bench_fail "the first event did not apply the rules as expected: $(cat "$work/answer.json")"
}

# bench_rules_json: what the rule set holds, as one JSON object (the file, and how many metrics,
# points systems and achievements).
bench_rules_json() {
  jq -c '.rules | {file: "bench/events-rules.json",
    metrics: map(select(.path | startswith("/v1/metrics/"))) | length,
    points_systems: map(select(.path | startswith("/v1/points/"))) | length,
    achievements: map(select(.path | startswith("/v1/achievements/"))) | length}' "$bench_rules_file"
}

# --- waiting for a quiet machine -------------------------------------------------------------------

# bench_quiet_settings: reads BENCH_QUIET_LOAD (default 0.8) and BENCH_QUIET_WAIT (default 600) into
# quiet_load and quiet_wait, and checks them.
bench_quiet_settings() {
  quiet_load=${BENCH_QUIET_LOAD:-0.8}
  quiet_wait=${BENCH_QUIET_WAIT:-600}
  [[ "$quiet_load" =~ ^[0-9]+(\.[0-9]+)?$ ]] || bench_die "BENCH_QUIET_LOAD must be a number, was '$quiet_load'"
  [[ "$quiet_wait" =~ ^[0-9]+$ ]] || bench_die "BENCH_QUIET_WAIT must be a whole number of seconds, was '$quiet_wait'"
}

bench_load1() {
  awk '{print $1}' /proc/loadavg 2>/dev/null || echo 0
}

# bench_wait_for_quiet: waits until the 1-minute load average is below quiet_load, polling every
# 15 s, at most quiet_wait seconds; sets waited and under_load.
bench_wait_for_quiet() {
  waited=0
  under_load=false
  [ "$quiet_wait" -gt 0 ] && [ -r /proc/loadavg ] || return 0
  while awk -v current="$(bench_load1)" -v max="$quiet_load" 'BEGIN {exit !(current >= max)}'; do
    if [ "$waited" -ge "$quiet_wait" ]; then
      under_load=true
      echo "bench: warning: the load average is still $(bench_load1) after ${waited} s; measuring under load" >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "bench: load average $(bench_load1) >= $quiet_load; waiting (at most ${quiet_wait} s)" >&2
    sleep 15
    waited=$((waited + 15))
  done
  [ "$waited" = 0 ] || echo "bench: load average $(bench_load1) after ${waited} s" >&2
}

# --- PostgreSQL ------------------------------------------------------------------------------------

# bench_pg_settings: reads BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER and BENCH_PG_DATABASE (default
# 127.0.0.1, 5432, postgres, test) into pg_host, pg_port, pg_user and pg_database, and checks the port.
bench_pg_settings() {
  pg_host=${BENCH_PG_HOST:-127.0.0.1}
  pg_port=${BENCH_PG_PORT:-5432}
  pg_user=${BENCH_PG_USER:-postgres}
  pg_database=${BENCH_PG_DATABASE:-test}
  pg_schema=""
  [[ "$pg_port" =~ ^[0-9]+$ ]] || bench_die "BENCH_PG_PORT must be a port number, was '$pg_port'"
}

bench_psql() {
  psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_database" "$@"
}

# bench_pg_vacuum_settings: reads BENCH_PG_VACUUM (auto, always or never; default auto) into
# pg_vacuum_setting, and checks it.
bench_pg_vacuum_settings() {
  pg_vacuum_setting=${BENCH_PG_VACUUM:-auto}
  [[ "$pg_vacuum_setting" =~ ^(auto|always|never)$ ]] \
    || bench_die "BENCH_PG_VACUUM must be auto, always or never, was '$pg_vacuum_setting'"
}

# bench_create_schema <prefix>: creates the schema <prefix>_<time>_<pid> and sets pg_schema to it and
# bench_db_url to the LUDUS_DB_URL that names it (with PGPASSWORD, when set, in the URL).
bench_create_schema() {
  local password=""
  pg_schema="$1_$(date +%s)_$$"
  bench_psql -c "CREATE SCHEMA $pg_schema" >/dev/null \
    || bench_die "cannot create schema $pg_schema on $pg_user@$pg_host:$pg_port/$pg_database (psql failed)"
  [ -n "${PGPASSWORD:-}" ] && password="&password=$(jq -rn --arg p "$PGPASSWORD" '$p | @uri')"
  bench_db_url="jdbc:postgresql://$pg_host:$pg_port/$pg_database?user=$pg_user&currentSchema=$pg_schema$password"
}

# bench_drop_schema: drops the schema of bench_create_schema, if any.
bench_drop_schema() {
  if [ -n "${pg_schema:-}" ]; then
    bench_psql -c "DROP SCHEMA IF EXISTS $pg_schema CASCADE" >/dev/null 2>&1 \
      || echo "bench: warning: could not drop schema $pg_schema" >&2
    pg_schema=""
  fi
}

# PostgreSQL's own CPU time: the processes named postgres on this machine (0 when it runs elsewhere).
bench_postgres_jiffies() {
  # shellcheck disable=SC2046
  bench_pid_jiffies $(pgrep -x postgres 2>/dev/null || true)
}

# bench_vacuum_schema: VACUUM (ANALYZE) every table of the schema of bench_create_schema, and nothing
# else.
bench_vacuum_schema() {
  local tables
  tables=$(bench_psql -Atc "SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables
    WHERE schemaname = '$pg_schema'") || bench_fail "listing the tables of $pg_schema failed"
  [ -n "$tables" ] || bench_fail "schema $pg_schema has no tables"
  bench_psql -c "VACUUM (ANALYZE) $tables" >/dev/null || bench_fail "VACUUM (ANALYZE) of $pg_schema failed"
}

# --- stores ------------------------------------------------------------------------------------------

# bench_stores <setting>: sets stores from sqlite, postgresql or both (the value of BENCH_STORE), and
# checks that psql is there when PostgreSQL is among them.
bench_stores() {
  case "$1" in
    sqlite) stores=(sqlite) ;;
    postgresql) stores=(postgresql) ;;
    both) stores=(sqlite postgresql) ;;
    *) bench_die "BENCH_STORE must be sqlite, postgresql or both, was '$1'" ;;
  esac
  if [[ " ${stores[*]} " == *" postgresql "* ]]; then
    command -v psql >/dev/null 2>&1 \
      || bench_die "psql is missing; install it: apt-get install -y postgresql-client (or set BENCH_STORE=sqlite)"
  fi
}

# bench_store <store> <schema prefix> <directory>: a fresh store for the next bench_start_server,
# which takes bench_store_env as its extra environment. For postgresql: a fresh schema
# (bench_create_schema <prefix>; the caller drops it) named by LUDUS_DB_URL in bench_store_env;
# pg_vacuum true when the schema's tables are to be vacuumed before measured runs (pg_vacuum_setting,
# and for auto whether the server's autovacuum is off); CPU accounting of PostgreSQL on. Sets
# bench_database to a description of the store (for SQLite, the file system of <directory>).
bench_store() {
  local store="$1" version autovacuum vacuum=""
  bench_store_env=()
  pg_vacuum=false
  bench_count_postgres=false
  if [ "$store" = postgresql ]; then
    bench_create_schema "$2"
    bench_store_env=("LUDUS_DB_URL=$bench_db_url")
    bench_count_postgres=true
    version=$(bench_psql -Atc 'SHOW server_version' 2>/dev/null || echo unknown)
    autovacuum=$(bench_psql -Atc 'SHOW autovacuum' 2>/dev/null || echo unknown)
    case "${pg_vacuum_setting:-auto}" in
      always) pg_vacuum=true ;;
      never) pg_vacuum=false ;;
      auto) if [ "$autovacuum" != on ]; then pg_vacuum=true; fi ;;
    esac
    if [ "$pg_vacuum" = true ]; then vacuum=", VACUUM (ANALYZE) before measured runs"; fi
    bench_database="PostgreSQL $version at $pg_host:$pg_port/$pg_database, fresh schema (synchronous_commit $(bench_psql -Atc 'SHOW synchronous_commit' 2>/dev/null || echo unknown), autovacuum $autovacuum$vacuum)"
  else
    bench_database="SQLite in a fresh data directory ($(df -PT "$3" 2>/dev/null | awk 'NR == 2 {print $2}') file system)"
  fi
}

# --- webhooks (suite.sh, webhooks-bench.sh) ----------------------------------------------------------

# The webhook receiver of bench_start_receiver: its pid and the URL deliveries go to.
bench_receiver_pid=""
bench_receiver_url=""

# bench_start_receiver <arrivals file>: starts bench/webhook-receiver.py (python3), which answers 200
# at once to every POST and appends "<arrival ms> <webhook-id> <payload timestamp ms>" to the file
# for each; sets bench_receiver_pid and bench_receiver_url. A GET of that URL answers the number of
# distinct messages received.
bench_start_receiver() {
  local log="$1" port=""
  : >"$log"
  python3 "$bench_root/bench/webhook-receiver.py" "$log" >"$log.port" 2>"$log.err" &
  bench_receiver_pid=$!
  for _ in $(seq 1 100); do
    port=$(head -n 1 "$log.port")
    [ -n "$port" ] && break
    kill -0 "$bench_receiver_pid" 2>/dev/null || bench_fail "the webhook receiver exited: $(cat "$log.err")"
    sleep 0.1
  done
  [ -n "$port" ] || bench_fail "the webhook receiver did not start within 10 seconds"
  bench_receiver_url="http://127.0.0.1:$port/hook"
}

# bench_stop_receiver: stops the receiver of bench_start_receiver, if any.
bench_stop_receiver() {
  if [ -n "$bench_receiver_pid" ]; then
    kill "$bench_receiver_pid" 2>/dev/null || true
    wait "$bench_receiver_pid" 2>/dev/null || true
  fi
  bench_receiver_pid=""
}

# bench_store_query <SQL>: runs the query on the store of the running server (the PostgreSQL schema
# of bench_store when there is one, else the SQLite file in bench_server_dir, with python3) and
# prints its rows, the columns separated by a space.
bench_store_query() {
  if [ -n "${pg_schema:-}" ]; then
    PGOPTIONS="-c search_path=$pg_schema" bench_psql -At -F ' ' -c "$1" || bench_fail "the query failed: $1"
  else
    python3 -c '
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1], timeout=30).execute(sys.argv[2]):
    print(" ".join("" if value is None else str(value) for value in row))' \
      "$bench_server_dir/data/ludus.db" "$1" || bench_fail "the query failed: $1"
  fi
}

# bench_webhook_endpoint <admin token> <event type...>: creates an endpoint of the application of the
# token at the receiver (bench_start_receiver), subscribed to the types; sets bench_endpoint_id.
bench_webhook_endpoint() {
  local token="$1" status body
  shift
  body=$(jq -nc --arg url "$bench_receiver_url" '{url: $url, event_types: $ARGS.positional}' --args "$@")
  status=$(bench_request POST /v1/webhooks "$token" "$body")
  [ "$status" = 201 ] || bench_fail "POST /v1/webhooks answered $status: $(cat "$work/answer.json")"
  bench_endpoint_id=$(jq -er .id "$work/answer.json") || bench_fail "no endpoint id in: $(cat "$work/answer.json")"
}

# bench_webhooks_drain <seconds>: waits, at most that long, until the receiver has every message of
# the endpoint of bench_webhook_endpoint that the store holds and none of its deliveries is pending;
# returns 1 when the time runs out.
bench_webhooks_drain() {
  local limit="$1" started messages=0 arrived
  started=$(date +%s)
  while :; do
    arrived=$(curl -s "$bench_receiver_url" || true)
    if [ "${arrived:-0}" -ge "$messages" ]; then
      messages=$(bench_store_query "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = '$bench_endpoint_id'")
      [ "${arrived:-0}" -ge "$messages" ] && [ "$(bench_store_query "SELECT COUNT(*) FROM webhook_deliveries
        WHERE endpoint_id = '$bench_endpoint_id' AND status = 'pending'")" = 0 ] && return 0
    fi
    [ $(($(date +%s) - started)) -lt "$limit" ] || return 1
    sleep 0.1
  done
}

# bench_webhook_figures <arrivals file> <from ms> <to ms>: the figures of the messages of the endpoint
# of bench_webhook_endpoint against a window [from, to] (epoch ms), as one JSON object:
#   produced, produced_per_s     messages written to the outbox in the window (by their created_at)
#   delivered, delivered_per_s   distinct messages whose first arrival is in the window
#   delivered_vs_produced        delivered / produced (so delivered_per_s / produced_per_s)
#   backlog_at_end               messages written by the end of the window that had not arrived by then
#   drained_after_ms             from the end of the window to the last arrival
#   undelivered                  messages of the window that never arrived (the delays are then null)
#   delay_p50_ms, delay_p99_ms, delay_max_ms
#                                arrival minus the payload's timestamp, of the messages written in the
#                                window (nearest rank)
#   arrival_span_s, arrived_per_s
#                                from the first to the last arrival of those messages, and how many
#                                arrived per second over it
#   deliveries, attempts         the endpoint's deliveries by status, its attempts by outcome
# Uses the work directory. Call it once the outbox is drained (bench_webhooks_drain).
bench_webhook_figures() {
  local arrivals="$1" from="$2" to="$3" counts percentiles by_status by_outcome
  local produced delivered backlog undelivered last span_first span_last p50 p99 max
  bench_store_query "SELECT m.id, m.created_at FROM webhook_messages m JOIN webhook_deliveries d
    ON d.message_seq = m.seq WHERE d.endpoint_id = '$bench_endpoint_id'" >"$work/messages.txt"
  counts=$(awk -v from="$from" -v to="$to" -v delays="$work/delays.txt" '
    FNR == NR { created[$1] = $2; next }
    !($2 in first) || $1 < first[$2] { first[$2] = $1; stamp[$2] = $3 }
    END {
      printf "" >delays
      for (id in first) {
        if (first[id] >= from && first[id] <= to) delivered++
        if (first[id] > last) last = first[id]
      }
      for (id in created) {
        c = created[id]
        if (c <= to && !(id in first && first[id] <= to)) backlog++
        if (c < from || c > to) continue
        produced++
        if (!(id in first)) { undelivered++; continue }
        print first[id] - stamp[id] >delays
        if (span_first == "" || first[id] < span_first) span_first = first[id]
        if (first[id] > span_last) span_last = first[id]
      }
      printf "%d %d %d %d %.1f %.1f %.1f\n", produced, delivered, backlog, undelivered, last, span_first, span_last
    }' "$work/messages.txt" "$arrivals")
  percentiles=$(sort -n "$work/delays.txt" | awk '
    function rank(q,   i) { i = int(q * NR); if (i < q * NR) i++; return d[i < 1 ? 1 : i] }
    { d[NR] = $1 }
    END { if (NR == 0) print "null null null"; else print rank(0.5), rank(0.99), d[NR] }')
  read -r produced delivered backlog undelivered last span_first span_last <<<"$counts"
  read -r p50 p99 max <<<"$percentiles"
  by_status=$(bench_store_query "SELECT status, COUNT(*) FROM webhook_deliveries
    WHERE endpoint_id = '$bench_endpoint_id' GROUP BY status")
  by_outcome=$(bench_store_query "SELECT outcome, COUNT(*) FROM webhook_attempts
    WHERE endpoint_id = '$bench_endpoint_id' GROUP BY outcome")
  jq -n --argjson from "$from" --argjson to "$to" --argjson produced "$produced" --argjson delivered "$delivered" \
    --argjson backlog "$backlog" --argjson undelivered "$undelivered" --argjson last "$last" \
    --argjson span_first "$span_first" --argjson span_last "$span_last" \
    --argjson p50 "$p50" --argjson p99 "$p99" --argjson max "$max" --arg by_status "$by_status" --arg by_outcome "$by_outcome" '
    def r1: . * 10 | round / 10;
    def counts: split("\n") | map(select(length > 0) | split(" ") | {(.[0]): (.[1] | tonumber)}) | add // {};
    (($to - $from) / 1000) as $window
    | {window_s: $window,
       produced: $produced, produced_per_s: ($produced / $window | r1),
       delivered: $delivered, delivered_per_s: ($delivered / $window | r1),
       delivered_vs_produced: (if $produced > 0 then ($delivered / $produced * 1000 | round / 1000) else null end),
       backlog_at_end: $backlog,
       drained_after_ms: ([$last - $to, 0] | max | round),
       undelivered: $undelivered,
       delay_p50_ms: (if $undelivered > 0 then null else $p50 end),
       delay_p99_ms: (if $undelivered > 0 then null else $p99 end),
       delay_max_ms: (if $undelivered > 0 then null else $max end),
       arrival_span_s: (($span_last - $span_first) / 1000 | . * 1000 | round / 1000),
       arrived_per_s: (if $span_last > $span_first
                       then (($produced - $undelivered) / (($span_last - $span_first) / 1000) | r1) else null end),
       deliveries: ($by_status | counts), attempts: ($by_outcome | counts)}'
}
