package org.addrservice.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.addrservice.api.ApiDescription;

/** {@code /openapi.json} and {@code /schema/address-entry.json}: what a client builds against. */
@Path("/")
public final class ApiDescriptionResource {

  /** JSON Schema's own media type; plain JSON is offered to clients that ask for that. */
  static final String SCHEMA_JSON = "application/schema+json";

  private final ApiDescription description;

  public ApiDescriptionResource(ApiDescription description) {
    this.description = description;
  }

  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Timed(name = "openapi")
  public byte[] openApi() {
    return description.openApi();
  }

  @GET
  @Path("schema/address-entry.json")
  @Produces({SCHEMA_JSON, MediaType.APPLICATION_JSON})
  @Timed(name = "entry-schema")
  public byte[] entrySchema() {
    return description.entrySchema();
  }
}
