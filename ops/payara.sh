# shellcheck shell=bash
# Eris ops: the Payara Server domain of one profile (run or test): created, bound to
# 127.0.0.1, given the JDBC pool, the Artemis resource adapter and its resources, and the
# node's system properties. Sourced after ops/lib.sh, ops/broker.sh, ops/db.sh and
# eris_profile.

RA_NAME="artemis-ra"
EXISTING=""
RESOURCES_CHANGED=0 # the application must be redeployed to see them
_has() { grep -qx -- "$1" <<<"$EXISTING"; }
JDBC_POOL="eris-pool"
JDBC_RESOURCE="jdbc/eris"

asadmin() {
  "$PAYARA_HOME/bin/asadmin" --interactive=false "$@"
}

# asadmin against this profile's running domain.
asadm() {
  asadmin --host 127.0.0.1 --port "$ERIS_ADMIN_PORT" "$@"
}

domain_pid() {
  local f="$ERIS_DOMAIN_DIR/config/pid" pid
  [[ -s "$f" ]] || return 1
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

domain_running() { domain_pid >/dev/null; }

# State kept inside the domain directory, so deleting the domain forgets it too.
_state() { printf '%s/eris-state/%s' "$ERIS_DOMAIN_DIR" "$1"; }
_state_get() { cat "$(_state "$1")" 2>/dev/null || true; }
_state_set() {
  mkdir -p "$(dirname "$(_state "$1")")"
  printf '%s' "$2" >"$(_state "$1")"
}

domain_create() {
  ensure_payara
  if [[ -f "$ERIS_DOMAIN_DIR/config/domain.xml" ]]; then
    local pb
    pb=$(_state_get portbase)
    if [[ -z "$pb" || "$pb" == "$ERIS_PORTBASE" ]]; then
      return 0
    fi
    if [[ "$ERIS_PROFILE" != test ]]; then
      die "domain $ERIS_DOMAIN was created with port base $pb, not $ERIS_PORTBASE: run './eris clean' (drops the domain) or keep the old port base"
    fi
    # The test domain is disposable: make it again on the new ports.
    domain_stop
    asadmin delete-domain "$ERIS_DOMAIN" >/dev/null || rm -rf "$ERIS_DOMAIN_DIR"
  fi
  local t0 p
  t0=$(now_ms)
  for p in 48 80 81 37 38 39 86 66 49 59; do
    if port_open 127.0.0.1 $((ERIS_PORTBASE + p)); then
      die "port $((ERIS_PORTBASE + p)) (port base $ERIS_PORTBASE + $p) is taken: choose another port base (ERIS_PORTBASE, test: ERIS_TEST_PORTBASE)"
    fi
  done
  info "payara: creating domain $ERIS_DOMAIN (port base $ERIS_PORTBASE)"
  asadmin create-domain --nopassword=true --portbase "$ERIS_PORTBASE" "$ERIS_DOMAIN" \
    >"$ERIS_WORK/domain-create.log" 2>&1 || die "create-domain failed: see $ERIS_WORK/domain-create.log"
  _domain_patch
  _state_set portbase "$ERIS_PORTBASE"
  cp "$(pg_driver_jar)" "$ERIS_DOMAIN_DIR/lib/"
  info "payara: domain created in $(since "$t0")"
}

# Before the first start: every listener on 127.0.0.1, Hazelcast on 127.0.0.1 only, no
# H2 TCP server for the EJB timer database (AUTO_SERVER opens one on all interfaces), the
# built-in OpenMQ broker disabled (Artemis is the broker), EJB timers allowed to fire
# more often than once a second (Payara's default minimum is 1000 ms; blocks come every
# T = 250 ms), and the heap size.
_domain_patch() {
  local x="$ERIS_DOMAIN_DIR/config/domain.xml"
  sed -i \
    -e 's/address="0\.0\.0\.0"/address="127.0.0.1"/g' \
    -e 's/<network-listener port=/<network-listener address="127.0.0.1" port=/g' \
    -e 's/<hazelcast-runtime-configuration /<hazelcast-runtime-configuration das-bind-address="127.0.0.1" interface="127.0.0.1" /' \
    -e 's/<jms-service type="EMBEDDED"/<jms-service type="DISABLED"/' \
    -e 's/;AUTO_SERVER=TRUE//g' \
    -e '0,/<connector-service /s#^\(\s*\)\(<connector-service [^>]*>\(</connector-service>\)\?\)#\1\2\n\1<jms-service type="DISABLED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" lazy-init="true" /></jms-service>\n\1<ejb-container><ejb-timer-service minimum-delivery-interval-in-millis="10" /></ejb-container>#' \
    -e '0,/<jvm-options>-server<\/jvm-options>/s#^\(\s*\)<jvm-options>-server</jvm-options>#&\n\1<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>#' \
    -e "0,/<jvm-options>-Xmx[0-9]*[mMgG]<\/jvm-options>/s#<jvm-options>-Xmx[0-9]*[mMgG]</jvm-options>#<jvm-options>-Xmx$ERIS_HEAP</jvm-options>#" \
    "$x"
  grep -q -e 'address="0.0.0.0"' -e 'AUTO_SERVER' "$x" && die "domain.xml still opens a port on all interfaces after patching"
  grep -q '<jms-service type="DISABLED" default-jms-host' "$x" || die "could not disable OpenMQ in domain.xml"
  grep -q 'hazelcast.socket.bind.any=false' "$x" || die "could not set hazelcast.socket.bind.any in domain.xml"
  grep -q 'minimum-delivery-interval-in-millis="10"' "$x" || die "could not set the EJB timer minimum interval in domain.xml"
}

domain_start() {
  if domain_running; then
    info "payara: domain $ERIS_DOMAIN already running (pid $(domain_pid))"
    return 0
  fi
  local t0 log="$ERIS_DOMAIN_DIR/logs/server.log" from=0
  t0=$(now_ms)
  [[ -f "$log" ]] && from=$(stat -c %s "$log")
  info "payara: starting domain $ERIS_DOMAIN"
  asadmin start-domain "$ERIS_DOMAIN" >"$ERIS_WORK/domain-start.log" 2>&1 || {
    tail -n 20 "$ERIS_WORK/domain-start.log" >&2
    die "start-domain failed: see $ERIS_DOMAIN_DIR/logs/server.log"
  }
  DOMAIN_START_MS=$(($(now_ms) - t0))
  info "payara: domain up (pid $(domain_pid), admin 127.0.0.1:$ERIS_ADMIN_PORT) in $(since "$t0")"
  # start-domain returns before the deployed applications are loaded. Reconfiguring or
  # redeploying meanwhile breaks the loading one (its class loader is closed under it:
  # NoClassDefFoundError), so wait for it to finish, one way or the other.
  if grep -q '<application [^>]*name="eris"' "$ERIS_DOMAIN_DIR/config/domain.xml"; then
    local t1
    t1=$(now_ms)
    if wait_for 300 _app_loaded "$log" "$from"; then
      if tail -c +"$((from + 1))" "$log" | grep -q -e 'Loading application eris done' -e 'eris was successfully deployed'; then
        info "payara: application eris loaded in $(since "$t1")"
      else
        warn "payara: application eris failed to load at start (see $log)"
      fi
    else
      warn "payara: application eris still loading after 300 s"
    fi
  fi
}

# _app_loaded <log> <offset>: the server log says, after offset, that eris loaded or failed.
_app_loaded() {
  tail -c +"$(($2 + 1))" "$1" 2>/dev/null \
    | grep -q -e 'Loading application eris done' -e 'eris was successfully deployed' -e 'Application deployment failed' -e 'Exception while loading the app'
}

domain_stop() {
  domain_running || return 0
  local t0
  t0=$(now_ms)
  info "payara: stopping domain $ERIS_DOMAIN"
  asadmin stop-domain "$ERIS_DOMAIN" >/dev/null 2>&1 || true
  if domain_running; then
    local pid
    pid=$(domain_pid)
    warn "payara: stop-domain left pid $pid running; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  info "payara: domain stopped in $(since "$t0")"
}

# What exists already, as one list of names (pools, resources, admin objects, adapter
# configurations; applications as app:NAME), from one asadmin process.
_existing() {
  local f="$ERIS_WORK/list.asadmin"
  printf '%s\n' list-jdbc-connection-pools list-jdbc-resources list-connector-connection-pools \
    list-connector-resources list-admin-objects list-resource-adapter-configs list-applications >"$f"
  asadm multimode --file "$f" 2>/dev/null | awk '$2 ~ /^</ {print "app:" $1; next} {print $1}'
}

# The resource adapter, its configuration, the Jakarta Messaging resources, the JDBC pool
# and resource, and the node's system properties. Idempotent: what exists and has not
# changed is left alone; a changed pool or adapter configuration is replaced.
domain_provision() {
  local t0
  t0=$(now_ms)
  EXISTING="$(_existing)"

  # 1. Resource adapter configuration (broker address and credentials): before the
  # adapter starts, so it takes effect without a restart; when it changes, the adapter is
  # redeployed to pick it up.
  local bpass raprops rasha redeploy_ra=0 have_cfg=0
  bpass="$(broker_password)"
  raprops="UserName=$(asadmin_escape "$ERIS_BROKER_USER"):Password=$(asadmin_escape "$bpass")"
  raprops+=":ConnectionParameters=$(asadmin_escape "host=$ERIS_BROKER_HOST;port=$ERIS_BROKER_PORT")"
  rasha=$(printf '%s' "$raprops" | sha_of)
  _has "$RA_NAME" && have_cfg=1
  if ((have_cfg == 0)) || [[ "$(_state_get ra-config)" != "$rasha" ]]; then
    if ((have_cfg)); then
      asadm delete-resource-adapter-config "$RA_NAME" >/dev/null
      redeploy_ra=1
    fi
    asadm create-resource-adapter-config --property "$raprops" "$RA_NAME" >/dev/null \
      || die "create-resource-adapter-config failed"
    _state_set ra-config "$rasha"
    info "payara: resource adapter config set (broker $ERIS_BROKER_HOST:$ERIS_BROKER_PORT, user $ERIS_BROKER_USER)"
  fi

  # 2. The adapter itself, deployed on its own; redeployed when the RAR or its config
  # changed.
  [[ -s "$ERIS_RAR" ]] || die "missing $ERIS_RAR (build it: mvn -B -pl jms-config package)"
  local rarsha
  rarsha=$(sha_of <"$ERIS_RAR")
  if ! _has "app:$RA_NAME"; then
    asadm deploy --type rar --name "$RA_NAME" "$ERIS_RAR" >/dev/null || die "deploying $ERIS_RAR failed"
    _state_set rar "$rarsha"
    info "payara: resource adapter $RA_NAME deployed"
  elif ((redeploy_ra)) || [[ "$(_state_get rar)" != "$rarsha" ]]; then
    asadm redeploy --name "$RA_NAME" "$ERIS_RAR" >/dev/null || die "redeploying $ERIS_RAR failed"
    _state_set rar "$rarsha"
    RESOURCES_CHANGED=1
    info "payara: resource adapter $RA_NAME redeployed"
  fi

  # 3. Connection factory and destinations (jms-config/src/main/asadmin).
  # The pool carries the broker credentials: replaced when they change.
  local cmds="$ERIS_WORK/jms-resources.asadmin" line name n=0 poolcreds poolsha
  poolcreds="UserName=$(asadmin_escape "$ERIS_BROKER_USER"):Password=$(asadmin_escape "$bpass")"
  poolsha=$(printf '%s' "$poolcreds" | sha_of)
  if _has eris-jms-pool && [[ "$(_state_get jms-pool)" != "$poolsha" ]]; then
    asadm delete-connector-connection-pool --cascade=true eris-jms-pool >/dev/null
    RESOURCES_CHANGED=1
    EXISTING="$(_existing)"
  fi
  (umask 077 && : >"$cmds")
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    name="${line##* }"
    _has "$name" && continue
    printf '%s\n' "${line//@POOL_CREDENTIALS@/$poolcreds}" >>"$cmds"
    n=$((n + 1))
  done <"$ERIS_ROOT/jms-config/src/main/asadmin/jms-resources.asadmin"
  if ((n > 0)); then
    asadm multimode --file "$cmds" >"$ERIS_WORK/jms-resources.log" 2>&1 \
      || die "creating the JMS resources failed: see $ERIS_WORK/jms-resources.log"
    _state_set jms-pool "$poolsha"
    info "payara: $n JMS resources created (jms/eris/ConnectionFactory, topics, queues)"
  fi

  # 4. JDBC pool and resource: replaced when the database settings changed.
  # Connections are validated (Connection.isValid) before use, so a restarted database
  # costs one failed validation, not a stream of errors.
  local dbsha poolopts=(--steadypoolsize 2 --maxpoolsize 32 --isconnectvalidatereq=true
    --validationmethod custom-validation
    --validationclassname org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation
    --failconnection=true)
  dbsha=$(printf '%s|%s|%s' "$DB_DS_CLASS" "$DB_POOL_PROPS" "${poolopts[*]}" | sha_of)
  if _has "$JDBC_POOL" && [[ "$(_state_get jdbc)" != "$dbsha" ]]; then
    asadm delete-jdbc-connection-pool --cascade=true "$JDBC_POOL" >/dev/null
    RESOURCES_CHANGED=1
    EXISTING="$(_existing)"
  fi
  if ! _has "$JDBC_POOL"; then
    asadm create-jdbc-connection-pool --datasourceclassname "$DB_DS_CLASS" --restype javax.sql.DataSource \
      "${poolopts[@]}" --property "$DB_POOL_PROPS" "$JDBC_POOL" >/dev/null \
      || die "create-jdbc-connection-pool failed"
    _state_set jdbc "$dbsha"
    info "payara: JDBC pool $JDBC_POOL ($DB_KIND) created"
  fi
  if ! _has "$JDBC_RESOURCE"; then
    asadm create-jdbc-resource --connectionpoolid "$JDBC_POOL" "$JDBC_RESOURCE" >/dev/null \
      || die "create-jdbc-resource failed"
  fi
  asadm ping-connection-pool "$JDBC_POOL" >/dev/null || die "the JDBC pool cannot reach the database ($DB_JDBC_URL)"

  # 4b. A leader and its hot standby share the lease row: jdbc/eris-lease points at the
  # database that holds it (ERIS_LEASE_DB_NAME, on the same server), when one is named.
  if [[ -n "${ERIS_LEASE_DB_NAME:-}" && "$DB_KIND" == postgres ]] && ! _has jdbc/eris-lease; then
    local lease_url="jdbc:postgresql://$ERIS_DB_HOST:$ERIS_DB_PORT/$ERIS_LEASE_DB_NAME"
    asadm create-jdbc-connection-pool --datasourceclassname "$DB_DS_CLASS" --restype javax.sql.DataSource \
      "${poolopts[@]}" --property "URL=$(asadmin_escape "$lease_url"):user=$(asadmin_escape "$ERIS_DB_USER"):password=$(asadmin_escape "$DB_PASSWORD")" \
      eris-lease-pool >/dev/null || die "create-jdbc-connection-pool (lease) failed"
    asadm create-jdbc-resource --connectionpoolid eris-lease-pool jdbc/eris-lease >/dev/null \
      || die "create-jdbc-resource jdbc/eris-lease failed"
    RESOURCES_CHANGED=1
    info "payara: lease pool on $ERIS_LEASE_DB_NAME created"
  fi

  # 5. The node's configuration (read by the application through MicroProfile Config).
  local props
  props="eris.node.name=$(asadmin_escape "$ERIS_NODE_NAME")"
  props+=":eris.node.key.file=$(asadmin_escape "$ERIS_NODE_KEY")"
  props+=":eris.genesis.file=$(asadmin_escape "$ERIS_GENESIS")"
  props+=":eris.block.interval.ms=$ERIS_T_MS"
  # Which database the pool points at, and the matching Hibernate dialect: Hibernate reads
  # JVM system properties as defaults, and with the dialect given it deploys even while
  # the database is down (it otherwise asks the database which dialect to use and the
  # deployment fails with "Unable to determine Dialect without JDBC metadata").
  props+=":eris.db.kind=$DB_KIND"
  case "$DB_KIND" in
    postgres) props+=":hibernate.dialect=org.hibernate.dialect.PostgreSQLDialect" ;;
    h2) props+=":hibernate.dialect=org.hibernate.dialect.H2Dialect" ;;
  esac
  props+=":eris.dev.enrolment=${ERIS_DEV_ENROLMENT:-true}"
  [[ -n "$ERIS_GENESIS_HASH" ]] && props+=":eris.genesis.hash=$ERIS_GENESIS_HASH"
  [[ -n "${ERIS_LEADER_KEY:-}" ]] && props+=":eris.leader.key.file=$(asadmin_escape "$ERIS_LEADER_KEY")"
  [[ -n "${ERIS_STANDBY:-}" ]] && props+=":eris.node.standby=$ERIS_STANDBY"
  # One asadmin process; its failing first line (no such property) is expected.
  local f="$ERIS_WORK/sysprops.asadmin"
  (umask 077 && printf 'delete-system-property eris.genesis.hash\ncreate-system-properties %s\n' "$props" >"$f")
  asadm multimode --file "$f" 2>&1 | grep -q 'create-system-properties executed successfully' \
    || die "create-system-properties failed"
  PROVISION_MS=$(($(now_ms) - t0))
  info "payara: resources in place in $(since "$t0")"
}

