# shellcheck shell=bash
# Eris ops: the node's database. PostgreSQL when one is configured or reachable, else
# (run profile only) the H2 engine that ships inside Payara, in a file under .eris/.
#
# db_prepare sets:
#   DB_KIND        postgres | h2
#   DB_JDBC_URL    the JDBC URL (for people and tests; no password in it)
#   DB_DS_CLASS    the pool's data source class
#   DB_POOL_PROPS  the pool's --property list for asadmin (escaped)
#   DB_PASSWORD    the password of DB_USER (secret; never printed)
# Sourced after ops/lib.sh and eris_profile.

# The PostgreSQL password of ERIS_DB_USER: shared by both profiles (one role, two
# databases), so it lives in the state directory's own secrets folder.
db_password() {
  local ERIS_SECRETS="$ERIS_STATE_DIR/secrets"
  secret db.password "${ERIS_DB_PASSWORD:-}"
}

_dbtool() {
  local jar
  jar="$(pg_driver_jar)"
  ERIS_DB_PASSWORD="$DB_PASSWORD" java -cp "$jar" "$ERIS_ROOT/ops/DbTool.java" "$@"
}

# Parse ERIS_DB_URL (jdbc:postgresql://host[:port]/name[?params]) into its parts.
_db_parse_url() {
  local re='^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([^?]+)(\?.*)?$'
  [[ "$ERIS_DB_URL" =~ $re ]] || die "ERIS_DB_URL must look like jdbc:postgresql://host:port/name (got '$ERIS_DB_URL')"
  ERIS_DB_HOST="${BASH_REMATCH[1]}"
  ERIS_DB_PORT="${BASH_REMATCH[3]:-5432}"
  ERIS_DB_NAME="${BASH_REMATCH[4]}"
}

# Which database to use. ERIS_DB=postgres|h2|auto (auto: PostgreSQL if one was
# configured or answers on ERIS_DB_HOST:ERIS_DB_PORT, else H2).
db_choose() {
  [[ -n "$ERIS_DB_URL" ]] && _db_parse_url
  case "$ERIS_DB" in
    postgres | h2) DB_KIND="$ERIS_DB" ;;
    auto)
      if [[ -n "$ERIS_DB_URL" ]] || port_open "$ERIS_DB_HOST" "$ERIS_DB_PORT"; then
        DB_KIND=postgres
      else
        DB_KIND=h2
      fi
      ;;
    *) die "ERIS_DB must be auto, postgres or h2 (got '$ERIS_DB')" ;;
  esac
}

# db_prepare [--recreate]
db_prepare() {
  db_choose
  if [[ "$DB_KIND" == postgres ]]; then
    if _db_prepare_postgres "$@"; then
      return 0
    fi
    if [[ "$ERIS_DB" == auto && -z "$ERIS_DB_URL" && "$ERIS_PROFILE" == run ]]; then
      warn "PostgreSQL at $ERIS_DB_HOST:$ERIS_DB_PORT cannot be used (see above); falling back to the embedded H2 database."
      warn "To use PostgreSQL, set ERIS_DB_USER / ERIS_DB_PASSWORD (a role with CREATEDB), or ERIS_DB_URL; ERIS_DB=h2 silences this."
      DB_KIND=h2
    else
      die "PostgreSQL at $ERIS_DB_HOST:$ERIS_DB_PORT cannot be used (see above)"
    fi
  fi
  _db_prepare_h2
}

