# Sourced by ./ludus and .ci/run: find_java prints the path of a JDK 21+ `java`
# (JAVA_HOME, then the PATH, then the usual install folders) or returns 1.

java_major() {
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

# JVM options for `serve`: a class-data archive of the jar kept beside it (<jar minus .jar>.jsa),
# written when the JVM exits the first time and again whenever the jar has changed; later starts
# map the classes from it instead of loading them one by one (JDK 19+; about 40% of the start-up
# time here, docs/performance.md). LUDUS_CDS=off leaves it out.
cds_options() {
  [ "${LUDUS_CDS:-on}" = off ] && return 0
  echo "-XX:SharedArchiveFile=${1%.jar}.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}
