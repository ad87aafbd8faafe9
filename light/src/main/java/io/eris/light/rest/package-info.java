/** The Jakarta EE side: JAX-RS resources, problem+json errors, MicroProfile Config and Health. */
package io.eris.light.rest;
