#!/usr/bin/env bash
# Eris ops: a local cluster on this machine — one Artemis broker, three validator nodes (n1
# holds the leader key) and a hot standby (n4, holding the same leader key), each a Payara
# domain with its own PostgreSQL database. Every node is an `./eris run` with its own
# settings; this script only chooses them: n1 and n4 get the shared leader key
# (ERIS_LEADER_KEY) and the shared lease database (ERIS_LEASE_DB_NAME, n1's).
#
#   ./eris cluster start | stop | status | clean | restart NODE
#
# State: .eris/cluster/ (its own Payara install, broker instance, keys, genesis).
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
CLUSTER_T_MS="${ERIS_T_MS:-250}"
NODES=(n1 n2 n3 n4)

node_portbase() { echo $((CLUSTER_PORTBASE + 100 * ${1#n})); }
node_http() { echo $(($(node_portbase "$1") + 80)); }

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
    "ERIS_DB_USER=eris_cluster" \
    "ERIS_DB_NAME=eris_cluster_$n" \
    "ERIS_NODE_NAME=$n" \
    "ERIS_NODE_KEY=$CLUSTER_DIR/keys/$n.key" \
    "ERIS_GENESIS=$CLUSTER_DIR/genesis.json" \
    "ERIS_GENESIS_HASH=$(cat "$CLUSTER_DIR/genesis.json.hash")" \
    "ERIS_T_MS=$CLUSTER_T_MS" \
    "ERIS_DEV_ENROLMENT=false"
  if [[ "$n" == n1 || "$n" == n4 ]]; then
    printf '%s\n' \
      "ERIS_LEADER_KEY=$CLUSTER_DIR/keys/leader.key" \
      "ERIS_LEASE_DB_NAME=eris_cluster_n1" \
      "ERIS_STANDBY=$([[ "$n" == n4 ]] && echo true || echo false)"
  fi
}

as_node() {
  local n="$1"
  shift
  env $(node_env "$n") "$@"
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
  info "cluster genesis: chain id $(cat "$CLUSTER_DIR/genesis.json.hash")"
}

cmd_start() {
  make_identities
  local t0 n
  t0=$(now_ms)
  info "starting n1 (and the cluster broker on 127.0.0.1:$CLUSTER_BROKER_PORT)"
  as_node n1 "$ROOT/eris" run >"$CLUSTER_DIR/n1.run.log" 2>&1 || die "n1 failed: see $CLUSTER_DIR/n1.run.log"
  # One after another: the launcher's provisioning steps share state under the cluster's
  # directory and must not interleave.
  for n in n2 n3 n4; do
    info "starting $n"
    as_node "$n" "$ROOT/eris" run >"$CLUSTER_DIR/$n.run.log" 2>&1 || die "$n failed: see $CLUSTER_DIR/$n.run.log"
  done
  info "cluster up in $(since "$t0")"
  cmd_status
}

cmd_stop() {
  local n
  for n in n4 n3 n2 n1; do
    as_node "$n" "$ROOT/eris" stop >/dev/null 2>&1 || true
  done
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

# Stops the cluster and forgets its chain: domains, broker, databases, keys and genesis.
cmd_clean() {
  cmd_stop
  local n
  for n in "${NODES[@]}"; do
    psql -h "${ERIS_DB_HOST:-127.0.0.1}" -p "${ERIS_DB_PORT:-5432}" -U postgres -d postgres -q \
      -c "DROP DATABASE IF EXISTS eris_cluster_$n" 2>/dev/null || warn "could not drop eris_cluster_$n"
  done
  rm -rf "$CLUSTER_DIR"
  info "cluster state deleted"
}

# (Re)starts one node, e.g. after `kill -9`: it catches up from its peers and rejoins.
cmd_restart() {
  local n="${1:-}"
  [[ " ${NODES[*]} " == *" $n "* ]] || die "restart which node? one of ${NODES[*]}"
  as_node "$n" "$ROOT/eris" run >"$CLUSTER_DIR/$n.run.log" 2>&1 || die "$n failed: see $CLUSTER_DIR/$n.run.log"
  info "$n is up"
}

case "${1:-}" in
  start) cmd_start ;;
  restart) cmd_restart "${2:-}" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  *) die "usage: ./eris cluster start|stop|status|clean|restart NODE" ;;
esac
