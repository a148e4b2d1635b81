package org.addrservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsFactoryTest {

  private final Validator validator = Validators.newValidator();

  @Test
  void noOriginsMeansNoCorsHandler() {
    assertThat(new CorsFactory().build()).isEmpty();
  }

  @Test
  void exactOriginsAreAccepted() {
    CorsFactory cors = new CorsFactory();
    cors.setAllowedOrigins(List.of("https://app.example.com", "http://localhost:3000"));

    assertThat(validator.validate(cors)).isEmpty();
    assertThat(cors.build()).isPresent();
  }

  @Test
  void wildcardsPathsAndBareHostsAreRefused() {
    for (String origin :
        List.of(
            "*",
            "https://*.example.com",
            "https://app.example.com/",
            "https://app.example.com/path",
            "app.example.com",
            "ftp://app.example.com",
            ".*")) {
      CorsFactory cors = new CorsFactory();
      cors.setAllowedOrigins(List.of(origin));

      assertThat(validator.validate(cors)).as(origin).hasSize(1);
    }
  }
}
