/**
 * The light service's use cases: verified reads with failover and cache, forwarded transactions,
 * settings. Plain Java.
 */
package io.eris.light.service;