_db_prepare_postgres() {
  local recreate="${1:-}" rc=0 out
  DB_PASSWORD="$(db_password)"
  pg_driver_jar >/dev/null
  if ! port_open "$ERIS_DB_HOST" "$ERIS_DB_PORT"; then
    warn "no PostgreSQL answers on $ERIS_DB_HOST:$ERIS_DB_PORT"
    return 1
  fi
  out=$(_dbtool prepare "$ERIS_DB_HOST" "$ERIS_DB_PORT" "$ERIS_DB_NAME" "$ERIS_DB_USER" $recreate 2>&1) || rc=$?
  if ((rc == 11)) || { ((rc == 12)) && [[ "$out" == *"permission denied"* ]]; }; then
    # Our role is missing, has another password, or may not create databases: try to
    # (re)create it as an administrator, then try again.
    info "PostgreSQL: role '$ERIS_DB_USER' cannot log in or create databases ($(echo "$out" | tail -1)); setting it up"
    _db_create_role || return 1
    rc=0
    out=$(_dbtool prepare "$ERIS_DB_HOST" "$ERIS_DB_PORT" "$ERIS_DB_NAME" "$ERIS_DB_USER" $recreate 2>&1) || rc=$?
  fi
  if ((rc != 0)); then
    warn "PostgreSQL: $(echo "$out" | tail -3 | tr '\n' ' ')"
    return 1
  fi
  info "PostgreSQL: $(echo "$out" | head -1) on $ERIS_DB_HOST:$ERIS_DB_PORT (user $ERIS_DB_USER)"
  DB_KIND=postgres
  DB_JDBC_URL="${ERIS_DB_URL:-jdbc:postgresql://$ERIS_DB_HOST:$ERIS_DB_PORT/$ERIS_DB_NAME}"
  DB_DS_CLASS="org.postgresql.ds.PGSimpleDataSource"
  DB_POOL_PROPS="URL=$(asadmin_escape "$DB_JDBC_URL"):user=$(asadmin_escape "$ERIS_DB_USER"):password=$(asadmin_escape "$DB_PASSWORD")"
}

# Make ERIS_DB_USER a LOGIN CREATEDB role with our password, as an administrator:
# ERIS_DB_ADMIN_USER (default postgres) over TCP (works where 127.0.0.1 is trusted or
# ERIS_DB_ADMIN_PASSWORD is given), else, when we are root on the database's machine, as
# the postgres OS user through psql (Debian's default peer authentication).
_db_create_role() {
  local admin="${ERIS_DB_ADMIN_USER:-postgres}" out rc=0
  out=$(ERIS_DB_ADMIN_PASSWORD="${ERIS_DB_ADMIN_PASSWORD:-}" _dbtool create-role \
    "$ERIS_DB_HOST" "$ERIS_DB_PORT" "$admin" "$ERIS_DB_USER" 2>&1) || rc=$?
  if ((rc == 0)); then
    info "PostgreSQL: $out (as $admin)"
    return 0
  fi
  if [[ $(id -u) == 0 && "$ERIS_DB_HOST" =~ ^(127\.0\.0\.1|localhost)$ ]] && command -v psql >/dev/null \
    && id postgres >/dev/null 2>&1; then
    local pw="${DB_PASSWORD//\'/\'\'}" sql
    sql="DO \$\$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ERIS_DB_USER') THEN
        ALTER ROLE \"$ERIS_DB_USER\" LOGIN CREATEDB PASSWORD '$pw';
      ELSE
        CREATE ROLE \"$ERIS_DB_USER\" LOGIN CREATEDB PASSWORD '$pw';
      END IF; END \$\$;"
    if (cd / && printf '%s\n' "$sql" | runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$ERIS_DB_PORT" -d postgres) >/dev/null 2>&1; then
      info "PostgreSQL: role $ERIS_DB_USER set up (as the postgres OS user)"
      return 0
    fi
  fi
  warn "PostgreSQL: could not set up role '$ERIS_DB_USER' as '$admin': $(echo "$out" | tail -1)"
  warn "create it yourself: CREATE ROLE $ERIS_DB_USER LOGIN CREATEDB PASSWORD '...'; then set ERIS_DB_PASSWORD"
  return 1
}

_db_prepare_h2() {
  local dir="$ERIS_HOME/h2"
  mkdir -p "$dir"
  DB_PASSWORD="$(secret h2.password "")"
  DB_KIND=h2
  # PostgreSQL compatibility mode: the Flyway SQL is written for both engines.
  DB_JDBC_URL="jdbc:h2:file:$dir/eris;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  DB_DS_CLASS="org.h2.jdbcx.JdbcDataSource"
  DB_POOL_PROPS="URL=$(asadmin_escape "$DB_JDBC_URL"):user=eris:password=$(asadmin_escape "$DB_PASSWORD")"
  if [[ "$ERIS_DB" == h2 ]]; then
    info "database: embedded H2 (Payara's own engine) in $dir (ERIS_DB=h2)"
  else
    info "database: embedded H2 (Payara's own engine) in $dir: no PostgreSQL configured or reachable"
  fi
}
