package io.kubetopology.render.internal;

import java.util.List;
import java.util.Map;

/**
 * The JSON writer of the render module. It writes trees of maps, lists, strings, integers and
 * booleans with two-space indents, {@code " : "} between name and value and LF line ends on every
 * platform: the layout of Jackson's default pretty printer, which earlier versions used.
 */
final class Json {
  private static final String INDENT = "  ";

  private Json() {}

  /**
   * Writes {@code tree} indented, ending in a newline.
   *
   * @throws IllegalArgumentException if the tree contains another type or a map key that is not a
   *     string
   */
  static String write(Object tree) {
    StringBuilder out = new StringBuilder(4096);
    appendValue(out, tree, 0);
    return out.append('\n').toString();
  }

  private static void appendValue(StringBuilder out, Object value, int depth) {
    if (value instanceof Map<?, ?> map) {
      appendObject(out, map, depth);
    } else if (value instanceof List<?> list) {
      appendArray(out, list, depth);
    } else if (value instanceof String text) {
      appendString(out, text);
    } else if (value == null
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long) {
      out.append(value);
    } else {
      throw new IllegalArgumentException(
          "cannot write a "
              + value.getClass().getName()
              + " as JSON: build trees of maps, lists, strings, integers and booleans only");
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{ }");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator);
      appendIndent(out, depth + 1);
      appendString(out, key(entry.getKey()));
      out.append(" : ");
      appendValue(out, entry.getValue(), depth + 1);
      separator = ",\n";
    }
    out.append('\n');
    appendIndent(out, depth);
    out.append('}');
  }

  private static void appendArray(StringBuilder out, List<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[ ]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object item : list) {
      out.append(separator);
      appendIndent(out, depth + 1);
      appendValue(out, item, depth + 1);
      separator = ",\n";
    }
    out.append('\n');
    appendIndent(out, depth);
    out.append(']');
  }

  private static String key(Object key) {
    if (key instanceof String name) {
      return name;
    }
    throw new IllegalArgumentException(
        "invalid JSON object key '"
            + key
            + "': it is not a string, so build trees with string keys only");
  }

  /**
   * Appends {@code text} as a JSON string. RFC 8259 requires escapes for the quote, the backslash
   * and control characters, and JSON's short forms are used where it has one. Other characters are
   * written as they are.
   */
  static void appendString(StringBuilder out, String text) {
    out.append('"');
    int plainStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' || c == '"' || c == '\\') {
        out.append(text, plainStart, i);
        appendEscape(out, c);
        plainStart = i + 1;
      }
    }
    out.append(text, plainStart, text.length()).append('"');
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append(String.format("\\u%04X", (int) c));
    }
  }

  private static void appendIndent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append(INDENT);
    }
  }
}
