# Sourced by the bin/ scripts: finds a JDK 25 and exports JAVA_HOME, or exits with a clear message.
# Order: $JAVA_HOME if it is a JDK 25, else the first /usr/lib/jvm/*25* that is.
brainalign_is_jdk25() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -q '"25[."]'
}

brainalign_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && brainalign_is_jdk25 "$JAVA_HOME"; then
    return 0
  fi
  for candidate in /usr/lib/jvm/*25*; do
    if brainalign_is_jdk25 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "brainalign: no JDK 25 found. Set JAVA_HOME to a JDK 25 or install one under /usr/lib/jvm" >&2
  echo "  (e.g. Temurin 25: apt-get install temurin-25-jdk from the Adoptium repository)." >&2
  exit 1
}

brainalign_find_jdk
if ! command -v mvn >/dev/null 2>&1; then
  echo "brainalign: Maven (mvn) is needed to build; install it with: apt-get install -y maven" >&2
  exit 1
fi
