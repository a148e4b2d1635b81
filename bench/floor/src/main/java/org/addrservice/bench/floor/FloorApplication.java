package org.addrservice.bench.floor;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The framework floor of bench/run.sh: Dropwizard with one Jersey resource that answers every GET
 * /addresses/{id} with the same bytes the service answers for the entry the harness loads (the
 * entry of bench/wrk/common.lua), and the service's ETag of a first version. No store, no JSON
 * writing, no bundles of ours: what is left is what Dropwizard, Jersey and Jetty cost.
 */
public final class FloorApplication extends Application<Configuration> {

  public static void main(String[] args) throws Exception {
    new FloorApplication().run(args);
  }

  @Override
  public String getName() {
    return "floor";
  }

  @Override
  public void initialize(Bootstrap<Configuration> bootstrap) {
    // ${BENCH_PORT} and the like in the config, as in the service's configs.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
  }

  @Override
  public void run(Configuration configuration, Environment environment) {
    environment.jersey().register(new EntryResource());
  }

  /** GET /addresses/{id}: the constant answer, whatever the id. */
  @Path("/addresses")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class EntryResource {
    // The service's GET answer for that entry, byte for byte (282 bytes); bench/run.sh compares
    // the two before it measures.
    private static final byte[] ENTRY =
        ("{\"full_name\":\"Ada Lovelace\",\"addresses\":[{\"kind\":\"home\","
                + "\"street_name\":\"St James Square\",\"pincode\":\"SW1Y 4JH\","
                + "\"country\":\"United Kingdom\"}],\"phone_numbers\":[{\"kind\":\"work\","
                + "\"country_code\":44,\"area_code\":20,\"local_number\":79460000}],"
                + "\"emails\":[{\"kind\":\"home\",\"email\":\"ada@example.org\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    private static final EntityTag TAG = new EntityTag("1");

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
      return Response.ok(ENTRY, MediaType.APPLICATION_JSON_TYPE).tag(TAG).build();
    }
  }
}
