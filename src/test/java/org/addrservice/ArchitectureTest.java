package org.addrservice;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.addrservice.store.AddressBookStore;
import org.addrservice.store.StoreException;
import org.addrservice.store.VersionCheck;
import org.addrservice.store.WriteResult;

/** The layers of SPEC §1, as rules that fail the build when the code breaks them. */
@AnalyzeClasses(packages = "org.addrservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
              "org.eclipse.jetty..",
              "org.glassfish..",
              "org.jdbi..")
          .because("the service layer must be usable under any protocol and any framework");

  @ArchTest
  static final ArchRule serviceLayerKnowsNothingOfTheWebLayer =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.addrservice.api..",
              "org.addrservice.resources..",
              "org.addrservice.errors..",
              "org.addrservice.health..",
              "org.addrservice.cli..");

  @ArchTest
  static final ArchRule serviceLayerSeesStoresOnlyThroughTheirInterface =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.core..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.addrservice.store..")
                  .and(not(type(AddressBookStore.class)))
                  .and(not(type(VersionCheck.class)))
                  .and(not(type(WriteResult.class)))
                  .and(not(type(WriteResult.Outcome.class)))
                  .and(not(type(StoreException.class))));

  @ArchTest
  static final ArchRule resourcesGoThroughTheService =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.resources..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.addrservice.store..");

  @ArchTest
  static final ArchRule storesKnowNothingOfTheServiceOrTheWeb =
      noClasses()
          .that()
          .resideInAPackage("org.addrservice.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.addrservice",
              "org.addrservice.resources..",
              "org.addrservice.errors..",
              "org.addrservice.api..",
              "org.addrservice.core",
              "jakarta.ws.rs..")
          .because("a store keeps entries (core.model) and knows nothing of who asks for them");

  @ArchTest
  static final ArchRule aBackendIsChosenOnlyByConfiguration =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.addrservice.store.*..")
          .and(not(type(AddrServiceConfiguration.class)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.addrservice.store.*..")
          .because("backends are picked by the store: section, never named in code");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.addrservice.(**)").should().beFreeOfCycles();
}
