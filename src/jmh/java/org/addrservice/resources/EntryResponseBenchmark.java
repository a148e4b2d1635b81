package org.addrservice.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.addrservice.BenchmarkEntry;
import org.addrservice.core.EntryReader;
import org.addrservice.core.model.AddressEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What GET does once the store has answered: the entry written as the response body by the object
 * mapper Dropwizard gives Jersey (Jackson writes the entry's document as it is, without a copy);
 * and the whole CPU path of an entry through the service, request bytes to response bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class EntryResponseBenchmark {

  @Param public BenchmarkEntry entry;

  private final ObjectMapper responses = Jackson.newObjectMapper();
  private EntryReader reader;
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
