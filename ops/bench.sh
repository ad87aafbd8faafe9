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
B_SEED="eris-bench-v1"

bench_usage() {
  cat <<'EOF'
./eris bench [options]   measure throughput, latency, faults and cost against plain PostgreSQL

  --duration S     measured seconds of load per phase (default 60; --quick: 30)
  --warmup S       seconds of load before that, not measured (JIT, caches; default 60;
                   --quick: 10)
  --clients N      closed loop: N client threads, each sending its next tx when the last is
                   answered (default 16)
  --rate R         open loop: offer R tx/s in all (spread over the client threads)
  --t-ms T         block interval of the benchmark chain (default 250)
  --validators N   validators in the cluster phase (default 3, plus 1 standby)
  --accounts N     accounts that sign txs (default 2000), opened in the bench's genesis
  --quick          everything in at most ~3 minutes: shorter phases, for routine checks
  --profile        record the single node with Java Flight Recorder; hottest methods are
                   written to target/bench/profile-single.txt
  --http-threads N an experiment: the bench node's HTTP worker pool at N threads instead of
                   Payara's default (5); the results say which was used
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
  _bench_http_pool
  wait_for 180 _bench_ready || die "bench: the node did not become ready: $(_bench_http_body /health/ready | head -c 400)"
  printf '%s\n' "$fp" >"$fpfile"
  info "bench: single node ready at http://127.0.0.1:$ERIS_HTTP_PORT/ (pid $(domain_pid))"
}

# The HTTP worker pool of the bench domain: Payara's default unless --http-threads says
# otherwise (set back to the default when a run without the option follows one with it).
HTTP_POOL_KEY="configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size"
_bench_http_pool() {
  local want="${B_HTTP_THREADS:-5}" cur
  cur=$(asadm get "$HTTP_POOL_KEY" 2>/dev/null | awk -F= '/max-thread-pool-size=/ {print $2}' | tr -d '[:space:]')
  B_HTTP_THREADS_USED="$want"
  [[ "$cur" == "$want" ]] && return 0
  info "bench: HTTP worker pool $cur -> $want threads (restarting the domain)"
  asadm set "$HTTP_POOL_KEY=$want" >/dev/null || die "bench: could not set the HTTP pool size"
  asadmin restart-domain "$ERIS_DOMAIN" >"$ERIS_HOME/domain-restart.log" 2>&1 || die "bench: restart-domain failed"
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

_bench_ready() { [[ "$(_bench_http_status /health/ready)" == 200 ]]; }

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
    --setting "http_threads=${B_HTTP_THREADS_USED:-?}" --setting "node_heap=$ERIS_HEAP" \
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
# Cluster (broker + N validators + 1 standby), built on `./eris cluster` when it exists.

cluster_available() {
  grep -q '^ *cluster)' "$ERIS_ROOT/eris" 2>/dev/null
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
  trap 'single_stop' EXIT
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
  if ((B_CLUSTER)); then
    if cluster_available; then
      na+=(--na "cluster=the cluster phase of the bench is not wired to ./eris cluster yet")
    else
      na+=(--na "cluster=./eris cluster does not exist yet (issue 4): no cluster phase, no faults")
    fi
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
  shift
  die "bench hook '$*': fault injection needs the cluster (not available yet)"
fi
bench_main "$@"
