package org.addrservice.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.addrservice.core.model.AddressEntry;

/**
 * Turns a request body into a valid entry: reads at most the configured number of bytes, parses
 * them as exactly one JSON document, and validates it against the schema.
 *
 * <p>Parsing is strict so that what is stored is what the client meant: duplicate keys and trailing
 * content are errors, and decimals are kept as {@link java.math.BigDecimal} so that no number
 * changes (not even {@code 1.50} to {@code 1.5}, nor {@code 1e400} to infinity) on its way through.
 */
public final class EntryReader {

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final EntryValidator validator;
  private final int maxBodyBytes;

  public EntryReader(EntryValidator validator, int maxBodyBytes) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    this.validator = validator;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads, parses and validates one entry.
   *
   * @throws EntryTooLargeException when the body is longer than the limit
   * @throws MalformedEntryException when the body is not one JSON document
   * @throws InvalidEntryException when the document breaks the schema
   */
  public AddressEntry read(InputStream body) {
    return validator.validate(parse(readBounded(body)));
  }

  private byte[] readBounded(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new EntryTooLargeException(maxBodyBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedEntryException("the body is empty");
    }
    try {
      JsonNode node = STRICT_JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new MalformedEntryException("the body holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedEntryException(describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException("could not parse the request body", e);
    }
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String what = e.getOriginalMessage();
    if (where == null) {
      return what;
    }
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + what;
  }
}
