package org.addrservice.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;

/**
 * Turns a request body into a valid entry: reads at most the configured number of bytes, parses
 * them as exactly one JSON document within the configured nesting depth and array length, and
 * validates it against the schema.
 *
 * <p>Parsing is strict (see {@link ExactJson}) so that what is stored is what the client meant, and
 * only text that every store keeps exactly is let through (see {@link StorableText}).
 */
public final class EntryReader {

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  /** The depth of an entry with addresses: the entry, the array, the address. */
  public static final int MIN_DEPTH = 3;

  public static final int DEFAULT_MAX_DEPTH = 32;

  public static final int DEFAULT_MAX_ARRAY_LENGTH = 1000;

  private final EntryValidator validator;
  private final int maxBodyBytes;
  private final BoundedJson json;

  /** A reader with the default depth and array length limits. */
  public EntryReader(EntryValidator validator, int maxBodyBytes) {
    this(validator, maxBodyBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ARRAY_LENGTH);
  }

  /**
   * @param maxDepth how deep objects and arrays may nest; the entry itself is level 1
   * @param maxArrayLength how many elements any one array may hold
   */
  public EntryReader(EntryValidator validator, int maxBodyBytes, int maxDepth, int maxArrayLength) {
    if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be between 1 and "
              + (Integer.MAX_VALUE - 1)
              + ", was "
              + maxBodyBytes);
    }
    if (maxDepth < MIN_DEPTH) {
      throw new IllegalArgumentException(
          "maxDepth must be at least " + MIN_DEPTH + ", was " + maxDepth);
    }
    if (maxArrayLength < 1) {
      throw new IllegalArgumentException(
          "maxArrayLength must be at least 1, was " + maxArrayLength);
    }
    this.validator = validator;
    this.maxBodyBytes = maxBodyBytes;
    this.json = new BoundedJson(maxBodyBytes, maxDepth, maxArrayLength);
  }

  /**
   * Reads, parses and validates one entry.
   *
   * @throws EntryTooLargeException when the body is longer than the limit
   * @throws MalformedEntryException when the body is not one JSON document
   * @throws InvalidEntryException when the document breaks the schema
   */
  public AddressEntry read(InputStream body) {
    return validator.validate(readJson(body));
  }

  /**
   * Reads and parses one JSON document, as strictly as an entry and within the same limits, without
   * checking it against the schema: a merge patch, say.
   *
   * @throws EntryTooLargeException when the body is longer than the limit
   * @throws MalformedEntryException when the body is not one JSON document, or holds a string or
   *     member name that no store can keep (see {@link StorableText})
   */
  public JsonNode readJson(InputStream body) {
    JsonNode document = parse(readBounded(body));
    StorableText.firstProblem(document)
        .ifPresent(
            problem -> {
              throw new MalformedEntryException(problem);
            });
    return document;
  }

  /**
   * Checks a document built by the service (a patched entry) against the schema.
   *
   * @throws InvalidEntryException when it breaks the schema
   */
  public AddressEntry validate(JsonNode document) {
    return validator.validate(document);
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

  private JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedEntryException("the body is empty");
    }
    try {
      JsonNode node = json.read(decodeUtf8(bytes));
      if (node == null || node.isMissingNode()) {
        throw new MalformedEntryException("the body holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedEntryException(describe(e));
    }
  }

  /**
   * Decodes strictly: Jackson lets some malformed UTF-8 through (overlong forms, encoded
   * surrogates), and such bytes must never be stored. A leading byte-order mark is allowed.
   */
  private static String decodeUtf8(byte[] bytes) {
    ByteBuffer input = ByteBuffer.wrap(bytes);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(input)
              .toString();
      return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new MalformedEntryException(
          "the body is not valid UTF-8 (at byte " + input.position() + ")");
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
