#!/usr/bin/env bash
# Eris ops: the light web service (light/target/eris-light.war) in a Payara domain of its
# own, with no database and no broker: it reads from full nodes and verifies what they say.
#
#   ops/light.sh start --nodes URL[,URL...] [--genesis-hash HEX]
#                      the trusted chain id defaults to ERIS_LIGHT_GENESIS_HASH, else to the
#                      local node's (.eris/run/genesis.json.hash); returns once it is ready
#   ops/light.sh stop | status | clean
#
# Domain "eris-light" (ERIS_LIGHT_DOMAIN), port base 7000 (ERIS_LIGHT_PORTBASE: HTTP 7080,
# admin 7048), heap 256m (ERIS_LIGHT_HEAP); state under .eris/light/. Other settings of the
# service (timeouts, cache, back-off) are read from the environment by MicroProfile Config
# when given as ERIS_LIGHT_* variables of the domain's process, or set with
# `asadmin create-system-properties` (README: "Light web service").
set -euo pipefail
# shellcheck source=ops/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ERIS_ROOT/ops/payara.sh"

ERIS_DOMAIN="${ERIS_LIGHT_DOMAIN:-eris-light}"
ERIS_PORTBASE="${ERIS_LIGHT_PORTBASE:-7000}"
ERIS_HEAP="${ERIS_LIGHT_HEAP:-256m}"
eris_profile run
RUN_GENESIS_HASH_FILE="$ERIS_HOME/genesis.json.hash"
ERIS_HOME="$ERIS_STATE_DIR/light"
ERIS_WORK="$ERIS_HOME/work/$ERIS_DOMAIN"
mkdir -p "$ERIS_WORK"
LIGHT_WAR="${ERIS_LIGHT_WAR:-$ERIS_ROOT/light/target/eris-light.war}"

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

_light_built() {
  [[ -s "$LIGHT_WAR" ]] || return 1
  local built newest
  built=$(stat -c %Y "$LIGHT_WAR")
  newest=$(_newest_source "$ERIS_ROOT"/core/src/main "$ERIS_ROOT"/light/src/main "$ERIS_ROOT"/light/pom.xml)
  ((newest <= built))
}

_ready() { [[ "$(http_status "$ERIS_HTTP_PORT" /health/ready)" == 200 ]]; }

cmd_start() {
  local nodes="" hash="${ERIS_LIGHT_GENESIS_HASH:-}"
  while (($#)); do
    case "$1" in
      --nodes) nodes="${2:-}"; shift 2 ;;
      --genesis-hash) hash="${2:-}"; shift 2 ;;
      *) die "light start: unknown argument '$1' (--nodes URL[,URL...] [--genesis-hash HEX])" ;;
    esac
  done
  [[ -n "$nodes" ]] || die "light start: --nodes URL[,URL...] is required (the full nodes' base URLs, e.g. http://127.0.0.1:8080)"
  if [[ -z "$hash" && -s "$RUN_GENESIS_HASH_FILE" ]]; then
    hash="$(tr -d '[:space:]' <"$RUN_GENESIS_HASH_FILE")"
    info "trusting the local node's chain id $hash ($RUN_GENESIS_HASH_FILE)"
  fi
  [[ "$hash" =~ ^[0-9a-f]{64}$ ]] || die "light start: --genesis-hash HEX (the trusted chain id, 64 lower-case hex digits) is required"

  local t0
  t0=$(now_ms)
  if [[ "${ERIS_SKIP_BUILD:-0}" != 1 ]] && ! _light_built; then
    info "building $LIGHT_WAR"
    mvn_root -pl light -am -DskipTests package || die "building the light WAR failed"
  fi
  [[ -s "$LIGHT_WAR" ]] || die "missing $LIGHT_WAR"

  domain_create
  domain_start
  asadm create-system-properties \
    "eris.light.nodes=$(asadmin_escape "$nodes"):eris.light.genesis.hash=$hash" >/dev/null \
    || die "setting eris.light.* on domain $ERIS_DOMAIN failed"
  info "payara: deploying $(basename "$LIGHT_WAR") at /"
  local out
  if ! out=$(asadm deploy --force=true --name eris-light --contextroot / "$LIGHT_WAR" 2>&1); then
    printf '%s\n' "$out" >&2
    die "deploying the light WAR failed: see $ERIS_DOMAIN_DIR/logs/server.log"
  fi
  local ready="no (see http://127.0.0.1:$ERIS_HTTP_PORT/api/v1/light)"
  if wait_for 60 _ready; then
    ready="yes"
  fi
  echo
  echo "Eris light web service is running: http://127.0.0.1:$ERIS_HTTP_PORT/ (in $(since "$t0"))"
  echo "  nodes         $nodes"
  echo "  chain id      $hash"
  echo "  API           http://127.0.0.1:$ERIS_HTTP_PORT/api/v1/head"
  echo "  its state     http://127.0.0.1:$ERIS_HTTP_PORT/api/v1/light"
  echo "  ready         $ready"
  echo "  stop with     ops/light.sh stop"
}

cmd_status() {
  if domain_running; then
    echo "server   running (pid $(domain_pid)), http://127.0.0.1:$ERIS_HTTP_PORT/"
    echo "light    $(http_body "$ERIS_HTTP_PORT" /api/v1/light | tr -s ' \n' ' ' | head -c 600)"
    echo "head     $(http_body "$ERIS_HTTP_PORT" /api/v1/head | head -c 300)"
  else
    echo "server   stopped"
  fi
}

cmd_clean() {
  domain_stop
  if [[ -d "$ERIS_DOMAIN_DIR" ]]; then
    asadmin delete-domain "$ERIS_DOMAIN" >/dev/null 2>&1 || rm -rf "$ERIS_DOMAIN_DIR"
  fi
  rm -rf "$ERIS_HOME"
  info "light: domain $ERIS_DOMAIN deleted"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) domain_stop ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
