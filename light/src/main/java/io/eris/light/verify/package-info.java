/**
 * Checks of what nodes answer, with the core's own code: the trusted genesis, Merkle proofs,
 * finality votes. Plain Java.
 */
package io.eris.light.verify;
