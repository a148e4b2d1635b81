package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.core.EntryValidator;
import org.addrservice.testing.Fixtures;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /openapi.json and GET /schema/address-entry.json, through real HTTP: the document is valid
 * OpenAPI 3.1, it and the served endpoints match one for one, and its entry schema is the one the
 * service validates with.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiDescriptionApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class, Fixtures.path("config/memory.yml").toString());

  /** Well-formed, but no entry has it: a concrete path for every {@code {id}}. */
  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Schema embeddedEntrySchema;
  private static Schema entrySchemaFile;

  /** Both schemas compiled as the service compiles its own. */
  @BeforeAll
  static void compileTheEntrySchemaInTheDocumentAndAlone() {
    String documentUri = "https://addrservice.test/openapi.json";
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemas(Map.of(documentUri, get("/openapi.json", "application/json").body()))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH)
                            .formatAssertionsEnabled(true)
                            .locale(Locale.ENGLISH)
                            .build()));
    embeddedEntrySchema =
        registry.getSchema(SchemaLocation.of(documentUri + "#/components/schemas/AddressEntry"));
    entrySchemaFile =
        registry.getSchema(
            new ByteArrayInputStream(classpathBytes(EntryValidator.SCHEMA_RESOURCE)),
            InputFormat.JSON);
  }

  @Test
  void theDocumentIsValidOpenApi31() {
    HttpResponse<String> answer = get("/openapi.json", "application/json");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");

    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, options);

    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.isOpenapi31()).isTrue();
    assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(parsed.getOpenAPI().getComponents().getSchemas()).containsKey("AddressEntry");
  }

  @Test
  void everyResourceMethodIsDescribed() {
    Set<String> served = new TreeSet<>();
    for (Class<?> resource : registeredResourceClasses()) {
      collectOperations(Resource.from(resource), "", served);
    }
    assertThat(served).contains("GET /addresses", "GET /openapi.json");

    assertThat(describedOperations()).containsAll(served);
  }

  static Stream<String> describedOperations() {
    JsonNode paths = Fixtures.exactJson(get("/openapi.json", "application/json").body());
    List<String> operations = new ArrayList<>();
    for (Iterator<String> names = paths.get("paths").fieldNames(); names.hasNext(); ) {
      String path = names.next();
      paths
          .get("paths")
          .get(path)
          .fieldNames()
          .forEachRemaining(
              field -> {
                if (HTTP_METHODS.contains(field)) {
                  operations.add(field.toUpperCase(Locale.ROOT) + " " + path);
                }
              });
    }
    return operations.stream();
  }

  @ParameterizedTest
  @MethodSource("describedOperations")
  void everyDescribedOperationIsServed(String operation) {
    String method = operation.substring(0, operation.indexOf(' '));
    String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", UNKNOWN_ID);
    HttpRequest.BodyPublisher body =
        method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
            ? HttpRequest.BodyPublishers.ofString(Fixtures.text("entries/minimal.json"))
            : HttpRequest.BodyPublishers.noBody();
    String contentType =
        method.equals("PATCH") ? "application/merge-patch+json" : "application/json";

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri(path))
                .method(method, body)
                .header("Content-Type", contentType)
                .build());

    assertThat(answer.statusCode()).as(operation + " answered " + answer.body()).isNotEqualTo(405);
    if (answer.statusCode() == 404) {
      assertThat(Fixtures.exactJson(answer.body()).get("message").asText())
          .as(operation)
          .isNotEqualTo("Unknown Endpoint");
    }
  }

  @Test
  void theEntrySchemaIsServedByteForByteFromTheJar() {
    HttpResponse<byte[]> answer =
        send(
            HttpRequest.newBuilder(uri("/schema/address-entry.json")).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/schema+json");
    assertThat(answer.body()).isEqualTo(classpathBytes(EntryValidator.SCHEMA_RESOURCE));
  }

  @Test
  void aClientAskingForPlainJsonGetsTheSchemaAsJson() {
    HttpResponse<String> answer = get("/schema/address-entry.json", "application/json");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(classpathBytes(EntryValidator.SCHEMA_RESOURCE));
  }

  @Test
  void theDocumentsEntrySchemaIsTheSchemaFileReRootedInTheDocument() {
    String embedded =
        Fixtures.exactJson(get("/openapi.json", "application/json").body())
            .at("/components/schemas/AddressEntry")
            .toString()
            .replace("\"#/components/schemas/AddressEntry/", "\"#/");
    ObjectNode file = (ObjectNode) schemaFileJson();
    file.remove(List.of("$id", "$schema"));

    assertThat(Fixtures.exactJson(embedded)).isEqualTo(file);
  }

  static Stream<String> entryFixtures() {
    Stream<String> invalid;
    try (Stream<Path> files = Files.list(Fixtures.path("invalid"))) {
      invalid = files.map(file -> "invalid/" + file.getFileName()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Stream.concat(Fixtures.validEntries().stream(), invalid);
  }

  /** The embedded schema, compiled where it sits in the document, judges as the service does. */
  @ParameterizedTest
  @MethodSource("entryFixtures")
  void theDocumentsEntrySchemaJudgesEveryFixtureAsTheServiceDoes(String fixture) {
    JsonNode entry = Fixtures.json(fixture);
    if (fixture.startsWith("invalid/")) {
      entry = entry.get("entry");
    }
    List<String> verdict = failures(embeddedEntrySchema.validate(entry));
    assertThat(verdict).isEqualTo(failures(entrySchemaFile.validate(entry)));
    assertThat(verdict.isEmpty()).isEqualTo(fixture.startsWith("entries/"));
  }

  private static List<String> failures(List<Error> errors) {
    return errors.stream()
        .map(e -> e.getInstanceLocation() + " " + e.getKeyword() + " " + e.getMessage())
        .sorted()
        .toList();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static List<Class<?>> registeredResourceClasses() {
    var config = APP.getEnvironment().jersey().getResourceConfig();
    Stream<Class<?>> instances = config.getInstances().stream().map(Object::getClass);
    return Stream.concat(instances, config.getClasses().stream())
        .filter(Resource::isAcceptable)
        .filter(type -> Resource.getPath(type) != null)
        .distinct()
        .toList();
  }

  private static void collectOperations(Resource resource, String parent, Set<String> into) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      into.add(method.getHttpMethod() + " " + path);
    }
    for (Resource child : resource.getChildResources()) {
      collectOperations(child, path, into);
    }
  }

  private static String join(String parent, String path) {
    String joined = ("/" + parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  private static JsonNode schemaFileJson() {
    return Fixtures.exactJson(
        new String(classpathBytes(EntryValidator.SCHEMA_RESOURCE), StandardCharsets.UTF_8));
  }

  private static byte[] classpathBytes(String resource) {
    try (InputStream in = ApiDescriptionApiTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HTTP.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
  }
}
