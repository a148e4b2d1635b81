package org.addrservice.testing;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4 (what a Prometheus server
 * scrapes), for tests: {@link #parse} refuses anything a careful reading of the format does not
 * allow, naming the line, and otherwise answers every series with its value.
 *
 * <p>Checked: {@code # HELP} and {@code # TYPE} lines are well formed and come at most once per
 * family, the type before the family's first sample; metric and label names are valid; label values
 * are quoted and escaped; values are Go floats (with {@code NaN}, {@code +Inf}, {@code -Inf}) and
 * timestamps integers; every sample belongs to a family declared by {@code # TYPE}, under a name
 * its type allows ({@code _sum}, {@code _count}, {@code _bucket}) and with its {@code quantile} or
 * {@code le} label; a family's lines are one group; no series appears twice.
 *
 * <p>A series is written {@code name{label="value",...}} with its labels sorted by name and no
 * braces when it has none; {@link #series(String, String...)} builds one.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern HELP = Pattern.compile("# HELP ([^ ]+)(?: (.*))?");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([^ ]+) ([^ ]+)");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Inf)|NaN");
  private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
  private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, Double> series;
  private final Map<String, String> types;

  private PrometheusText(Map<String, Double> series, Map<String, String> types) {
    this.series = Collections.unmodifiableMap(series);
    this.types = Collections.unmodifiableMap(types);
  }

  /**
   * Reads an exposition.
   *
   * @throws IllegalArgumentException at the first thing the format does not allow
   */
  public static PrometheusText parse(String exposition) {
    return new Reader().read(exposition);
  }

  /** The key of a series, e.g. {@code series("up", "job", "addrservice")}. */
  public static String series(String name, String... labelNamesAndValues) {
    if (labelNamesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("label names and values come in pairs");
    }
    SortedMap<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelNamesAndValues.length; i += 2) {
      labels.put(labelNamesAndValues[i], labelNamesAndValues[i + 1]);
    }
    return key(name, labels);
  }

  /** Every series, in the order of the exposition, with its value. */
  public Map<String, Double> series() {
    return series;
  }

  /** Every family declared by {@code # TYPE}, with its type. */
  public Map<String, String> types() {
    return types;
  }

  /** The value of one series, if the exposition has it. */
  public Optional<Double> value(String name, String... labelNamesAndValues) {
    return Optional.ofNullable(series.get(series(name, labelNamesAndValues)));
  }

  /** The names of every sample, such as {@code http_requests_seconds_count}. */
  public Set<String> sampleNames() {
    Set<String> names = new HashSet<>();
    series.keySet().forEach(key -> names.add(key.replaceFirst("\\{.*", "")));
    return names;
  }

  private static String key(String name, SortedMap<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder key = new StringBuilder(name).append('{');
    labels.forEach(
        (label, value) -> {
          if (key.charAt(key.length() - 1) != '{') {
            key.append(',');
          }
          key.append(label).append("=\"").append(escape(value)).append('"');
        });
    return key.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
  }

  /** The state of one reading: which families were declared, which groups are closed. */
  private static final class Reader {

    private final Map<String, Double> series = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Set<String> helps = new HashSet<>();
    private final Set<String> closedFamilies = new HashSet<>();
    private final Map<String, String> familyOfSample = new HashMap<>();
    private String currentFamily;
    private int lineNumber;
    private String line;

    PrometheusText read(String exposition) {
      if (!exposition.isEmpty() && !exposition.endsWith("\n")) {
        throw new IllegalArgumentException("the exposition does not end with a line feed");
      }
      // Not String.lines(): that would also split at a carriage return, which must be refused.
      String[] lines = exposition.split("\n", -1);
      for (lineNumber = 1; lineNumber < lines.length; lineNumber++) {
        line = lines[lineNumber - 1];
        if (line.contains("\r")) {
          throw invalid("carriage return in a line");
        }
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("#")) {
          comment();
        } else {
          sample();
        }
      }
      return new PrometheusText(series, types);
    }

    private void comment() {
      String[] words = line.split("[ \\t]+", 3);
      boolean declares = words.length > 1 && (words[1].equals("HELP") || words[1].equals("TYPE"));
      if (!declares) {
        return;
      }
      if (words[1].equals("HELP")) {
        help();
      } else {
        type();
      }
    }

    private void help() {
      Matcher help = HELP.matcher(line);
      if (!help.matches() || !METRIC_NAME.matcher(help.group(1)).matches()) {
        throw invalid("malformed HELP line");
      }
      String family = help.group(1);
      if (!helps.add(family)) {
        throw invalid("second HELP for " + family);
      }
      String text = help.group(2) == null ? "" : help.group(2);
      if (text.replace("\\\\", "").replace("\\n", "").contains("\\")) {
        throw invalid("HELP text escapes something other than \\\\ and \\n");
      }
      enterFamily(family);
    }

    private void type() {
      Matcher type = TYPE.matcher(line);
      if (!type.matches() || !METRIC_NAME.matcher(type.group(1)).matches()) {
        throw invalid("malformed TYPE line");
      }
      String family = type.group(1);
      if (!TYPES.contains(type.group(2))) {
        throw invalid("unknown type " + type.group(2));
      }
      if (types.containsKey(family)) {
        throw invalid("second TYPE for " + family);
      }
      types.put(family, type.group(2));
      for (String suffix : samplesOf(type.group(2))) {
        String sample = family + suffix;
        String other = familyOfSample.putIfAbsent(sample, family);
        if (other != null) {
          throw invalid("samples named " + sample + " would belong to " + other + " and " + family);
        }
      }
      enterFamily(family);
    }

    private static List<String> samplesOf(String type) {
      return switch (type) {
        case "summary" -> List.of("", "_sum", "_count");
        case "histogram" -> List.of("_bucket", "_sum", "_count");
        default -> List.of("");
      };
    }

    private void enterFamily(String family) {
      if (family.equals(currentFamily)) {
        return;
      }
      if (closedFamilies.contains(family)) {
        throw invalid("the lines of " + family + " are not one group");
      }
      if (currentFamily != null) {
        closedFamilies.add(currentFamily);
      }
      currentFamily = family;
    }

    private void sample() {
      int position = 0;
      while (position < line.length() && isNameCharacter(line.charAt(position))) {
        position++;
      }
      String name = line.substring(0, position);
      if (!METRIC_NAME.matcher(name).matches()) {
        throw invalid("no valid metric name at the start of the line");
      }
      SortedMap<String, String> labels = new TreeMap<>();
      if (position < line.length() && line.charAt(position) == '{') {
        position = labels(position + 1, labels);
      }
      String rest = line.substring(position);
      if (!rest.startsWith(" ") && !rest.startsWith("\t")) {
        throw invalid("no blank between the series and its value");
      }
      String[] fields = BLANKS.split(rest.strip(), -1);
      if (fields.length > 2 || !FLOAT.matcher(fields[0]).matches()) {
        throw invalid("the value is not one number, optionally followed by a timestamp");
      }
      if (fields.length == 2 && !TIMESTAMP.matcher(fields[1]).matches()) {
        throw invalid("the timestamp is not an integer");
      }
      String family = familyOfSample.get(name);
      if (family == null) {
        throw invalid("sample " + name + " belongs to no family declared by TYPE");
      }
      enterFamily(family);
      requireTypeLabels(name, family, labels);
      if (series.put(key(name, labels), value(fields[0])) != null) {
        throw invalid("series " + key(name, labels) + " appears twice");
      }
    }

    private void requireTypeLabels(String name, String family, Map<String, String> labels) {
      String type = types.get(family);
      boolean quantile = type.equals("summary") && name.equals(family);
      boolean bucket = type.equals("histogram") && name.equals(family + "_bucket");
      if (quantile != labels.containsKey("quantile")) {
        throw invalid(quantile ? "a summary quantile without quantile label" : "stray quantile");
      }
      if (bucket != labels.containsKey("le")) {
        throw invalid(bucket ? "a histogram bucket without le label" : "stray le label");
      }
      for (String label : List.of("quantile", "le")) {
        if (labels.containsKey(label) && !FLOAT.matcher(labels.get(label)).matches()) {
          throw invalid(label + " is not a number");
        }
      }
    }

    /** Reads {@code name="value",...}} from {@code position}, answering where it stopped. */
    private int labels(int start, Map<String, String> labels) {
      int position = start;
      while (true) {
        if (position < line.length() && line.charAt(position) == '}') {
          return position + 1;
        }
        int nameStart = position;
        while (position < line.length() && line.charAt(position) != '=') {
          position++;
        }
        String label = line.substring(nameStart, position);
        if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
          throw invalid("invalid label name '" + label + "'");
        }
        if (position + 1 >= line.length() || line.charAt(position + 1) != '"') {
          throw invalid("the value of label " + label + " is not quoted");
        }
        StringBuilder value = new StringBuilder();
        position = quoted(position + 2, value);
        if (labels.put(label, value.toString()) != null) {
          throw invalid("label " + label + " twice");
        }
        if (position < line.length() && line.charAt(position) == ',') {
          position++;
        } else if (position >= line.length() || line.charAt(position) != '}') {
          throw invalid("labels are not separated by commas or closed by }");
        }
      }
    }

    /** Reads an escaped label value up to its closing quote, answering the position after it. */
    private int quoted(int start, StringBuilder value) {
      int position = start;
      while (position < line.length()) {
        char c = line.charAt(position++);
        if (c == '"') {
          return position;
        }
        if (c == '\\') {
          if (position >= line.length()) {
            break;
          }
          char escaped = line.charAt(position++);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw invalid("label value escapes '" + escaped + "'");
          }
        } else {
          value.append(c);
        }
      }
      throw invalid("a label value is not closed");
    }

    private static boolean isNameCharacter(char c) {
      return c == '_'
          || c == ':'
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9');
    }

    private static double value(String text) {
      return switch (text) {
        case "NaN" -> Double.NaN;
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(text);
      };
    }

    private IllegalArgumentException invalid(String why) {
      return new IllegalArgumentException("line " + lineNumber + ": " + why + ": " + line);
    }
  }
}
