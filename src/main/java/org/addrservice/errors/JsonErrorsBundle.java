package org.addrservice.errors;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.addrservice.http.ServerStart;

/**
 * Every error in the JSON error body, on both ports: the refusals of the book, its store and the
 * web edge by the table of {@link DomainErrors}, the answers Jersey gives itself, anything
 * unexpected as a bare 500, and what Jetty answers before Jersey sees a request. Dropwizard's own
 * exception mappers, which answer in other shapes, are turned off.
 */
public final class JsonErrorsBundle implements ConfiguredBundle<Configuration> {

  @Override
  public void run(Configuration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    JerseyEnvironment jersey = environment.jersey();
    jersey.register(new DomainErrors.AddressBookExceptionMapper());
    jersey.register(new DomainErrors.UnreadableRequestExceptionMapper());
    jersey.register(new DomainErrors.StoreExceptionMapper());
    jersey.register(new WebApplicationExceptionMapper());
    jersey.register(new UnexpectedExceptionMapper());

    JsonErrorHandler errorHandler = new JsonErrorHandler();
    environment.getApplicationContext().setErrorHandler(errorHandler);
    environment.getAdminContext().setErrorHandler(errorHandler);
    ServerStart.beforeItStarts(environment, server -> server.setErrorHandler(errorHandler));
  }
}
