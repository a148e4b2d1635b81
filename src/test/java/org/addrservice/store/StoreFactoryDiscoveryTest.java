package org.addrservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.store.fs.FileSystemStoreFactory;
import org.addrservice.store.memory.MemoryStoreFactory;
import org.addrservice.store.sql.PostgresStoreFactory;
import org.addrservice.store.sql.SqliteStoreFactory;
import org.addrservice.testing.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropwizard finds the backends a {@code store: type} may name through {@code
 * META-INF/services/org.addrservice.store.StoreFactory}; a factory missing from it would make its
 * type unknown at start-up.
 */
class StoreFactoryDiscoveryTest {

  private static final String SERVICES = "META-INF/services/" + StoreFactory.class.getName();

  private static final Map<String, Class<? extends StoreFactory>> FACTORIES =
      Map.of(
          "memory", MemoryStoreFactory.class,
          "fs", FileSystemStoreFactory.class,
          "sqlite", SqliteStoreFactory.class,
          "postgres", PostgresStoreFactory.class);

  @Test
  void everyConcreteFactoryWithATypeNameIsListedForDiscovery() throws IOException {
    Set<String> factories =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.addrservice.store")
                .stream()
                .filter(type -> type.isAssignableTo(StoreFactory.class))
                .filter(type -> !type.isInterface())
                .filter(type -> !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(type -> type.isAnnotatedWith(JsonTypeName.class))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

    assertThat(factories).containsAll(FACTORIES.values().stream().map(Class::getName).toList());
    assertThat(listedFactories()).containsAll(factories);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "fs", "sqlite", "postgres"})
  void eachStoreTypeResolvesToItsFactory(String type) throws Exception {
    AddrServiceConfiguration config =
        Configs.load("store:\n  type: " + type + "\n" + storeFields(type), Map.of());

    assertThat(config.getStore()).isInstanceOf(FACTORIES.get(type));
    assertThat(config.getStore().type()).isEqualTo(type);
  }

  @Test
  void withoutAStoreSectionEntriesAreKeptInTheEmbeddedDatabase() {
    StoreFactory store = new AddrServiceConfiguration().getStore();

    assertThat(store).isInstanceOf(SqliteStoreFactory.class);
    assertThat(store.database()).isPresent();
  }

  @Test
  void aTypeNoBackendHasIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StoreFactory.ofType("floppy"))
        .withMessage("no store of type floppy");
  }

  /** The fields a {@code store:} section of {@code type} needs beside its type, if any. */
  private static String storeFields(String type) {
    return switch (type) {
      case "postgres" ->
          """
            database:
              driverClass: org.postgresql.Driver
              url: jdbc:postgresql://127.0.0.1:5432/addressbook
              user: addressbook
          """;
      default -> "";
    };
  }

  private static Set<String> listedFactories() throws IOException {
    Set<String> listed = new HashSet<>();
    for (URL file :
        Collections.list(StoreFactoryDiscoveryTest.class.getClassLoader().getResources(SERVICES))) {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
        lines
            .lines()
            .map(line -> line.replaceFirst("#.*", "").strip())
            .filter(line -> !line.isEmpty())
            .forEach(listed::add);
      }
    }
    return listed;
  }
}
