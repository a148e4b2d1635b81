package org.addrservice.testing;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * Loads configuration files the way the service's {@code server} command does: the application's
 * object mapper and validator, and strict environment substitution over a given environment.
 */
public final class Configs {

  private Configs() {}

  /** {@code yaml} loaded with {@code environment} as the environment. */
  public static AddrServiceConfiguration load(String yaml, Map<String, String> environment)
      throws IOException, ConfigurationException {
    Bootstrap<AddrServiceConfiguration> bootstrap = new Bootstrap<>(new AddrServiceApplication());
    ConfigurationFactory<AddrServiceConfiguration> factory =
        bootstrap
            .getConfigurationFactoryFactory()
            .create(
                AddrServiceConfiguration.class,
                bootstrap.getValidatorFactory().getValidator(),
                bootstrap.getObjectMapper(),
                "dw");
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    return factory.build(
        new SubstitutingSourceProvider(text, substitutor(environment)), "config.yml");
  }

  /** {@code file} loaded with an empty environment: every variable it names needs a default. */
  public static AddrServiceConfiguration load(Path file)
      throws IOException, ConfigurationException {
    return load(Files.readString(file), Map.of());
  }

  /** {@code yaml} with the variables of {@code environment} put in, strictly. */
  public static String substitute(String yaml, Map<String, String> environment) {
    return substitutor(environment).replace(yaml);
  }

  /** Like Dropwizard's strict EnvironmentVariableSubstitutor, over {@code environment}. */
  private static StringSubstitutor substitutor(Map<String, String> environment) {
    return new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(environment))
        .setEnableUndefinedVariableException(true)
        .setEnableSubstitutionInVariables(false);
  }
}
