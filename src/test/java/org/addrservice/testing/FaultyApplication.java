package org.addrservice.testing;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ServiceUnavailableException;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.slf4j.LoggerFactory;

/** The real application plus {@code /faults/...}, which fail on purpose. */
public final class FaultyApplication extends Application<AddrServiceConfiguration> {
  @Override
  public void run(AddrServiceConfiguration config, Environment environment) {
    new AddrServiceApplication().run(config, environment);
    environment.jersey().register(new Faults());
  }

  /** Fails on purpose, or logs on purpose. */
  @Path("/faults")
  @SuppressWarnings("DoNotCallSuggester") // Jersey calls these; failing is their whole job.
  public static final class Faults {
    @GET
    @Path("bug")
    public String bug() {
      throw new IllegalStateException("a bug with a secret in its message");
    }

    @GET
    @Path("chatty")
    public String chatty() {
      LoggerFactory.getLogger(Faults.class).warn("a line logged while serving a request");
      return "ok";
    }

    @GET
    @Path("unavailable")
    public String unavailable() {
      throw new ServiceUnavailableException("overloaded");
    }
  }
}
