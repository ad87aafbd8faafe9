package io.eris.light.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the light service's API under {@code /api/v1}, the node API's paths and shapes. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {}
