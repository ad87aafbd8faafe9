# shellcheck shell=bash
# Eris ops library: configuration, logging, downloads. Sourced by ./eris and ops/*.sh.
#
# Everything the launcher needs comes from Maven Central through the project's own
# Maven settings (.mvn/), and lands under $ERIS_STATE_DIR (default: <repo>/.eris).

ERIS_ROOT="${ERIS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export ERIS_ROOT

# ---------------------------------------------------------------------------------
# Versions (keep in step with the parent pom's properties)
PAYARA_VERSION="6.2025.9"
ARTEMIS_VERSION="2.40.0"
POSTGRESQL_JDBC_VERSION="42.7.14"

# ---------------------------------------------------------------------------------
# Logging
_eris_ts() { date +%H:%M:%S; }
info() { printf '%s [eris] %s\n' "$(_eris_ts)" "$*" >&2; }
warn() { printf '%s [eris] WARNING: %s\n' "$(_eris_ts)" "$*" >&2; }
die() {
  printf '%s [eris] ERROR: %s\n' "$(_eris_ts)" "$*" >&2
  exit 1
}

# Seconds since the epoch with millisecond precision, and elapsed-time formatting.
now_ms() { date +%s%3N; }
since() { # since <start_ms> -> "12.3 s"
  local d=$(($(now_ms) - $1))
  printf '%d.%d s' $((d / 1000)) $(((d % 1000) / 100))
}

# ---------------------------------------------------------------------------------
# Configuration. eris_profile <run|test> sets every ERIS_* variable the scripts use,
# from the environment or defaults. The README's configuration table lists them.
eris_profile() {
  local profile="$1"
  ERIS_PROFILE="$profile"
  ERIS_STATE_DIR="${ERIS_STATE_DIR:-$ERIS_ROOT/.eris}"
  ERIS_DOWNLOADS="$ERIS_STATE_DIR/downloads"
  PAYARA_HOME="$ERIS_STATE_DIR/payara-$PAYARA_VERSION/payara6"
  ARTEMIS_HOME="$ERIS_STATE_DIR/artemis-$ARTEMIS_VERSION/apache-artemis-$ARTEMIS_VERSION"
  ERIS_EAR="${ERIS_EAR:-$ERIS_ROOT/ear/target/eris.ear}"
  ERIS_RAR="$ERIS_ROOT/jms-config/target/artemis-ra.rar"

  # Shared by both profiles: where PostgreSQL is, and who we are there.
  ERIS_DB_HOST="${ERIS_DB_HOST:-127.0.0.1}"
  ERIS_DB_PORT="${ERIS_DB_PORT:-5432}"
  ERIS_DB_USER="${ERIS_DB_USER:-eris}"
  ERIS_T_MS="${ERIS_T_MS:-250}"

  case "$profile" in
    run)
      ERIS_HOME="$ERIS_STATE_DIR/run"
      ERIS_DOMAIN="${ERIS_DOMAIN:-eris}"
      ERIS_PORTBASE="${ERIS_PORTBASE:-8000}"
      ERIS_BROKER_PORT="${ERIS_BROKER_PORT:-61616}"
      ERIS_DB="${ERIS_DB:-auto}"
      ERIS_DB_NAME="${ERIS_DB_NAME:-eris}"
      ERIS_DB_URL="${ERIS_DB_URL:-}"
      ERIS_NODE_NAME="${ERIS_NODE_NAME:-node1}"
      ERIS_NODE_KEY="${ERIS_NODE_KEY:-$ERIS_HOME/node.key}"
      ERIS_GENESIS="${ERIS_GENESIS:-$ERIS_HOME/genesis.json}"
      ERIS_GENESIS_HASH="${ERIS_GENESIS_HASH:-}"
      ;;
    test)
      # Never the run profile's database, ports or files: the test database is dropped
      # and re-created on every run.
      ERIS_HOME="$ERIS_STATE_DIR/test"
      ERIS_DOMAIN="eris-test"
      ERIS_PORTBASE="${ERIS_TEST_PORTBASE:-28000}"
      ERIS_BROKER_PORT="${ERIS_TEST_BROKER_PORT:-61626}"
      ERIS_DB="postgres"
      ERIS_DB_NAME="${ERIS_TEST_DB_NAME:-eris_test}"
      ERIS_DB_URL=""
      ERIS_NODE_NAME="test-node"
      ERIS_NODE_KEY="$ERIS_HOME/node.key"
      ERIS_GENESIS="$ERIS_HOME/genesis.json"
      ERIS_GENESIS_HASH=""
      ;;
    *) die "unknown profile '$profile'" ;;
  esac
  ERIS_SECRETS="$ERIS_HOME/secrets"
  # Scratch files of one domain (asadmin command files, their logs): per domain, so several
  # domains sharing a state directory (./eris cluster) can be provisioned at the same time.
  ERIS_WORK="$ERIS_HOME/work/${ERIS_DOMAIN}"
  ERIS_BROKER_HOST="${ERIS_BROKER_HOST:-127.0.0.1}"
  ERIS_BROKER_START="${ERIS_BROKER_START:-1}"
  ERIS_BROKER_USER="${ERIS_BROKER_USER:-eris}"
  ERIS_BROKER_HEAP="${ERIS_BROKER_HEAP:-512M}"
  ERIS_HEAP="${ERIS_HEAP:-512m}"
  ERIS_BROKER_INSTANCE="$ERIS_HOME/broker"
  ERIS_ADMIN_PORT=$((ERIS_PORTBASE + 48))
  ERIS_HTTP_PORT=$((ERIS_PORTBASE + 80))
  ERIS_DOMAIN_DIR="$PAYARA_HOME/glassfish/domains/$ERIS_DOMAIN"

  # Domain configuration and broker instance hold credentials: owner only.
  mkdir -p "$ERIS_STATE_DIR" "$ERIS_WORK"
  chmod 700 "$ERIS_STATE_DIR"
  find_java
}

