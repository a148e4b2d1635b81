package org.addrservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of SPEC §1, as rules that fail the build when the code breaks them.
 *
 * <p>From the bottom up: {@code core} holds the book's rules, its values and the port a store
 * implements; the stores implement that port; the web edge (resources, error answers, the Jetty
 * handlers) speaks HTTP on top of the service, never to a store; health checks and metrics watch
 * the service and the store; the application, its configuration and the commands wire it all
 * together. Below them all, {@code util} holds helpers that depend on the Java runtime alone. Every
 * arrow points down.
 */
@AnalyzeClasses(packages = "org.addrservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] WEB = {
    "org.addrservice.resources..",
    "org.addrservice.errors..",
    "org.addrservice.edge..",
    "org.addrservice.auth..",
    "org.addrservice.http..",
    "org.addrservice.logging..",
    "org.addrservice.api.."
  };

  @ArchTest
  static final ArchRule everyImportPointsDownTheLayers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Application")
          .definedBy("org.addrservice", "org.addrservice.config..", "org.addrservice.cli..")
          .layer("Web")
          .definedBy(WEB)
          .layer("Operations")
          .definedBy("org.addrservice.health..", "org.addrservice.metrics..")
          .layer("Stores")
          .definedBy("org.addrservice.store..")
          .layer("Core")
          .definedBy("org.addrservice.core..")
          .layer("Util")
          .definedBy("org.addrservice.util..")
          .whereLayer("Application")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Web")
          .mayOnlyBeAccessedByLayers("Application")
          .whereLayer("Operations")
          .mayOnlyBeAccessedByLayers("Application")
          .whereLayer("Stores")
          .mayOnlyBeAccessedByLayers("Application", "Operations")
          .whereLayer("Core")
          .mayOnlyBeAccessedByLayers("Application", "Web", "Operations", "Stores")
          .whereLayer("Util")
          .mayOnlyBeAccessedByLayers("Application", "Web", "Operations", "Stores", "Core")
          .because("the service must not know who calls it, nor which store keeps the book");

  @ArchTest
  static final ArchRule serviceLayerKnowsNoFrameworkOrProtocol =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.servlet..",
              "io.dropwizard..",
              "com.codahale.metrics..",
              "org.eclipse.jetty..",
              "org.glassfish..",
              "org.jdbi..",
              "java.sql..")
          .because("the service layer must be usable under any protocol and any framework");

  @ArchTest
  static final ArchRule storesKnowNoProtocol =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..", "org.eclipse.jetty..")
          .because("a store keeps entries and knows nothing of who asks for them");

  @ArchTest
  static final ArchRule aBackendIsChosenOnlyByConfiguration =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.addrservice.store.*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.addrservice.store.*..")
          .because("backends are picked by the store: section, never named in code");

  @ArchTest
  static final ArchRule helpersDependOnTheJavaRuntimeAlone =
      classes()
          .that()
          .resideInAPackage("org.addrservice.util..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.addrservice.util..")
          .because("every layer may use the helpers, so they must not lead back into any layer");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.addrservice.(**)").should().beFreeOfCycles();
}
