package org.addrservice;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.resources.JsonBodyReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What POST and PUT do with a request body before the store sees it, and how that time splits:
 * parsing (bounded read, strict UTF-8, strict JSON within the limits), the schema check, and the
 * entry built from the checked document.
 */
public class BodyToEntryBenchmark extends EntryBenchmark {

  private EntryValidator validator;
  private BodyToEntry reader;
  private byte[] body;
  private JsonNode document;

  @Setup
  public void setUp() {
    validator = new EntryValidator();
    reader = new BodyToEntry(new JsonBodyReader(BenchmarkEntry.MAX_BODY_BYTES), validator);
    body = entry.body();
    document = reader.parse(new ByteArrayInputStream(body));
  }

  /** The body to a JSON tree, without the schema. */
  @Benchmark
  public JsonNode parse() {
    return reader.parse(new ByteArrayInputStream(body));
  }

  /** The schema check alone, on a parsed document. */
  @Benchmark
  public List<String> schema() {
    return validator.violations(document);
  }

  /** The schema check and the entry made of the document. */
  @Benchmark
  public AddressEntry validate() {
    return validator.validate(document);
  }

  /** All of it, as POST and PUT call it: request bytes to a valid entry. */
  @Benchmark
  public AddressEntry read() {
    return reader.read(new ByteArrayInputStream(body));
  }
}
