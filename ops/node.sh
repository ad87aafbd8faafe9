# shellcheck shell=bash
# Eris ops: the node's key and a development genesis, made with the core tool
# (io.eris.core.tools.ErisTool in core/target/eris-core-*.jar) when absent.
# Sourced after ops/lib.sh and eris_profile.

ERIS_TOOL_CLASS="io.eris.core.tools.ErisTool"

_core_jar() {
  local f
  for f in "$ERIS_ROOT"/core/target/eris-core-*.jar; do
    [[ -f "$f" && "$f" != *-sources.jar && "$f" != *-tests.jar ]] && printf '%s' "$f" && return 0
  done
  return 0
}

# Class path of the core tool: the core jar plus its runtime dependencies (Bouncy
# Castle), resolved by Maven into .eris/core-classpath.txt.
_core_classpath() {
  local jar cpf="$ERIS_STATE_DIR/core-classpath.txt"
  jar="$(_core_jar)"
  [[ -n "$jar" ]] || return 1
  if [[ ! -s "$cpf" || "$ERIS_ROOT/core/pom.xml" -nt "$cpf" || "$ERIS_ROOT/pom.xml" -nt "$cpf" ]]; then
    mkdir -p "$ERIS_STATE_DIR"
    mvn_root -pl core dependency:build-classpath -Dmdep.includeScope=runtime "-Dmdep.outputFile=$cpf" >&2 \
      || die "could not resolve the core tool's class path"
  fi
  printf '%s:%s' "$jar" "$(cat "$cpf")"
}

eris_tool_available() {
  local jar
  jar="$(_core_jar)"
  [[ -n "$jar" ]] && jar tf "$jar" 2>/dev/null | grep -qx "${ERIS_TOOL_CLASS//.//}.class"
}

eris_tool() {
  java -cp "$(_core_classpath)" "$ERIS_TOOL_CLASS" "$@"
}

# Make the node key and the genesis if they are missing. The genesis names this node's
# key as leader (and only validator); its hash (the chain id) is remembered next to it
# and given to the node as eris.genesis.hash unless ERIS_GENESIS_HASH says otherwise.
node_identity() {
  local need=0
  [[ -s "$ERIS_NODE_KEY" ]] || need=1
  [[ -s "$ERIS_GENESIS" ]] || need=1
  if ((need)); then
    if ! eris_tool_available; then
      # HOOK: the core tool is not built yet. The node then starts without a key or
      # genesis file, and is expected to report that clearly (readiness DOWN).
      warn "the core tool ($ERIS_TOOL_CLASS) is not in core/target/eris-core-*.jar: node key and genesis NOT generated"
      warn "expected: 'keygen --out FILE' and 'genesis --out FILE --leader-key KEYFILE [--validator-key FILE]... [--t-ms N]'"
      return 0
    fi
    mkdir -p "$(dirname "$ERIS_NODE_KEY")" "$(dirname "$ERIS_GENESIS")"
    if [[ ! -s "$ERIS_NODE_KEY" ]]; then
      local addr
      addr=$(umask 077 && eris_tool keygen --out "$ERIS_NODE_KEY") || die "keygen failed"
      chmod 600 "$ERIS_NODE_KEY"
      info "node key: $ERIS_NODE_KEY (address $(printf '%s' "$addr" | tail -1))"
    fi
    if [[ ! -s "$ERIS_GENESIS" ]]; then
      local id
      id=$(eris_tool genesis --out "$ERIS_GENESIS" --leader-key "$ERIS_NODE_KEY" --t-ms "$ERIS_T_MS") \
        || die "genesis failed"
      id=$(printf '%s' "$id" | tail -1 | tr -d '[:space:]')
      printf '%s\n' "$id" >"$ERIS_GENESIS.hash"
      info "genesis: $ERIS_GENESIS (chain id $id)"
    fi
  fi
  if [[ -z "$ERIS_GENESIS_HASH" && -s "$ERIS_GENESIS.hash" ]]; then
    ERIS_GENESIS_HASH="$(tr -d '[:space:]' <"$ERIS_GENESIS.hash")"
  fi
}
