package org.addrservice.testing;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ServiceUnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.slf4j.LoggerFactory;

/** The real application plus {@code /faults/...}, which fail, log or wait on purpose. */
public final class FaultyApplication extends Application<AddrServiceConfiguration> {

  private final CountDownLatch release = new CountDownLatch(1);

  @Override
  public void initialize(Bootstrap<AddrServiceConfiguration> bootstrap) {
    new AddrServiceApplication().initialize(bootstrap);
  }

  @Override
  public void run(AddrServiceConfiguration config, Environment environment) {
    new AddrServiceApplication().run(config, environment);
    environment.jersey().register(new Faults(release));
  }

  /** Lets every request to {@code /faults/held}, those waiting and those to come, answer. */
  public void releaseHeldRequests() {
    release.countDown();
  }

  /** Fails on purpose, or logs on purpose, or holds its request inside the service. */
  @Path("/faults")
  @SuppressWarnings("DoNotCallSuggester") // Jersey calls these; failing is their whole job.
  public static final class Faults {

    private final CountDownLatch release;

    Faults(CountDownLatch release) {
      this.release = release;
    }

    /** Holds a thread and a place under the overload limit until the test releases it. */
    @GET
    @Path("held")
    public String held() throws InterruptedException {
      if (!release.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("a held request was never released");
      }
      return "released";
    }

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
