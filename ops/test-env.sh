#!/usr/bin/env bash
# Eris ops: the environment of the integration tests.
#
#   ops/test-env.sh up [IT_PROPERTIES]   fresh test database, fresh test broker (started),
#                                        test Payara domain provisioned and left STOPPED
#                                        (the Arquillian managed container starts it), and
#                                        the settings for the tests written to IT_PROPERTIES
#                                        (default ear/target/it.properties)
#   ops/test-env.sh down                 stop the test domain and the test broker
#
# Bound to the ear module's pre-/post-integration-test phases, so `mvn -B verify` runs it;
# `./eris test` calls `down` again on exit, whatever happened.
set -euo pipefail
# shellcheck source=ops/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ERIS_ROOT/ops/broker.sh"
source "$ERIS_ROOT/ops/db.sh"
source "$ERIS_ROOT/ops/payara.sh"
source "$ERIS_ROOT/ops/node.sh"

eris_profile test

up() {
  local props="${1:-$ERIS_ROOT/ear/target/it.properties}" t0
  t0=$(now_ms)
  # Leave nothing running if this fails half-way (Maven then skips the "down" phase).
  trap 'rc=$?; if ((rc != 0)); then down; fi' EXIT
  mkdir -p "$ERIS_HOME"
  # A previous run that died half-way may have left these running.
  domain_running && domain_stop
  broker_stop

  port_open "$ERIS_DB_HOST" "$ERIS_DB_PORT" || die "the integration tests need PostgreSQL, and none answers on $ERIS_DB_HOST:$ERIS_DB_PORT.
    Install and start it (Debian: apt-get install postgresql && pg_ctlcluster <version> main start),
    or point ERIS_DB_HOST / ERIS_DB_PORT / ERIS_DB_USER / ERIS_DB_PASSWORD at one (the user needs CREATEDB).
    Skip the integration tests with -DskipITs."
  db_prepare --recreate
  node_identity
  [[ -s "$ERIS_GENESIS" ]] || die "no genesis file at $ERIS_GENESIS (the core tool is needed: mvn -B -pl core package)"

  broker_provision
  broker_wipe_data
  broker_start

  domain_create
  # The tests change the pool's URL and the node's settings and put them back; if a run
  # died half-way, this makes them right again.
  rm -f "$(_state jdbc)"
  domain_start
  domain_provision
  # Left over from an interrupted run: the tests deploy the EAR themselves.
  if asadm list-applications 2>/dev/null | grep -q '^eris '; then
    asadm undeploy eris >/dev/null 2>&1 || true
  fi
  domain_stop

  mkdir -p "$(dirname "$props")"
  (
    umask 077
    {
      echo "# written by ops/test-env.sh; read by failsafe (systemPropertiesFile)"
      echo "eris.it.payaraHome=$PAYARA_HOME"
      echo "eris.it.domain=$ERIS_DOMAIN"
      echo "eris.it.domainDir=$ERIS_DOMAIN_DIR"
      echo "eris.it.adminPort=$ERIS_ADMIN_PORT"
      echo "eris.it.httpPort=$ERIS_HTTP_PORT"
      echo "eris.it.brokerPort=$ERIS_BROKER_PORT"
      echo "eris.it.broker.user=$ERIS_BROKER_USER"
      echo "eris.it.broker.password=$(broker_password)"
      echo "eris.it.db.url=$DB_JDBC_URL"
      echo "eris.it.db.user=$ERIS_DB_USER"
      echo "eris.it.db.password=$DB_PASSWORD"
      echo "eris.it.genesis.file=$ERIS_GENESIS"
      echo "eris.it.node.key.file=$ERIS_NODE_KEY"
    } >"$props"
  )
  info "test environment ready in $(since "$t0") (domain $ERIS_DOMAIN, http 127.0.0.1:$ERIS_HTTP_PORT, broker :$ERIS_BROKER_PORT, database $ERIS_DB_NAME)"
}

down() {
  domain_stop
  broker_stop
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  *)
    echo "usage: ops/test-env.sh up [IT_PROPERTIES] | down" >&2
    exit 2
    ;;
esac
