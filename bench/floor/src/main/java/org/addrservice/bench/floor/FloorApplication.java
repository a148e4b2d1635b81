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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The framework floor: a Dropwizard application with one Jersey resource that answers {@code GET
 * /addresses/{id}} with the bytes the address-book service answers for the benchmark's entry, and
 * with its ETag. No store, no validation, no metrics of its own, no filters: what is left is the
 * cost of Dropwizard, Jetty and Jersey themselves.
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
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
  }

  @Override
  public void run(Configuration config, Environment environment) {
    environment.jersey().register(new ConstantEntry(answer()));
  }

  private static byte[] answer() {
    try (InputStream in = FloorApplication.class.getResourceAsStream("/answer.json")) {
      if (in == null) {
        throw new IllegalStateException("answer.json is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code /addresses/{id}}: the same bytes for every id. */
  @Path("/addresses")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class ConstantEntry {

    private static final EntityTag TAG = new EntityTag("1");

    private final byte[] answer;

    ConstantEntry(byte[] answer) {
      this.answer = answer;
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
      return Response.ok(answer).tag(TAG).build();
    }
  }
}
