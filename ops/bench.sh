#!/usr/bin/env bash
# Eris ops: `./eris bench` — measures the product against its limits and against plain
# PostgreSQL, in one run, on this machine. The load generator is bench/ (io.eris.bench.BenchMain)
# in its own JVM; this script starts and stops what it measures.
#
#   ops/bench.sh [--duration S] [--rate R | --clients N] [--t-ms T] [--validators N]
#                [--accounts N] [--quick] [--profile] [--skip-single] [--skip-cluster]
#                [--skip-baseline] [--out DIR]
#   ops/bench.sh hook ACTION        fault injection, called by the load generator
#
# Everything it starts is its own and is stopped on exit (also on failure or Ctrl-C): an Artemis
# broker on 61646, a Payara domain "eris-bench" on port base 18000 (http 18080), PostgreSQL
# databases eris_bench_* (role eris_bench) and, for the baseline, eris_bench_baseline (dropped
# after). State lives under .eris/bench/; `./eris run`'s node, broker and database are not touched.
set -euo pipefail
# shellcheck source=ops/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ERIS_ROOT/ops/broker.sh"
source "$ERIS_ROOT/ops/db.sh"
source "$ERIS_ROOT/ops/payara.sh"
source "$ERIS_ROOT/ops/node.sh"

MAIN_STATE="${ERIS_STATE_DIR:-$ERIS_ROOT/.eris}"
BENCH_STATE="${ERIS_BENCH_STATE:-$MAIN_STATE/bench}"
BENCH_JAR="$ERIS_ROOT/bench/target/eris-bench.jar"

B_DURATION=60
B_CLUSTER_DURATION=""
B_WARMUP=60
B_RATE=""
B_CLIENTS=16
B_T_MS=250
B_VALIDATORS=3
B_ACCOUNTS=2000
B_QUICK=0
B_PROFILE=0
B_SINGLE=1
B_CLUSTER=1
B_BASELINE=1
B_OUT="$ERIS_ROOT/target/bench"
B_HTTP_THREADS=""
B_VALIDATE_EVERY=""
B_SEED="eris-bench-v1"

bench_usage() {
  cat <<'EOF'
./eris bench [options]   measure throughput, latency, faults and cost against plain PostgreSQL

  --duration S     measured seconds of load per phase (default 60; --quick: 30; the cluster
                   phase takes at least 120, its faults at 25/45/65/75 % of it)
  --warmup S       seconds of load before that, not measured (JIT, caches; default 60;
                   --quick: 10)
  --clients N      closed loop: N client threads, each sending its next tx when the last is
                   answered (default 16)
  --rate R         open loop: offer R tx/s in all, spread over the client threads (use enough:
                   clients ≥ R × answer time in s, or senders fall behind; results show the lag)
  --t-ms T         block interval of the benchmark chain (default 250)
  --validators N   validators in the cluster phase (default 3, plus 1 standby)
  --accounts N     accounts that sign txs (default 2000), opened in the bench's genesis
  --quick          everything in at most ~3 minutes: shorter phases, for routine checks
  --profile        record the single node with Java Flight Recorder; hottest methods are
                   written to target/bench/profile-single.txt
  --http-threads N an experiment: the bench node's HTTP worker pool at N threads instead of
                   Payara's default (5); the results say which was used
  --pool-validate-every S  an experiment: the JDBC pool validates a connection at most once
                   every S seconds instead of on every checkout (0, as ./eris run sets it up)
  --skip-single / --skip-cluster / --skip-baseline
  --out DIR        where results go (default target/bench)

Writes target/bench/results.json, throughput.png, latency.png, table.txt, and prints the table
last. Uses ports 18000-18100 and 61646, and PostgreSQL on ERIS_DB_HOST:ERIS_DB_PORT (the
baseline and the role setup connect as ERIS_BENCH_PG_USER, default postgres).
EOF
}

