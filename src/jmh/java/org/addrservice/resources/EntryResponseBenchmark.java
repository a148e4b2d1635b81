package org.addrservice.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayInputStream;
import org.addrservice.BenchmarkEntry;
import org.addrservice.BodyToEntry;
import org.addrservice.EntryBenchmark;
import org.addrservice.core.model.AddressEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What GET does once the store has answered: the entry written as the response body by the object
 * mapper Dropwizard gives Jersey (Jackson writes the entry's document as it is, without a copy);
 * and the whole CPU path of an entry through the service, request bytes to response bytes.
 */
public class EntryResponseBenchmark extends EntryBenchmark {

  private final ObjectMapper responses = Jackson.newObjectMapper();
  private BodyToEntry reader;
  private byte[] body;
  private AddressEntry stored;

  @Setup
  public void setUp() {
    reader = BenchmarkEntry.defaultReader();
    body = entry.body();
    stored = reader.read(new ByteArrayInputStream(body));
  }

  /** An entry to the bytes of a GET answer. */
  @Benchmark
  public byte[] write() throws JsonProcessingException {
    return responses.writeValueAsBytes(stored);
  }

  /** Request bytes parsed, validated, and written back as response bytes. */
  @Benchmark
  public byte[] roundTrip() throws JsonProcessingException {
    return responses.writeValueAsBytes(reader.read(new ByteArrayInputStream(body)));
  }
}
