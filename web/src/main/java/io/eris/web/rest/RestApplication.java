package io.eris.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Mounts the versioned REST API; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Eris ledger API",
            version = "1",
            description =
                "Signed transactions in, verifiable reads out. JSON views of canonical bytes;"
                    + " errors are RFC 9457 problem details with a stable code."))
public class RestApplication extends Application {}
