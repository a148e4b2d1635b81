package org.addrservice.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that keeps the text it was written with, and is written back with exactly that
 * text: {@code -0}, {@code 100e-2} and {@code 1E+5} stay as they are, where a {@link BigDecimal}
 * would turn them into {@code 0}, {@code 1.00} and {@code 1E+5} whatever the spelling. Two numbers
 * are equal when their texts are, so the spelling is part of what an entry is. Its value, for the
 * schema's type checks and for readers, is the exact decimal of the text.
 */
final class ExactNumber extends NumericNode {

  private static final long serialVersionUID = 1L;

  private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String text;
  private final BigDecimal value;

  /** Written without a fraction or an exponent, as a JSON integer token is. */
  private final boolean integral;

  private ExactNumber(String text, BigDecimal value) {
    this.text = text;
    this.value = value;
    this.integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
  }

  /**
   * The number {@code text} spells, which must be a JSON number.
   *
   * @throws NumberFormatException when no decimal can hold it (an exponent beyond an int)
   */
  static ExactNumber of(String text) {
    return new ExactNumber(text, new BigDecimal(text));
  }

  /**
   * {@code number} as an exact number, spelled as it writes itself.
   *
   * @throws IllegalArgumentException when it is not finite, which no JSON number is
   */
  static ExactNumber copyOf(JsonNode number) {
    if (number instanceof ExactNumber exact) {
      return exact;
    }
    if (!(number instanceof NumericNode numeric) || numeric.isNaN()) {
      throw new IllegalArgumentException("not a JSON number: " + number.asText());
    }
    return of(number.asText());
  }

  @Override
  public JsonToken asToken() {
    return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
  }

  @Override
  public JsonParser.NumberType numberType() {
    if (!integral) {
      return JsonParser.NumberType.BIG_DECIMAL;
    }
    if (canConvertToInt()) {
      return JsonParser.NumberType.INT;
    }
    return canConvertToLong() ? JsonParser.NumberType.LONG : JsonParser.NumberType.BIG_INTEGER;
  }

  @Override
  public boolean isIntegralNumber() {
    return integral;
  }

  @Override
  public boolean isFloatingPointNumber() {
    return !integral;
  }

  @Override
  public boolean isInt() {
    return numberType() == JsonParser.NumberType.INT;
  }

  @Override
  public boolean isLong() {
    return numberType() == JsonParser.NumberType.LONG;
  }

  @Override
  public boolean isBigInteger() {
    return numberType() == JsonParser.NumberType.BIG_INTEGER;
  }

  @Override
  public boolean isBigDecimal() {
    return !integral;
  }

  @Override
  public Number numberValue() {
    return switch (numberType()) {
      case INT -> intValue();
      case LONG -> longValue();
      case BIG_INTEGER -> bigIntegerValue();
      default -> value;
    };
  }

  @Override
  public int intValue() {
    return value.intValue();
  }

  @Override
  public long longValue() {
    return value.longValue();
  }

  @Override
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public BigDecimal decimalValue() {
    return value;
  }

  @Override
  public BigInteger bigIntegerValue() {
    // Refuses 1e999999999 rather than spell out its billion digits.
    return _bigIntFromBigDec(value);
  }

  @Override
  public boolean canConvertToInt() {
    return value.compareTo(MIN_INT) >= 0 && value.compareTo(MAX_INT) <= 0;
  }

  @Override
  public boolean canConvertToLong() {
    return value.compareTo(MIN_LONG) >= 0 && value.compareTo(MAX_LONG) <= 0;
  }

  @Override
  public boolean canConvertToExactIntegral() {
    return integral || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  @Override
  public String asText() {
    return text;
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    generator.writeNumber(text);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExactNumber that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
