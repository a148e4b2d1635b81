package org.addrservice.edge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.addrservice.core.AddressBookService;
import org.addrservice.resources.JsonBodyReader;

/**
 * The {@code limits:} section: how much a single request may carry, and a page may hold. It builds
 * the body gate in front of the API and the reader the service parses each body with.
 */
public class LimitsFactory {

  @NotNull
  @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
  @MaxDataSize(value = 16, unit = DataSizeUnit.MEBIBYTES)
  private DataSize maxBodySize = DataSize.kibibytes(64);

  /** Bytes a second; a body that comes slower on average, once the grace is over, is cut off. */
  @NotNull
  @MinDataSize(value = 1, unit = DataSizeUnit.BYTES)
  @MaxDataSize(value = 16, unit = DataSizeUnit.MEBIBYTES)
  private DataSize minBodyDataRate = DataSize.kibibytes(1);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  private Duration bodyGracePeriod = Duration.seconds(10);

  /**
   * The most bytes all request bodies on their way in, or read and waiting for their answer, take
   * together; a body that would take more is refused with 503 at once.
   */
  @NotNull
  @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
  @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
  private DataSize bodyMemory = DataSize.mebibytes(16);

  /** The most entries one page of {@code GET /addresses} holds, and what it holds by default. */
  @Min(1)
  @Max(10_000)
  private int maxPageSize = AddressBookService.DEFAULT_MAX_PAGE_SIZE;

  /** The most stored JSON one page holds: what bounds the heap a page answer takes. */
  @NotNull
  @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
  @MaxDataSize(value = 64, unit = DataSizeUnit.MEBIBYTES)
  private DataSize maxPageBytes = DataSize.bytes(AddressBookService.DEFAULT_MAX_PAGE_BYTES);

  /**
   * The most stored JSON all pages being answered at once hold together: what bounds the heap a
   * crowd of readers takes. Pages that find it short are cut sooner.
   */
  @NotNull
  @MinDataSize(value = 1, unit = DataSizeUnit.KIBIBYTES)
  @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
  private DataSize pageMemory = DataSize.bytes(AddressBookService.DEFAULT_PAGE_MEMORY);

  @Min(JsonBodyReader.MIN_DEPTH)
  @Max(1000)
  private int maxDepth = JsonBodyReader.DEFAULT_MAX_DEPTH;

  @Min(1)
  @Max(1_000_000)
  private int maxArrayLength = JsonBodyReader.DEFAULT_MAX_ARRAY_LENGTH;

  @JsonProperty
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  @JsonProperty
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  @JsonProperty
  public DataSize getMinBodyDataRate() {
    return minBodyDataRate;
  }

  @JsonProperty
  public void setMinBodyDataRate(DataSize minBodyDataRate) {
    this.minBodyDataRate = minBodyDataRate;
  }

  @JsonProperty
  public Duration getBodyGracePeriod() {
    return bodyGracePeriod;
  }

  @JsonProperty
  public void setBodyGracePeriod(Duration bodyGracePeriod) {
    this.bodyGracePeriod = bodyGracePeriod;
  }

  /** The gate every request body passes, read whole and at the minimum rate, before the API. */
  public BodyGate buildBodyGate() {
    return new BodyGate(
        maxBodySize.toBytes(),
        minBodyDataRate.toBytes(),
        bodyGracePeriod.toJavaDuration(),
        bodyMemory.toBytes());
  }

  /** What reads each request body as JSON: as large, as deep and as long as allowed. */
  public JsonBodyReader buildJsonBodyReader() {
    return new JsonBodyReader(Math.toIntExact(maxBodySize.toBytes()), maxDepth, maxArrayLength);
  }

  @JsonProperty
  public int getMaxPageSize() {
    return maxPageSize;
  }

  @JsonProperty
  public void setMaxPageSize(int maxPageSize) {
    this.maxPageSize = maxPageSize;
  }

  @JsonProperty
  public DataSize getPageMemory() {
    return pageMemory;
  }

  @JsonProperty
  public void setPageMemory(DataSize pageMemory) {
    this.pageMemory = pageMemory;
  }

  @JsonProperty
  public DataSize getBodyMemory() {
    return bodyMemory;
  }

  @JsonProperty
  public void setBodyMemory(DataSize bodyMemory) {
    this.bodyMemory = bodyMemory;
  }

  @ValidationMethod(message = "limits.bodyMemory must hold at least one body of maxBodySize")
  @JsonIgnore
  public boolean isBodyMemoryEnoughForABody() {
    return bodyMemory == null
        || maxBodySize == null
        || bodyMemory.toBytes() >= maxBodySize.toBytes();
  }

  @ValidationMethod(message = "limits.pageMemory must hold at least one page of maxPageBytes")
  @JsonIgnore
  public boolean isPageMemoryEnoughForAPage() {
    return pageMemory == null
        || maxPageBytes == null
        || pageMemory.toBytes() >= maxPageBytes.toBytes();
  }

  @JsonProperty
  public DataSize getMaxPageBytes() {
    return maxPageBytes;
  }

  @JsonProperty
  public void setMaxPageBytes(DataSize maxPageBytes) {
    this.maxPageBytes = maxPageBytes;
  }

  @JsonProperty
  public int getMaxDepth() {
    return maxDepth;
  }

  @JsonProperty
  public void setMaxDepth(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  @JsonProperty
  public int getMaxArrayLength() {
    return maxArrayLength;
  }

  @JsonProperty
  public void setMaxArrayLength(int maxArrayLength) {
    this.maxArrayLength = maxArrayLength;
  }
}
