# shellcheck shell=bash
# Eris ops: the ActiveMQ Artemis broker of one profile (run or test).
# Sourced after ops/lib.sh and eris_profile.

broker_password() { secret broker.password "${ERIS_BROKER_PASSWORD:-}"; }

_broker_pid() {
  local f="$ERIS_BROKER_INSTANCE/eris.pid" pid
  [[ -s "$f" ]] || return 1
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

broker_running() { _broker_pid >/dev/null; }

# Create the instance once; re-render its configuration from jms-config on every call.
broker_provision() {
  if [[ "$ERIS_BROKER_START" != 1 ]]; then
    info "broker: using the existing broker at $ERIS_BROKER_HOST:$ERIS_BROKER_PORT (ERIS_BROKER_START=$ERIS_BROKER_START)"
    return 0
  fi
  ensure_artemis
  local inst="$ERIS_BROKER_INSTANCE" user="$ERIS_BROKER_USER" pass
  pass="$(broker_password)"
  if [[ ! -x "$inst/bin/artemis" ]]; then
    info "broker: creating instance $inst"
    mkdir -p "$(dirname "$inst")"
    "$ARTEMIS_HOME/bin/artemis" create "$inst" --silent \
      --user "$user" --password "$pass" --role eris --require-login \
      --host "$ERIS_BROKER_HOST" --default-port "$ERIS_BROKER_PORT" \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
      --no-web --nio --java-memory "$ERIS_BROKER_HEAP" >"$ERIS_HOME/broker-create.log" 2>&1 \
      || die "artemis create failed: see $ERIS_HOME/broker-create.log"
    printf '%s' "$user:$pass" | sha_of >"$inst/.eris-credentials"
  fi
  # Credentials changed since the instance was made (ERIS_BROKER_USER/PASSWORD):
  # rewrite the users and roles files (plain text, readable by the owner only).
  if [[ "$(printf '%s' "$user:$pass" | sha_of)" != "$(cat "$inst/.eris-credentials" 2>/dev/null)" ]]; then
    info "broker: credentials changed, updating the broker's user"
    (umask 077 && printf '%s = %s\n' "$user" "$pass" >"$inst/etc/artemis-users.properties")
    printf 'eris = %s\n' "$user" >"$inst/etc/artemis-roles.properties"
    printf '%s' "$user:$pass" | sha_of >"$inst/.eris-credentials"
  fi
  chmod 600 "$inst/etc/artemis-users.properties"

  local tpl="$ERIS_ROOT/jms-config/src/main/broker/broker.xml"
  [[ -s "$tpl" ]] || die "missing $tpl"
  sed -e "s|@BROKER_NAME@|eris-$ERIS_PROFILE|g" \
    -e "s|@BROKER_HOST@|$ERIS_BROKER_HOST|g" \
    -e "s|@BROKER_PORT@|$ERIS_BROKER_PORT|g" \
    -e "s|@GLOBAL_MAX_SIZE@|${ERIS_BROKER_GLOBAL_MAX_SIZE:-128M}|g" \
    "$tpl" >"$inst/etc/broker.xml"
  # Heap: -Xmx from ERIS_BROKER_HEAP, and a small -Xms so an idle broker stays small.
  sed -i -e "s/-Xmx[0-9]*[KkMmGg]/-Xmx$ERIS_BROKER_HEAP/" -e "s/-Xms[0-9]*[KkMmGg]/-Xms64M/" \
    "$inst/etc/artemis.profile"
}

broker_start() {
  [[ "$ERIS_BROKER_START" == 1 ]] || {
    port_open "$ERIS_BROKER_HOST" "$ERIS_BROKER_PORT" \
      || die "no broker reachable at $ERIS_BROKER_HOST:$ERIS_BROKER_PORT (ERIS_BROKER_START=$ERIS_BROKER_START)"
    return 0
  }
  if broker_running; then
    info "broker: already running (pid $(_broker_pid)) on $ERIS_BROKER_HOST:$ERIS_BROKER_PORT"
    return 0
  fi
  if port_open "$ERIS_BROKER_HOST" "$ERIS_BROKER_PORT"; then
    die "port $ERIS_BROKER_HOST:$ERIS_BROKER_PORT is taken by another process; choose another with ERIS_BROKER_PORT (test: ERIS_TEST_BROKER_PORT)"
  fi
  local inst="$ERIS_BROKER_INSTANCE" t0
  t0=$(now_ms)
  mkdir -p "$inst/log"
  # Own session, no terminal: the broker outlives the launcher.
  setsid nohup "$inst/bin/artemis" run >"$inst/log/console.log" 2>&1 </dev/null &
  echo $! >"$inst/eris.pid"
  if ! wait_for 90 _broker_up; then
    tail -n 30 "$inst/log/console.log" >&2 || true
    die "the broker did not start within 90 s: see $inst/log/artemis.log"
  fi
  BROKER_START_MS=$(($(now_ms) - t0))
  info "broker: up on $ERIS_BROKER_HOST:$ERIS_BROKER_PORT (pid $(cat "$inst/eris.pid")) in $(since "$t0")"
}

_broker_up() {
  broker_running || {
    tail -n 30 "$ERIS_BROKER_INSTANCE/log/console.log" >&2 || true
    die "the broker exited during start-up: see $ERIS_BROKER_INSTANCE/log/artemis.log"
  }
  port_open "$ERIS_BROKER_HOST" "$ERIS_BROKER_PORT"
}

broker_stop() {
  local pid
  pid=$(_broker_pid) || {
    rm -f "$ERIS_BROKER_INSTANCE/eris.pid"
    return 0
  }
  info "broker: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "broker: still running after 30 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$ERIS_BROKER_INSTANCE/eris.pid"
}

# Forget every message (test profile: a fresh broker on every run).
broker_wipe_data() {
  broker_running && die "broker_wipe_data: the broker is running"
  rm -rf "$ERIS_BROKER_INSTANCE/data"
}
