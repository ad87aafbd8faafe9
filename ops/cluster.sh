#!/usr/bin/env bash
# Eris ops: a local cluster on this machine — one Artemis broker, three validator nodes (n1
# holds the leader key) and a hot standby (n4, holding the same leader key), each a Payara
# domain with its own PostgreSQL database. Every node is an `./eris run` with its own
# settings; this script only chooses them: n1 and n4 get the shared leader key
# (ERIS_LEADER_KEY) and the shared lease database (ERIS_LEASE_DB_NAME, n1's).
#
#   ./eris cluster start | stop | status | urls | clean [--keep-installs]
#   ./eris cluster restart NODE        (re)start one node, e.g. after a kill: it catches up
#   ./eris cluster stop-node NODE      stop one node cleanly
#   ./eris cluster kill NODE           kill -9 one node's server (a crash)
#   ./eris cluster kill-broker         kill -9 the broker (a crash)
#   ./eris cluster start-broker        start it again
#   ./eris cluster db-outage NODE SECS one node's database refuses connections for SECS seconds
#                                      (its open connections are cut), then accepts them again
#
# State: .eris/cluster/ (its own Payara install, broker instance, keys, genesis). Several
# clusters can live side by side: ERIS_CLUSTER_DIR, ERIS_CLUSTER_PORTBASE,
# ERIS_CLUSTER_BROKER_PORT and ERIS_CLUSTER_DB_PREFIX choose another one (the fault tests use
# that). A genesis and keys placed in the cluster directory before the first start
# (genesis.json, genesis.json.hash, keys/n1..n4.key, keys/leader.key) are used as they are.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export ERIS_ROOT="$ROOT"
# shellcheck source=ops/lib.sh
source "$ROOT/ops/lib.sh"
source "$ROOT/ops/broker.sh"
source "$ROOT/ops/db.sh"
source "$ROOT/ops/payara.sh"
source "$ROOT/ops/node.sh"

CLUSTER_DIR="${ERIS_CLUSTER_DIR:-$ROOT/.eris/cluster}"
CLUSTER_PORTBASE="${ERIS_CLUSTER_PORTBASE:-9000}"
CLUSTER_BROKER_PORT="${ERIS_CLUSTER_BROKER_PORT:-61666}"
CLUSTER_DB_PREFIX="${ERIS_CLUSTER_DB_PREFIX:-eris_cluster}"
CLUSTER_DB_USER="${ERIS_CLUSTER_DB_USER:-eris_cluster}"
CLUSTER_DB_ADMIN="${ERIS_DB_ADMIN_USER:-postgres}"
CLUSTER_T_MS="${ERIS_T_MS:-250}"
NODES=(n1 n2 n3 n4)

