package org.addrservice.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.addrservice.BenchmarkEntry;
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
 * The smaller steps around an entry that some requests add: the copy of its document that every
 * {@link AddressEntry#toJson} (and {@link AddressEntry#of}) makes, the fingerprint of a create with
 * an {@code Idempotency-Key}, and the folded name the SQL stores write with every entry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class AddressEntryBenchmark {

  @Param public BenchmarkEntry entry;

  private AddressEntry stored;

  @Setup
  public void setUp() {
    stored = BenchmarkEntry.defaultReader().read(new ByteArrayInputStream(entry.body()));
  }

  @Benchmark
  public ObjectNode copy() {
    return stored.toJson();
  }

  @Benchmark
  public String fingerprint() {
    return EntryFingerprint.of(stored);
  }

  @Benchmark
  public String foldName() {
    return NameFolding.fold(stored.fullName());
  }
}
