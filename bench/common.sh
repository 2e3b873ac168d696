# Shared by bench/jmh.sh and bench/http-bench.sh (sourced, not run): finds a JDK 21+ and builds jars.
# shellcheck shell=bash

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
