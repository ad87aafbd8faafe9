/**
 * The authenticated state: a persistent sparse Merkle tree with short-cut leaves ({@link
 * io.eris.core.state.StateTree}), its nodes and their storage port ({@link
 * io.eris.core.state.TreeNode}, {@link io.eris.core.state.TreeNodeStore}), and proofs of membership
 * and absence that a client verifies against a block's state root ({@link
 * io.eris.core.state.StateProof}).
 */
package io.eris.core.state;
