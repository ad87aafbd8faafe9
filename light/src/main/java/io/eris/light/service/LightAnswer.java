package io.eris.light.service;

/**
 * A verified answer of the light service: the JSON body (the node API's shape plus {@code
 * verifiedBy} and {@code stale}), the name of the node whose answer was verified, and whether it
 * came from the cache because no node gave a verified answer now.
 */
public record LightAnswer(Object body, String node, boolean stale) {}
