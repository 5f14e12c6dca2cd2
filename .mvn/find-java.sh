# Sourced (POSIX sh) by ./mvnw, ./railway and .ci/run: picks a JDK >= 21 and exports JAVA_HOME.
# Why: machines often default to an older `java` (17 here) while Railway targets Java 21.
# Order: JAVA_HOME if it qualifies, then `java` on PATH, then JDKs under the usual install roots.

railway_java_major() {
  # Prints the feature version of the java binary $1 (e.g. 21), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

railway_find_java() {
  railway_min=21
  # Callers may run with `set -f` (mvnw does); the search below needs globbing.
  case $- in *f*) railway_noglob=1; set +f ;; *) railway_noglob=0 ;; esac
  for railway_candidate in "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)" 2>/dev/null)")" 2>/dev/null)" \
    /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$railway_candidate" ] && [ -x "$railway_candidate/bin/java" ] && [ -x "$railway_candidate/bin/javac" ] || continue
    railway_major=$(railway_java_major "$railway_candidate/bin/java")
    if [ -n "$railway_major" ] && [ "$railway_major" -ge "$railway_min" ]; then
      JAVA_HOME=$railway_candidate
      export JAVA_HOME
      [ "$railway_noglob" = 1 ] && set -f
      return 0
    fi
  done
  [ "$railway_noglob" = 1 ] && set -f
  echo "railway: no JDK ${railway_min} or newer found." >&2
  echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), the java on PATH, and /usr/lib/jvm, /usr/java, /opt." >&2
  echo "  Install a JDK ${railway_min}+ (e.g. Temurin 21) and set JAVA_HOME to it." >&2
  return 1
}

railway_find_java || exit 1
