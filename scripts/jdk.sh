# Sourced by ./ludus and .ci/run: find_java prints the path of a JDK 21+ `java`
# (JAVA_HOME, then the PATH, then the usual install folders) or returns 1.

# The major version of a `java`: from its JDK's `release` file when it has one (no JVM started: this
# runs on every `./ludus` command), else from the JVM's own settings.
java_major() {
  local release major
  release="$(java_home_of "$1" 2>/dev/null)/release"
  if [ -r "$release" ]; then
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1)
    if [[ "$major" =~ ^[0-9]+$ ]]; then
      echo "$major"; return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

is_jdk21() {
  local java="$1" major
  [ -x "$java" ] || return 1
  [ -x "$(dirname "$java")/javac" ] || return 1
  major=$(java_major "$java")
  [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 21 ]
}

find_java() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME/bin/java"; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  if candidate=$(command -v java 2>/dev/null) && candidate=$(readlink -f "$candidate") && is_jdk21 "$candidate"; then
    echo "$candidate"; return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    if is_jdk21 "$candidate"; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

# The JDK home of a `java` path.
java_home_of() {
  (cd "$(dirname "$(readlink -f "$1")")/.." && pwd)
}

# JVM options for `serve` with `java` $2 (default: find_java): start-up from a cache of the jar's
# classes kept beside it (ADR 0039). On JDK 25+ an ahead-of-time cache (<jar minus .jar>.aot, JEP
# 483 and 514: the classes loaded and linked, and method profiles): a start without a cache newer
# than the jar records what it loads and writes the cache when it stops (a few seconds more at that
# stop, once per build); later starts use it. On JDK 21 to 24 a class-data archive
# (<jar minus .jar>.jsa), written when the JVM exits the first time and again whenever the jar has
# changed. LUDUS_CDS=off leaves both out.
cds_options() {
  [ "${LUDUS_CDS:-on}" = off ] && return 0
  local jar="$1" java="${2:-}" major aot
  [ -n "$java" ] || java=$(find_java) || java=""
  major=$([ -n "$java" ] && java_major "$java" || echo 0)
  if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 25 ]; then
    aot="${jar%.jar}.aot"
    if [ -f "$aot" ] && [ "$aot" -nt "$jar" ]; then
      echo "-XX:AOTCache=$aot -Xlog:aot*=off -Xlog:cds*=off"
    else
      echo "-XX:AOTCacheOutput=$aot -Xlog:aot*=off -Xlog:cds*=off"
    fi
    return 0
  fi
  echo "-XX:SharedArchiveFile=${jar%.jar}.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}
