package org.addrservice.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

  private static final KeyHash WRITER =
      new KeyHash("ci-writer", Role.WRITER, TestKeys.WRITER_SHA256);
  private static final KeyHash READER =
      new KeyHash("ci-reader", Role.READER, TestKeys.READER_SHA256);

  /** Calls that compare or look up by value, and return as soon as they see a difference. */
  private static final Set<String> EARLY_EXITS =
      Set.of(
          "equals",
          "equalsIgnoreCase",
          "contentEquals",
          "compareTo",
          "compare",
          "mismatch",
          "contains",
          "containsKey",
          "containsValue",
          "indexOf",
          "binarySearch");

  @Test
  void theHashIsTheLowerCaseHexSha256OfTheKeysUtf8Bytes() {
    assertThat(ApiKeyAuthenticator.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiKeyAuthenticator.sha256Hex(TestKeys.WRITER)).isEqualTo(TestKeys.WRITER_SHA256);
  }

  @Test
  void eachConfiguredKeyIsFoundWithItsNameAndRole() throws Exception {
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(WRITER, READER));

    assertThat(authenticator.authenticate(TestKeys.WRITER))
        .hasValue(new ApiKey("ci-writer", Role.WRITER));
    assertThat(authenticator.authenticate(TestKeys.READER))
        .hasValue(new ApiKey("ci-reader", Role.READER));
  }

  @Test
  void aKeyThatIsNotConfiguredIsNotFound() throws Exception {
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(WRITER, READER));

    assertThat(authenticator.authenticate("")).isEmpty();
    assertThat(authenticator.authenticate(TestKeys.WRITER + "x")).isEmpty();
    assertThat(authenticator.authenticate(TestKeys.WRITER.substring(1))).isEmpty();
    assertThat(authenticator.authenticate(TestKeys.WRITER.toUpperCase(java.util.Locale.ROOT)))
        .isEmpty();
  }

  @Test
  void theHashItselfIsNotAKey() throws Exception {
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(WRITER));

    assertThat(authenticator.authenticate(TestKeys.WRITER_SHA256)).isEmpty();
  }

  @Test
  void withoutKeysNothingIsFound() throws Exception {
    assertThat(new ApiKeyAuthenticator(List.of()).authenticate(TestKeys.WRITER)).isEmpty();
  }

  @Test
  void aKeyListedLastAmongManyIsFoundAsWellAsOneListedFirst() throws Exception {
    List<KeyHash> many = new ArrayList<>();
    many.add(READER);
    for (int i = 0; i < 50; i++) {
      String key = "other-key-" + i;
      many.add(new KeyHash("other-" + i, Role.WRITER, ApiKeyAuthenticator.sha256Hex(key)));
    }
    many.add(WRITER);
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(many);

    assertThat(authenticator.authenticate(TestKeys.READER))
        .hasValue(new ApiKey("ci-reader", Role.READER));
    assertThat(authenticator.authenticate(TestKeys.WRITER))
        .hasValue(new ApiKey("ci-writer", Role.WRITER));
    assertThat(authenticator.authenticate("other-key-25"))
        .hasValue(new ApiKey("other-25", Role.WRITER));
  }

  /**
   * A test cannot time comparisons reliably, so this one checks how the authenticator compares:
   * with {@link MessageDigest#isEqual}, which takes as long whichever byte differs, and never with
   * a comparison or a lookup that stops at the first difference.
   */
  @Test
  void hashesAreComparedOnlyInConstantTime() {
    JavaClasses auth =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackagesOf(ApiKeyAuthenticator.class);

    classes()
        .that()
        .belongToAnyOf(ApiKeyAuthenticator.class)
        .and()
        .areTopLevelClasses()
        .should()
        .callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
        .check(auth);
    noClasses()
        .that()
        .belongToAnyOf(ApiKeyAuthenticator.class)
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a comparison or lookup that stops at the first difference",
                ApiKeyAuthenticatorTest::stopsAtTheFirstDifference))
        .check(auth);
  }

  private static boolean stopsAtTheFirstDifference(JavaMethodCall call) {
    return EARLY_EXITS.contains(call.getName())
        || (call.getTargetOwner().isAssignableTo(Map.class) && call.getName().startsWith("get"));
  }
}