# Deploy (or redeploy) the EAR as application "eris", unless this very EAR is deployed
# already (a started domain starts its applications by itself).
domain_deploy_ear() {
  [[ -s "$ERIS_EAR" ]] || die "missing $ERIS_EAR"
  local t0 out earsha
  t0=$(now_ms)
  earsha=$(sha_of <"$ERIS_EAR")
  if _has "app:eris" && [[ "$(_state_get ear)" == "$earsha" ]] && ((RESOURCES_CHANGED == 0)); then
    # Deployed and unchanged; but did it start with the server? (The application answers
    # /api/v1/head with 200 or 503; 404 means it is not running.)
    local st
    st=$(http_status "$ERIS_HTTP_PORT" /api/v1/head)
    if [[ "$st" == 200 || "$st" == 503 ]]; then
      info "payara: $(basename "$ERIS_EAR") is deployed already (unchanged)"
      DEPLOY_MS=0
      return 0
    fi
    warn "payara: the deployed EAR is not running (GET /api/v1/head: ${st:-no answer}); deploying it again"
  fi
  info "payara: deploying $(basename "$ERIS_EAR")"
  if ! out=$(asadm deploy --force=true --name eris "$ERIS_EAR" 2>&1); then
    printf '%s\n' "$out" >&2
    die "deploying the EAR failed: see $ERIS_DOMAIN_DIR/logs/server.log (./eris logs)"
  fi
  _state_set ear "$earsha"
  DEPLOY_MS=$(($(now_ms) - t0))
  info "payara: deployed in $(since "$t0")"
}