# AS_JAVA / JAVA_HOME for Payara and Artemis: the JDK that runs `java` here.
find_java() {
  if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME:-}/bin/java" ]]; then
    local j
    j="$(command -v java || true)"
    [[ -n "$j" ]] || die "no 'java' on PATH: install a Java 17 JDK (e.g. apt-get install openjdk-17-jdk-headless)"
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$j")")")"
  fi
  export JAVA_HOME
  export AS_JAVA="$JAVA_HOME"
}

# ---------------------------------------------------------------------------------
# Small helpers

# port_open <host> <port>: something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# wait_for <seconds> <command...>: poll until the command succeeds; 1 on timeout.
wait_for() {
  local secs="$1"
  shift
  local deadline=$(($(date +%s) + secs))
  until "$@"; do
    (($(date +%s) < deadline)) || return 1
    sleep 0.5
  done
}

# HTTP GET on the loopback address without curl: prints status line, headers and body.
http_get() {
  local port="$1" path="$2"
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
    timeout 10 cat <&3
  ) 2>/dev/null || true
}
http_status() { http_get "$@" | head -1 | awk '{print $2}'; }
http_body() { http_get "$@" | sed '1,/^\r\{0,1\}$/d'; }

# A random alphanumeric secret (no characters that need escaping in asadmin).
random_secret() {
  local s=""
  while ((${#s} < 24)); do
    s+="$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${s:0:24}"
}

# secret <name> <env-value>: the value from the environment, else the one stored under
# $ERIS_SECRETS/<name> (mode 0600), else a new random one, stored there.
secret() {
  local name="$1" value="$2" file="$ERIS_SECRETS/$1"
  if [[ -n "$value" ]]; then
    printf '%s' "$value"
    return
  fi
  mkdir -p "$ERIS_SECRETS"
  chmod 700 "$ERIS_SECRETS"
  if [[ ! -s "$file" ]]; then
    (umask 077 && random_secret >"$file")
  fi
  chmod 600 "$file"
  cat "$file"
}

# Escape a value for an asadmin --property list (name=value:name=value).
asadmin_escape() {
  local v="$1"
  v="${v//\\/\\\\}"
  v="${v//:/\\:}"
  v="${v//=/\\=}"
  printf '%s' "$v"
}

sha_of() { sha256sum | cut -c1-16; }

# Run Maven quietly from the repository root, so .mvn/maven.config (Central-only
# settings) applies. Its output goes to stderr, without colour codes.
mvn_root() {
  command -v mvn >/dev/null || die "no 'mvn' on PATH: install Maven 3.8+ (apt-get install maven)"
  (cd "$ERIS_ROOT" && mvn -B -q -Dstyle.color=never "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2)
}

# ---------------------------------------------------------------------------------
# Downloads (Maven Central only, via the Maven dependency plugin)

ensure_payara() {
  [[ -x "$PAYARA_HOME/bin/asadmin" ]] && return 0
  local t0
  t0=$(now_ms)
  info "unpacking Payara Server $PAYARA_VERSION (Maven Central: fish.payara.distributions:payara:$PAYARA_VERSION:zip)"
  mkdir -p "$ERIS_DOWNLOADS"
  mvn_root -N dependency:unpack "-Dartifact=fish.payara.distributions:payara:$PAYARA_VERSION:zip" \
    "-DoutputDirectory=$(dirname "$PAYARA_HOME")" -Dmdep.overWriteReleases=true \
    || die "could not fetch Payara from Maven Central"
  [[ -x "$PAYARA_HOME/bin/asadmin" ]] || die "Payara unpacked, but $PAYARA_HOME/bin/asadmin is missing"
  info "Payara ready in $(since "$t0")"
}

ensure_artemis() {
  [[ -x "$ARTEMIS_HOME/bin/artemis" ]] && return 0
  local t0
  t0=$(now_ms)
  info "unpacking ActiveMQ Artemis $ARTEMIS_VERSION (Maven Central: org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:zip:bin)"
  mkdir -p "$ERIS_DOWNLOADS"
  mvn_root -N dependency:unpack "-Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:zip:bin" \
    "-DoutputDirectory=$(dirname "$ARTEMIS_HOME")" -Dmdep.overWriteReleases=true \
    || die "could not fetch Artemis from Maven Central"
  [[ -x "$ARTEMIS_HOME/bin/artemis" ]] || die "Artemis unpacked, but $ARTEMIS_HOME/bin/artemis is missing"
  info "Artemis ready in $(since "$t0")"
}

# The PostgreSQL JDBC driver jar (for the domain's lib and for ops/DbTool.java).
pg_driver_jar() {
  local jar="$ERIS_DOWNLOADS/postgresql-$POSTGRESQL_JDBC_VERSION.jar"
  if [[ ! -s "$jar" ]]; then
    mkdir -p "$ERIS_DOWNLOADS"
    mvn_root -N dependency:copy "-Dartifact=org.postgresql:postgresql:$POSTGRESQL_JDBC_VERSION" \
      "-DoutputDirectory=$ERIS_DOWNLOADS" >&2 || die "could not fetch the PostgreSQL JDBC driver from Maven Central"
  fi
  printf '%s' "$jar"
}

# ---------------------------------------------------------------------------------
# Build

# The newest modification time (epoch seconds) of the sources of the given modules.
_newest_source() {
  local newest=0 t f
  for f in "$ERIS_ROOT/pom.xml" "$@"; do
    [[ -e "$f" ]] || continue
    t=$(find "$f" -type f -not -path '*/target/*' -printf '%T@\n' 2>/dev/null | sort -n | tail -1)
    t=${t%.*}
    ((${t:-0} > newest)) && newest=$t
  done
  printf '%s' "$newest"
}

# Build the EAR, the RAR and the core jar if one of them is missing or older than the
# sources. Tests are skipped here: `./eris test` runs them.
ensure_built() {
  if [[ "${ERIS_SKIP_BUILD:-0}" == 1 ]]; then
    info "ERIS_SKIP_BUILD=1: using $ERIS_EAR and $ERIS_RAR as they are"
    return 0
  fi
  local stale=0 f
  for f in "$ERIS_EAR" "$ERIS_RAR"; do
    [[ -s "$f" ]] || stale=1
  done
  if ((stale == 0)); then
    local built newest
    built=$(stat -c %Y "$ERIS_EAR")
    newest=$(_newest_source "$ERIS_ROOT"/core "$ERIS_ROOT"/db-migrations "$ERIS_ROOT"/ejb \
      "$ERIS_ROOT"/web "$ERIS_ROOT"/ear/pom.xml "$ERIS_ROOT"/ear/src/main "$ERIS_ROOT"/jms-config)
    ((newest > built)) && stale=1
  fi
  if ((stale)); then
    local t0
    t0=$(now_ms)
    info "building (mvn -DskipTests package)"
    mvn_root -DskipTests package || die "the build failed (run: mvn -B -DskipTests package)"
    info "built in $(since "$t0")"
  fi
}