node_portbase() { echo $((CLUSTER_PORTBASE + 100 * ${1#n})); }
node_http() { echo $(($(node_portbase "$1") + 80)); }
node_db() { echo "${CLUSTER_DB_PREFIX}_$1"; }

# The environment under which `./eris` acts as node $1.
node_env() {
  local n="$1"
  printf '%s\n' \
    "ERIS_STATE_DIR=$CLUSTER_DIR" \
    "ERIS_DOMAIN=eris-$n" \
    "ERIS_PORTBASE=$(node_portbase "$n")" \
    "ERIS_BROKER_PORT=$CLUSTER_BROKER_PORT" \
    "ERIS_BROKER_START=$([[ "$n" == n1 ]] && echo 1 || echo 0)" \
    "ERIS_DB=postgres" \
    "ERIS_DB_URL=" \
    "ERIS_DB_USER=$CLUSTER_DB_USER" \
    "ERIS_DB_NAME=$(node_db "$n")" \
    "ERIS_NODE_NAME=$n" \
    "ERIS_NODE_KEY=$CLUSTER_DIR/keys/$n.key" \
    "ERIS_GENESIS=$CLUSTER_DIR/genesis.json" \
    "ERIS_GENESIS_HASH=$(tr -d '[:space:]' <"$CLUSTER_DIR/genesis.json.hash")" \
    "ERIS_T_MS=$CLUSTER_T_MS" \
    "ERIS_DEV_ENROLMENT=false" \
    "ERIS_SKIP_BUILD=1"
  if [[ "$n" == n1 || "$n" == n4 ]]; then
    printf '%s\n' \
      "ERIS_LEADER_KEY=$CLUSTER_DIR/keys/leader.key" \
      "ERIS_LEASE_DB_NAME=$(node_db n1)" \
      "ERIS_STANDBY=$([[ "$n" == n4 ]] && echo true || echo false)"
  fi
}

# as_node <node> <command...>: the command with that node's settings and nothing inherited.
as_node() {
  local n="$1"
  shift
  # shellcheck disable=SC2046
  env -u ERIS_LEADER_KEY -u ERIS_STANDBY -u ERIS_LEASE_DB_NAME -u ERIS_DB_NAME -u ERIS_DOMAIN \
    $(node_env "$n") "$@"
}

# in_node <node> <function...>: in a subshell with that node's settings, the ops functions act
# on that node.
in_node() {
  local n="$1"
  shift
  (
    unset ERIS_LEADER_KEY ERIS_STANDBY ERIS_LEASE_DB_NAME ERIS_DB_NAME ERIS_DOMAIN
    while IFS= read -r kv; do export "${kv?}"; done < <(node_env "$n")
    eris_profile run
    "$@"
  )
}

check_node() {
  [[ " ${NODES[*]} " == *" ${1:-} "* ]] || die "which node? one of ${NODES[*]}"
}

# Keys: n1..n3 validators, n4 the standby (no stake), and the leader key that n1 and n4
# share. The genesis names the leader key without stake and the three validators.
make_identities() {
  mkdir -p "$CLUSTER_DIR/keys"
  eris_profile run
  ensure_built
  local n
  for n in "${NODES[@]}" leader; do
    [[ -s "$CLUSTER_DIR/keys/$n.key" ]] || (umask 077 && eris_tool keygen --out "$CLUSTER_DIR/keys/$n.key" >/dev/null)
  done
  if [[ ! -s "$CLUSTER_DIR/genesis.json" ]]; then
    eris_tool genesis --out "$CLUSTER_DIR/genesis.json" --chain-name eris-cluster \
      --leader-key "$CLUSTER_DIR/keys/leader.key" --leader-not-validator \
      --validator-key "$CLUSTER_DIR/keys/n1.key" --validator-key "$CLUSTER_DIR/keys/n2.key" \
      --validator-key "$CLUSTER_DIR/keys/n3.key" --t-ms "$CLUSTER_T_MS" \
      >"$CLUSTER_DIR/genesis.json.hash"
  fi
  info "cluster genesis: chain id $(tr -d '[:space:]' <"$CLUSTER_DIR/genesis.json.hash")"
}

start_node() {
  local n="$1" log="$CLUSTER_DIR/$1.run.log"
  as_node "$n" "$ROOT/eris" run >"$log" 2>&1 || {
    tail -n 15 "$log" >&2
    die "$n failed to start: see $log"
  }
}

cmd_start() {
  make_identities
  local t0 n pids=() failed=0
  t0=$(now_ms)
  # n1 first: it starts the broker and makes the database role the others log in as.
  info "starting n1 (and the cluster broker on 127.0.0.1:$CLUSTER_BROKER_PORT)"
  start_node n1
  # Then the others together: each has its own domain, database and scratch files.
  for n in n2 n3 n4; do
    info "starting $n"
    start_node "$n" &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || failed=1; done
  ((failed == 0)) || die "a node failed to start (logs: $CLUSTER_DIR/n*.run.log)"
  info "cluster up in $(since "$t0")"
  cmd_status
}

_stop_domain() { domain_stop >/dev/null 2>&1 || true; }

cmd_stop() {
  [[ -s "$CLUSTER_DIR/genesis.json.hash" ]] || {
    info "no cluster in $CLUSTER_DIR"
    return 0
  }
  local n pids=()
  for n in n4 n3 n2 n1; do
    in_node "$n" _stop_domain &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || true; done
  in_node n1 broker_stop >/dev/null 2>&1 || true
  info "cluster stopped"
}

cmd_status() {
  local n port
  for n in "${NODES[@]}"; do
    port=$(node_http "$n")
    printf '%-3s http://127.0.0.1:%s/  %s\n' "$n" "$port" \
      "$(curl -s --max-time 2 "http://127.0.0.1:$port/api/v1/head" || echo 'not answering')"
  done
}

cmd_urls() {
  local n
  for n in "${NODES[@]}"; do echo "$n http://127.0.0.1:$(node_http "$n")"; done
}

# Stops the cluster and forgets its chain: domains, broker, databases, keys and genesis.
# --keep-installs keeps the unpacked Payara and Artemis (a fresh cluster starts sooner).
cmd_clean() {
  local keep=0
  [[ "${1:-}" == --keep-installs ]] && keep=1
  [[ -s "$CLUSTER_DIR/genesis.json.hash" ]] && cmd_stop
  local n
  for n in "${NODES[@]}"; do
    _psql_admin -c "DROP DATABASE IF EXISTS $(node_db "$n")" || warn "could not drop $(node_db "$n")"
  done
  if ((keep)); then
    eris_profile run >/dev/null
    local d
    for n in "${NODES[@]}"; do
      d="$CLUSTER_DIR/payara-$PAYARA_VERSION/payara6/glassfish/domains/eris-$n"
      if [[ -d "$d" ]]; then rm -rf "$d"; fi
    done
    find "$CLUSTER_DIR" -mindepth 1 -maxdepth 1 -not -name "payara-*" -not -name "artemis-*" \
      -not -name downloads -exec rm -rf {} +
  else
    rm -rf "$CLUSTER_DIR"
  fi
  info "cluster state deleted"
}

# (Re)starts one node, e.g. after `kill -9`: it catches up from its peers and rejoins.
cmd_restart() {
  check_node "${1:-}"
  start_node "$1"
  info "$1 is up"
}

cmd_stop_node() {
  check_node "${1:-}"
  in_node "$1" _stop_domain
  info "$1 stopped"
}

_print_pid() { domain_pid || true; }

cmd_kill() {
  check_node "${1:-}"
  local pid
  pid=$(in_node "$1" _print_pid)
  [[ -n "$pid" ]] || die "$1 is not running"
  kill -KILL "$pid"
  info "kill -9 $1 (pid $pid)"
}

_kill_broker() {
  local pid
  pid=$(_broker_pid) || die "the cluster broker is not running"
  kill -KILL "$pid"
  rm -f "$ERIS_BROKER_INSTANCE/eris.pid"
  info "kill -9 the broker (pid $pid)"
}

cmd_kill_broker() { in_node n1 _kill_broker; }
cmd_start_broker() { in_node n1 broker_start; }

_psql_admin() {
  psql -h "${ERIS_DB_HOST:-127.0.0.1}" -p "${ERIS_DB_PORT:-5432}" -U "$CLUSTER_DB_ADMIN" -d postgres \
    -v ON_ERROR_STOP=1 -qAt "$@"
}

# A database outage for one node (the others' databases, and the lease row in n1's, stay up):
# the database refuses new connections and the open ones are cut; after SECS it accepts again.
# Always re-opened, also when interrupted.
cmd_db_outage() {
  check_node "${1:-}"
  local db secs="${2:-10}" cut
  db=$(node_db "$1")
  [[ "$secs" =~ ^[0-9]+$ ]] || die "db-outage NODE SECONDS"
  trap '_psql_admin -c "ALTER DATABASE '"$db"' WITH ALLOW_CONNECTIONS true" >/dev/null || true' EXIT
  _psql_admin -c "ALTER DATABASE $db WITH ALLOW_CONNECTIONS false" >/dev/null
  cut=$(_psql_admin -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()")
  info "database $db of $1 down: $cut connections cut, new ones refused for $secs s"
  sleep "$secs"
  _psql_admin -c "ALTER DATABASE $db WITH ALLOW_CONNECTIONS true" >/dev/null
  trap - EXIT
  info "database $db of $1 accepts connections again"
}

case "${1:-}" in
  start) cmd_start ;;
  restart) cmd_restart "${2:-}" ;;
  stop) cmd_stop ;;
  stop-node) cmd_stop_node "${2:-}" ;;
  status) cmd_status ;;
  urls) cmd_urls ;;
  clean) cmd_clean "${2:-}" ;;
  kill) cmd_kill "${2:-}" ;;
  kill-broker) cmd_kill_broker ;;
  start-broker) cmd_start_broker ;;
  db-outage) cmd_db_outage "${2:-}" "${3:-}" ;;
  *) die "usage: ./eris cluster start|stop|status|urls|clean [--keep-installs]|restart NODE|stop-node NODE|kill NODE|kill-broker|start-broker|db-outage NODE SECS" ;;
esac