bench_parse() {
  while (($#)); do
    case "$1" in
      --duration) B_DURATION="$2"; shift 2 ;;
      --warmup) B_WARMUP="$2"; shift 2 ;;
      --rate) B_RATE="$2"; shift 2 ;;
      --clients) B_CLIENTS="$2"; shift 2 ;;
      --t-ms) B_T_MS="$2"; shift 2 ;;
      --validators) B_VALIDATORS="$2"; shift 2 ;;
      --accounts) B_ACCOUNTS="$2"; shift 2 ;;
      --quick) B_QUICK=1; shift ;;
      --profile) B_PROFILE=1; shift ;;
      --http-threads) B_HTTP_THREADS="$2"; shift 2 ;;
      --pool-validate-every) B_VALIDATE_EVERY="$2"; shift 2 ;;
      --skip-single) B_SINGLE=0; shift ;;
      --skip-cluster) B_CLUSTER=0; shift ;;
      --skip-baseline) B_BASELINE=0; shift ;;
      --out) B_OUT="$2"; shift 2 ;;
      -h | --help) bench_usage; exit 0 ;;
      *) bench_usage >&2; die "bench: unknown option '$1'" ;;
    esac
  done
  [[ "$B_DURATION" =~ ^[0-9]+$ && "$B_CLIENTS" =~ ^[0-9]+$ && "$B_T_MS" =~ ^[0-9]+$ ]] \
    || die "bench: --duration, --clients and --t-ms take whole numbers"
  # The cluster phase needs room for its faults: at least 120 s of measured load.
  [[ -n "$B_CLUSTER_DURATION" ]] || B_CLUSTER_DURATION=$((B_DURATION > 120 ? B_DURATION : 120))
  if ((B_QUICK)); then
    ((B_DURATION > 30)) && B_DURATION=30
    ((B_WARMUP > 10)) && B_WARMUP=10
  fi
}

# The bench's own copy of the launcher's "run" profile: other ports, other names, its own
# broker instance, secrets and database; Payara and Artemis installs are shared (symlinked).
bench_profile() {
  local phase="$1"
  mkdir -p "$BENCH_STATE/state" "$BENCH_STATE/$phase"
  local d
  for d in "payara-$PAYARA_VERSION" "artemis-$ARTEMIS_VERSION" downloads; do
    if [[ -e "$MAIN_STATE/$d" && ! -e "$BENCH_STATE/state/$d" ]]; then
      ln -s "$MAIN_STATE/$d" "$BENCH_STATE/state/$d"
    fi
  done
  export ERIS_STATE_DIR="$BENCH_STATE/state"
  export ERIS_DOMAIN="eris-bench"
  export ERIS_PORTBASE="${ERIS_BENCH_PORTBASE:-18000}"
  export ERIS_BROKER_PORT="${ERIS_BENCH_BROKER_PORT:-61646}"
  export ERIS_BROKER_START=1
  export ERIS_DB=postgres
  export ERIS_DB_URL=""
  export ERIS_DB_NAME="eris_bench_$phase"
  export ERIS_DB_USER="${ERIS_BENCH_DB_USER:-eris_bench}"
  export ERIS_DB_ADMIN_USER="${ERIS_BENCH_PG_USER:-postgres}"
  export ERIS_NODE_NAME="bench-$phase"
  export ERIS_NODE_KEY="$BENCH_STATE/$phase/validator-1.key"
  export ERIS_GENESIS="$BENCH_STATE/$phase/genesis.json"
  export ERIS_GENESIS_HASH=""
  export ERIS_T_MS="$B_T_MS"
  export ERIS_DEV_ENROLMENT=false
  eris_profile run
}

bench_java() {
  java -Xms256m -Xmx1g -XX:+UseParallelGC -jar "$BENCH_JAR" "$@"
}

