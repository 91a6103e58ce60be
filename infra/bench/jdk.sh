# Sourced by the bench and soak scripts: picks the JDK as .ci/run does, JAVA_HOME if it is 21+,
# else java on PATH, else /usr/lib/jvm/*, and exports JAVA_HOME (or exits if there is none).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ] 2>/dev/null; then
  JAVA_HOME=""
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ] 2>/dev/null; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  else
    for candidate in /usr/lib/jvm/*; do
      if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
        JAVA_HOME="$candidate"
        break
      fi
    done
  fi
  if [ -z "$JAVA_HOME" ]; then
    echo "No JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*)." >&2
    exit 1
  fi
fi
export JAVA_HOME
