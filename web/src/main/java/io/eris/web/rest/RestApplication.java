package io.eris.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the versioned REST API. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {}