bench_build() {
  # The EAR and the RAR (the launcher's own check), then the load generator.
  (eris_profile run && ensure_built)
  ensure_payara_artemis
  local newest built=0
  newest=$(_newest_source "$ERIS_ROOT/bench" "$ERIS_ROOT/core/src/main")
  [[ -s "$BENCH_JAR" ]] && built=$(stat -c %Y "$BENCH_JAR")
  if [[ ! -d "$ERIS_ROOT/bench/target/lib" ]] || ((newest > built)); then
    info "bench: building the load generator (mvn -pl bench -am package -DskipTests)"
    mvn_root -pl bench -am -DskipTests package || die "building bench/ failed"
  fi
}

ensure_payara_artemis() {
  (
    eris_profile run
    ensure_payara
    ensure_artemis
    pg_driver_jar >/dev/null
  )
}

# --------------------------------------------------------------------------------------------
# Single node

B_STARTED_SINGLE=0

single_start() {
  bench_profile single
  info "bench: single node — genesis with $B_ACCOUNTS accounts, T = $B_T_MS ms"
  # A fixed genesis timestamp: same key, accounts and T give the same chain id on every run,
  # so a domain that already runs this EAR with this genesis needs no redeploy (the database
  # and the broker's data are fresh on every run all the same).
  rm -f "$ERIS_GENESIS" "$ERIS_GENESIS.hash"
  bench_java genesis --dir "$BENCH_STATE/single" --seed "$B_SEED" --accounts "$B_ACCOUNTS" \
    --t-ms "$B_T_MS" --validators 1 --timestamp 1767225600000 >/dev/null || die "bench: genesis failed"
  B_STARTED_SINGLE=1
  # Left over from an interrupted run.
  domain_running && domain_stop
  broker_stop
  db_prepare --recreate
  [[ "$DB_KIND" == postgres ]] || die "bench: needs PostgreSQL"
  node_identity
  broker_provision
  broker_wipe_data
  broker_start
  domain_create
  local fp fpfile="$BENCH_STATE/single/deployed.fingerprint"
  fp=$(_bench_fingerprint)
  domain_start
  if [[ "$(cat "$fpfile" 2>/dev/null)" == "$fp" ]]; then
    info "bench: domain already provisioned with this EAR and genesis; not redeploying"
  else
    rm -f "$fpfile"
    domain_provision
    domain_deploy_ear
  fi
  _bench_domain_knobs
  wait_for 180 _bench_ready || die "bench: the node did not answer /api/v1/head: $(_bench_http_body /api/v1/head | head -c 400)"
  printf '%s\n' "$fp" >"$fpfile"
  info "bench: single node ready at http://127.0.0.1:$ERIS_HTTP_PORT/ (pid $(domain_pid))"
}

# Domain settings the bench can vary as experiments (--http-threads, --pool-validate-every).
# Without the option each is set back to Payara's default, so a run never inherits the last
# experiment; a change restarts the domain once. What was used goes into the results.
HTTP_POOL_KEY="configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size"
VALIDATE_KEY="resources.jdbc-connection-pool.eris-pool.validate-atmost-once-period-in-seconds"
_bench_domain_knobs() {
  local changed=0 key want cur
  for pair in "$HTTP_POOL_KEY=${B_HTTP_THREADS:-5}" "$VALIDATE_KEY=${B_VALIDATE_EVERY:-0}"; do
    key="${pair%%=*}"
    want="${pair#*=}"
    cur=$(asadm get "$key" 2>/dev/null | awk -F= -v k="$key" '$1 == k {print $2}' | tr -d '[:space:]')
    if [[ "$cur" != "$want" ]]; then
      info "bench: ${key##*.} ${cur:-(unset)} -> $want"
      asadm set "$key=$want" >/dev/null || die "bench: could not set $key"
      changed=1
    fi
  done
  B_HTTP_THREADS_USED="${B_HTTP_THREADS:-5}"
  B_VALIDATE_USED="${B_VALIDATE_EVERY:-0}"
  if ((changed)); then
    info "bench: restarting the domain for the changed settings"
    asadmin restart-domain "$ERIS_DOMAIN" >"$ERIS_WORK/domain-restart.log" 2>&1 || die "bench: restart-domain failed"
  fi
}

