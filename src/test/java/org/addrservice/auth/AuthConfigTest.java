package org.addrservice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Configs;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code auth:} section as the service reads and validates it. */
class AuthConfigTest {

  @Test
  void authIsOffWithoutAnAuthSection() throws Exception {
    AuthFactory auth = load("config/memory.yml").getAuth();

    assertThat(auth.isEnabled()).isFalse();
    assertThat(auth.getKeys()).isEmpty();
  }

  @Test
  void keysAreReadWithTheirNameRoleAndHash() throws Exception {
    AuthFactory auth = load("config/auth.yml").getAuth();

    assertThat(auth.isEnabled()).isTrue();
    assertThat(auth.getKeys())
        .containsExactly(
            new KeyHash("ci-writer", Role.WRITER, TestKeys.WRITER_SHA256),
            new KeyHash("ci-reader", Role.READER, TestKeys.READER_SHA256));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "auth-hash-not-hex.yml         | auth.keys[0].sha256 must be 64 lower-case hex characters",
        "auth-hash-upper-case.yml      | auth.keys[0].sha256 must be 64 lower-case hex characters",
        "auth-duplicate-names.yml      | keys must have different names and different hashes",
        "auth-duplicate-hashes.yml     | keys must have different names and different hashes",
        "auth-enabled-without-keys.yml | must list at least one key when enabled",
        "auth-unknown-role.yml         | auth.keys.[0].role"
      })
  void aBrokenAuthSectionIsRefusedSayingWhy(String file, String message) {
    assertThatThrownBy(() -> load("config/broken/" + file)).hasMessageContaining(message);
  }

  private static AddrServiceConfiguration load(String fixture) throws Exception {
    return Configs.load(Fixtures.path(fixture));
  }

  @Test
  void fixturesAreWhereTheTestLooks() {
    assertThat(Fixtures.path("config/broken/auth-unknown-role.yml")).exists();
  }
}
