/**
 * Talking to full nodes: their endpoints, HTTP with timeouts and size limits, back-off. Plain Java.
 */
package io.eris.light.node;