# What the deployed node depends on: EAR, RAR, provisioning scripts, genesis, settings.
_bench_fingerprint() {
  {
    sha256sum "$ERIS_EAR" "$ERIS_RAR" "$ERIS_ROOT"/ops/{lib,broker,db,payara,node}.sh "$ERIS_ROOT/jms-config/src/main/asadmin/jms-resources.asadmin" \
      "$ERIS_ROOT/jms-config/src/main/broker/broker.xml" 2>/dev/null | cut -c1-64
    printf '%s|' "$ERIS_GENESIS_HASH" "$ERIS_T_MS" "$ERIS_PORTBASE" "$ERIS_BROKER_PORT" "$ERIS_DB_NAME" "$ERIS_DB_USER" \
      "$ERIS_NODE_KEY" "$ERIS_GENESIS" "$ERIS_HEAP"
  } | sha256sum | cut -c1-32
}

_bench_http_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$ERIS_HTTP_PORT" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
    timeout 5 head -1 <&3
  ) 2>/dev/null | awk '{print $2}'
}

_bench_http_body() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$ERIS_HTTP_PORT" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
    timeout 5 cat <&3
  ) 2>/dev/null | sed '1,/^\r\{0,1\}$/d'
}

# Ready = the node answers its head. (Not /health/ready: after an in-place redeploy Payara's
# health service can keep the previous deployment's check and answer 503 for ever.)
_bench_ready() { [[ "$(_bench_http_status /api/v1/head)" == 200 ]]; }

single_stop() {
  ((B_STARTED_SINGLE)) || return 0
  (
    bench_profile single
    domain_stop
    broker_stop
  ) || true
  B_STARTED_SINGLE=0
}

single_run() {
  single_start
  local url="http://127.0.0.1:$ERIS_HTTP_PORT" pid jfr=""
  pid=$(domain_pid)
  if ((B_PROFILE)); then
    jfr="$B_OUT/node-single.jfr"
    rm -f "$jfr"
    # Java's "profile" settings, sampling every 5 ms instead of 10 and GC details kept
    sed -e 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">5 ms</setting>|' \
      "$JAVA_HOME/lib/jfr/profile.jfc" >"$B_OUT/bench-profile.jfc"
    jcmd "$pid" JFR.start name=bench "settings=$B_OUT/bench-profile.jfc" "filename=$jfr" >/dev/null \
      || warn "bench: could not start JFR on pid $pid"
  fi
  local load=(--clients "$B_CLIENTS")
  [[ -n "$B_RATE" ]] && load+=(--rate "$B_RATE")
  local drain=30
  ((B_QUICK)) && drain=15
  bench_java load --label single --urls "$url" --seed "$B_SEED" --accounts "$B_ACCOUNTS" \
    "${load[@]}" --warmup "$B_WARMUP" --duration "$B_DURATION" --drain "$drain" --t-ms "$B_T_MS" \
    --setting "http_threads=${B_HTTP_THREADS_USED:-?}" --setting "pool_validate_every_s=${B_VALIDATE_USED:-?}" \
    --setting "node_heap=$ERIS_HEAP" \
    --proc "node=$ERIS_DOMAIN_DIR/config/pid" --proc "broker=$ERIS_BROKER_INSTANCE/eris.pid" \
    --proc "postgres=*" --out "$B_OUT" || warn "bench: the single-node load phase failed"
  if [[ -n "$jfr" ]]; then
    jcmd "$pid" JFR.stop name=bench >/dev/null 2>&1 || true
    if [[ -s "$jfr" ]]; then
      bench_java jfr-top "$jfr" --top 30 >"$B_OUT/profile-single.txt" 2>&1 || true
      info "bench: flight recording $jfr; hottest methods in $B_OUT/profile-single.txt"
    fi
  fi
  single_stop
}

