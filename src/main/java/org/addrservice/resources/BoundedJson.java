package org.addrservice.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.addrservice.core.model.ExactJson;

/**
 * Parses one JSON document within the limits a request body must keep, in the parse itself: a
 * document over a limit is refused as soon as the parser reaches the spot, before a tree is built
 * for it. Nesting depth and number length are Jackson's own read constraints; array length is
 * counted as the parser meets each element. Each refusal names the limit in words a client
 * understands.
 */
final class BoundedJson {

  /**
   * Longer than any phone number, pincode or unit number, and short enough that turning one into a
   * {@link java.math.BigInteger} or {@link java.math.BigDecimal} costs next to nothing (the
   * conversion is not linear in the number of digits).
   */
  static final int MAX_NUMBER_LENGTH = 100;

  private final JsonFactory factory;
  private final int maxArrayLength;

  BoundedJson(int maxBodyBytes, int maxDepth, int maxArrayLength) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(new Limits(maxBodyBytes, maxDepth, MAX_NUMBER_LENGTH))
            .build();
    this.maxArrayLength = maxArrayLength;
  }

  /** The document {@code text} holds, or null when it holds only white space. */
  JsonNode read(String text) throws JsonProcessingException {
    try (JsonParser parser = new ArrayLengthGuard(factory.createParser(text), maxArrayLength)) {
      return ExactJson.READER.readTree(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read JSON from a string", e);
    }
  }

  /**
   * Jackson's read constraints, with the refusals for depth and number length worded for clients.
   * Document, string, name and token lengths are bounded by the body limit: a body cannot hold more
   * characters than bytes, so Jackson's larger defaults (strings of 20 million characters) never
   * become the real bound.
   */
  private static final class Limits extends StreamReadConstraints {

    private static final long serialVersionUID = 1L;

    Limits(int maxBodyBytes, int maxDepth, int maxNumberLength) {
      super(maxDepth, maxBodyBytes, maxNumberLength, maxBodyBytes, maxBodyBytes, maxBodyBytes);
    }

    @Override
    public void validateNestingDepth(int depth) throws StreamConstraintsException {
      if (depth > _maxNestingDepth) {
        throw new StreamConstraintsException("nesting deeper than " + _maxNestingDepth + " levels");
      }
    }

    @Override
    public void validateIntegerLength(int length) throws StreamConstraintsException {
      validateNumberLength(length);
    }

    @Override
    public void validateFPLength(int length) throws StreamConstraintsException {
      validateNumberLength(length);
    }

    private void validateNumberLength(int length) throws StreamConstraintsException {
      if (length > _maxNumLen) {
        throw new StreamConstraintsException("a number longer than " + _maxNumLen + " digits");
      }
    }
  }

  /** Refuses the first array element past the limit, naming where the array is. */
  private static final class ArrayLengthGuard extends JsonParserDelegate {

    private final int maxLength;

    ArrayLengthGuard(JsonParser parser, int maxLength) {
      super(parser);
      this.maxLength = maxLength;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      return checked(super.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
      return checked(super.nextValue());
    }

    private JsonToken checked(JsonToken token) throws StreamConstraintsException {
      if (token == null || !(token.isScalarValue() || token.isStructStart())) {
        return token;
      }
      // A value that opens an object or array has already entered its own context.
      JsonStreamContext container =
          token.isStructStart() ? getParsingContext().getParent() : getParsingContext();
      if (container.inArray() && container.getCurrentIndex() >= maxLength) {
        throw new StreamConstraintsException(
            "an array longer than " + maxLength + " elements at " + pathOf(container));
      }
      return token;
    }

    /** The JSON path of the value {@code context} is for, as the schema errors write it. */
    private static String pathOf(JsonStreamContext context) {
      Deque<String> segments = new ArrayDeque<>();
      for (JsonStreamContext at = context.getParent();
          at != null && !at.inRoot();
          at = at.getParent()) {
        segments.push(at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
      }
      return "$" + String.join("", segments);
    }
  }
}
