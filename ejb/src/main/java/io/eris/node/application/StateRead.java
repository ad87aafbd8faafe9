package io.eris.node.application;

import io.eris.core.model.Block;
import io.eris.core.model.Vote;
import io.eris.core.state.StateProof;
import java.util.List;

/**
 * A state entry read at a final block, with everything a reader needs to check it without trusting
 * the node: the block's header, the Merkle proof against its state root, and the validators' votes
 * that made it final.
 */
public record StateRead(
    Block block, byte[] stateKey, byte[] value, StateProof proof, List<Vote> votes) {}