# --------------------------------------------------------------------------------------------
# Cluster: one broker, validators n1..nN (n1 holds the leader key) and a hot standby (the last
# node, holding the same leader key and sharing the lease row in n1's database) — the layout of
# ops/cluster.sh, each node an `./eris run` with its own settings, but with the bench's own
# names, ports, databases and genesis (with the bench accounts), so a user's cluster is not
# touched.

CL_DIR="$BENCH_STATE/cluster"
CL_PORTBASE="${ERIS_BENCH_PORTBASE:-18000}" # node i: base + 100 * i (the single node: base)
B_STARTED_CLUSTER=0

cl_nodes() {
  local i
  for ((i = 1; i <= B_VALIDATORS + 1; i++)); do echo "n$i"; done
}
cl_standby() { echo "n$((B_VALIDATORS + 1))"; }
cl_http() { echo $((CL_PORTBASE + 100 * ${1#n} + 80)); }
cl_url() { echo "http://127.0.0.1:$(cl_http "$1")"; }

# The settings under which `./eris` acts as cluster node $1 (KEY=VALUE lines).
cl_env() {
  local n="$1" i="${1#n}" key
  if [[ "$n" == "$(cl_standby)" ]]; then key="$CL_DIR/standby.key"; else key="$CL_DIR/validator-$i.key"; fi
  printf '%s\n' \
    "ERIS_STATE_DIR=$BENCH_STATE/state" \
    "ERIS_DOMAIN=eris-bench-$n" \
    "ERIS_PORTBASE=$((CL_PORTBASE + 100 * i))" \
    "ERIS_BROKER_PORT=${ERIS_BENCH_BROKER_PORT:-61646}" \
    "ERIS_BROKER_START=$([[ "$n" == n1 ]] && echo 1 || echo 0)" \
    "ERIS_DB=postgres" \
    "ERIS_DB_URL=" \
    "ERIS_DB_NAME=eris_bench_$n" \
    "ERIS_DB_USER=${ERIS_BENCH_DB_USER:-eris_bench}" \
    "ERIS_DB_ADMIN_USER=${ERIS_BENCH_PG_USER:-postgres}" \
    "ERIS_NODE_NAME=bench-$n" \
    "ERIS_NODE_KEY=$key" \
    "ERIS_GENESIS=$CL_DIR/genesis.json" \
    "ERIS_GENESIS_HASH=$(tr -d '[:space:]' <"$CL_DIR/genesis.json.hash")" \
    "ERIS_T_MS=$B_T_MS" \
    "ERIS_DEV_ENROLMENT=false" \
    "ERIS_SKIP_BUILD=1"
  if [[ "$n" == n1 || "$n" == "$(cl_standby)" ]]; then
    printf '%s\n' \
      "ERIS_LEADER_KEY=$CL_DIR/leader.key" \
      "ERIS_LEASE_DB_NAME=eris_bench_n1" \
      "ERIS_STANDBY=$([[ "$n" == n1 ]] && echo false || echo true)"
  fi
}

# cl_as <node> <command...>: runs a command with that node's settings and nothing inherited.
cl_as() {
  local n="$1"
  shift
  # shellcheck disable=SC2046
  env -u ERIS_LEADER_KEY -u ERIS_STANDBY -u ERIS_LEASE_DB_NAME -u ERIS_HEAP $(cl_env "$n") "$@"
}

# cl_in <node> <function...>: in a subshell with that node's settings, the ops functions act
# on that node.
cl_in() {
  local n="$1"
  shift
  (
    unset ERIS_LEADER_KEY ERIS_STANDBY ERIS_LEASE_DB_NAME
    while IFS= read -r kv; do export "${kv?}"; done < <(cl_env "$n")
    eris_profile run
    "$@"
  )
}

_print_pidfile() { printf '%s\n' "$ERIS_DOMAIN_DIR/config/pid"; }
_print_broker_pidfile() { printf '%s\n' "$ERIS_BROKER_INSTANCE/eris.pid"; }
_cl_fresh_db() { db_prepare --recreate >/dev/null; }
_cl_fresh_broker() {
  broker_stop
  if [[ -d "$ERIS_BROKER_INSTANCE" ]]; then broker_wipe_data; fi
}

cluster_start() {
  mkdir -p "$CL_DIR"
  local n t0
  t0=$(now_ms)
  info "bench: cluster — $B_VALIDATORS validators + 1 standby ($(cl_nodes | tr '\n' ' ')), genesis with $B_ACCOUNTS accounts, T = $B_T_MS ms"
  rm -f "$CL_DIR/genesis.json" "$CL_DIR/genesis.json.hash"
  bench_java genesis --dir "$CL_DIR" --seed "$B_SEED" --accounts "$B_ACCOUNTS" --t-ms "$B_T_MS" \
    --validators "$B_VALIDATORS" --shared-leader --timestamp 1767225600000 >/dev/null \
    || die "bench: cluster genesis failed"
  B_STARTED_CLUSTER=1
  for n in $(cl_nodes); do cl_in "$n" domain_stop; done
  cl_in n1 _cl_fresh_broker
  for n in $(cl_nodes); do cl_in "$n" _cl_fresh_db; done
  # One after another, as ops/cluster.sh does: the launcher's steps share the state directory.
  for n in $(cl_nodes); do
    info "bench: starting $n ($(cl_url "$n"))"
    cl_as "$n" "$ERIS_ROOT/eris" run >"$CL_DIR/$n.run.log" 2>&1 \
      || die "bench: cluster node $n did not start: see $CL_DIR/$n.run.log"
    cl_in "$n" _bench_domain_knobs
  done
  for n in $(cl_nodes); do
    cl_in "$n" wait_for 180 _bench_ready || die "bench: $n is not ready: see $CL_DIR/$n.run.log"
  done
  info "bench: cluster up in $(since "$t0")"
}

cluster_stop() {
  ((B_STARTED_CLUSTER)) || return 0
  local n
  for n in $(cl_nodes | sort -r); do cl_in "$n" domain_stop || true; done
  cl_in n1 broker_stop || true
  B_STARTED_CLUSTER=0
}

cluster_run() {
  cluster_start
  local n urls="" submit="" procs=() sb
  sb=$(cl_standby)
  # Events from a follower that no fault touches (n2), then the others; txs go to the leader
  # first and fail over in this order.
  for n in n2 $(cl_nodes | grep -vx n2); do urls+="${urls:+,}$(cl_url "$n")"; done
  for n in n1 "$sb" $(cl_nodes | grep -vx -e n1 -e "$sb"); do submit+="${submit:+,}$(cl_url "$n")"; done
  for n in $(cl_nodes); do procs+=(--proc "node-$n=$(cl_in "$n" _print_pidfile)"); done
  procs+=(--proc "broker=$(cl_in n1 _print_broker_pidfile)" --proc "postgres=*")
  local d="$B_CLUSTER_DURATION" faults=()
  # Faults at fixed fractions of the measured time: the rate before the first is "normal".
  faults+=(--fault "$((d * 25 / 100)):kill-leader" --fault "$((d * 45 / 100)):kill-standby")
  faults+=(--fault "$((d * 65 / 100)):restart-leader" --fault "$((d * 75 / 100)):restart-standby")
  local load=(--clients "$B_CLIENTS")
  [[ -n "$B_RATE" ]] && load+=(--rate "$B_RATE")
  export B_T_MS B_VALIDATORS ERIS_BENCH_STATE="$BENCH_STATE"
  bench_java load --label cluster --urls "$urls" --submit-urls "$submit" --seed "$B_SEED" \
    --accounts "$B_ACCOUNTS" "${load[@]}" --warmup "$B_WARMUP" --duration "$d" --drain 120 \
    --t-ms "$B_T_MS" --hook "bash $ERIS_ROOT/ops/bench.sh hook" "${faults[@]}" "${procs[@]}" \
    --setting "http_threads=${B_HTTP_THREADS:-5}" --setting "pool_validate_every_s=${B_VALIDATE_EVERY:-0}" \
    --setting "nodes=$(cl_nodes | tr '\n' ' ')(n1 leader, $sb standby)" \
    --out "$B_OUT" || warn "bench: the cluster load phase failed"
  cluster_stop
}

# ops/bench.sh hook ACTION — called by the load generator during the cluster phase.
bench_hook() {
  local action="$1" n pidfile pid t0
  case "$action" in
    kill-leader | kill-standby)
      n=n1
      [[ "$action" == kill-standby ]] && n=$(cl_standby)
      pidfile=$(cl_in "$n" _print_pidfile)
      pid=$(cat "$pidfile" 2>/dev/null || true)
      if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then die "hook: $n is not running"; fi
      kill -9 "$pid"
      echo "fault: kill -9 $n (pid $pid)"
      ;;
    restart-leader | restart-standby)
      n=n1
      [[ "$action" == restart-standby ]] && n=$(cl_standby)
      echo "url=$(cl_url "$n")"
      t0=$(now_ms)
      cl_as "$n" "$ERIS_ROOT/eris" run >"$CL_DIR/$n.restart.log" 2>&1 \
        || die "hook: $n did not restart: see $CL_DIR/$n.restart.log"
      echo "fault: $n restarted (./eris run) in $(since "$t0")"
      ;;
    *) die "hook: unknown action '$action'" ;;
  esac
}

# --------------------------------------------------------------------------------------------

bench_main() {
  bench_parse "$@"
  local t0
  t0=$(now_ms)
  command -v java >/dev/null || die "no 'java' on PATH"
  bench_build
  mkdir -p "$B_OUT"
  rm -f "$B_OUT"/phase-*.json "$B_OUT/limits.json" "$B_OUT/results.json" "$B_OUT/profile-single.txt"
  trap 'single_stop; cluster_stop' EXIT
  trap 'exit 130' INT TERM

  local secs=3 bl_secs=20
  ((B_QUICK)) && secs=2 && bl_secs=10
  info "bench: limits — Ed25519 verifications/s on this machine"
  bench_java limits --seed "$B_SEED" --seconds "$secs" --out "$B_OUT" || warn "bench: limits failed"

  if ((B_BASELINE)); then
    bench_java baseline --clients "$B_CLIENTS" --duration "$bl_secs" --seed "$B_SEED" \
      --accounts "$B_ACCOUNTS" --db-host "${ERIS_DB_HOST:-127.0.0.1}" --db-port "${ERIS_DB_PORT:-5432}" \
      --db-user "${ERIS_BENCH_PG_USER:-postgres}" --out "$B_OUT" || warn "bench: the PostgreSQL baseline failed"
  fi

  ((B_SINGLE)) && single_run

  local na=()
  if ((B_CLUSTER)) && ((B_QUICK)); then
    na+=(--na "cluster=skipped by --quick (starting ${B_VALIDATORS}+1 Payara domains alone takes minutes here; run ./eris bench without --quick)")
  elif ((B_CLUSTER)); then
    cluster_run
  else
    na+=(--na "cluster=skipped (--skip-cluster)")
  fi
  local nodes=$((B_VALIDATORS + 1))
  bench_java report --out "$B_OUT" --t-ms "$B_T_MS" --nodes "$nodes" \
    --machine "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr), Java $(java -version 2>&1 | head -1 | awk -F'"' '{print $2}')" \
    "${na[@]}"
  info "bench: done in $(since "$t0")"
}

if [[ "${1:-}" == hook ]]; then
  B_T_MS="${B_T_MS:-250}"
  B_VALIDATORS="${B_VALIDATORS:-3}"
  bench_hook "${2:-}"
  exit 0
fi
bench_main "$@"
