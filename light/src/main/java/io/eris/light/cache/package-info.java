/** The bounded cache of verified answers. Plain Java. */
package io.eris.light.cache;
