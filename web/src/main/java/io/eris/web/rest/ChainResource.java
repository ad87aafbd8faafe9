package io.eris.web.rest;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.node.application.ChainQueries;
import io.eris.node.application.ChainRepository.Head;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chain as readers see it: head, finality, blocks. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {
  @EJB ChainQueries chain;

  @GET
  @Path("head")
  public Map<String, Object> head() {
    Head head = chain.head().orElseThrow(ChainResource::notReady);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", head.height());
    m.put("hash", head.hash().toHex());
    m.put("mode", chain.mode());
    m.put("finalHeight", head.finalHeight());
    m.put("finalHash", head.finalHash().toHex());
    m.put("chainId", chain.chainId().map(Hash::toHex).orElse(null));
    return m;
  }

  /** A block by height (decimal) or by hash (64 lower-case hex digits). */
  @GET
  @Path("blocks/{id}")
  public Map<String, Object> block(@PathParam("id") String id) {
    Head head = chain.head().orElseThrow(ChainResource::notReady);
    Block block;
    if (id.matches("[0-9]{1,18}")) {
      block =
          chain
              .canonicalAt(Long.parseLong(id))
              .orElseThrow(
                  () -> ProblemException.notFound("BLOCK_NOT_FOUND", "no block at height " + id));
    } else if (id.matches("[0-9a-f]{64}")) {
      block =
          chain
              .byHash(Hash.fromHex(id))
              .orElseThrow(
                  () -> ProblemException.notFound("BLOCK_NOT_FOUND", "no block with hash " + id));
    } else {
      throw ProblemException.badRequest(
          "BAD_BLOCK_ID", "a block id is a height or 64 lower-case hex digits");
    }
    return BlockView.of(block, block.height() <= head.finalHeight() && chain.isCanonical(block));
  }

  static ProblemException notReady() {
    return new ProblemException(
        503, "NODE_NOT_READY", "Node not ready", "the node is not running yet");
  }
}
