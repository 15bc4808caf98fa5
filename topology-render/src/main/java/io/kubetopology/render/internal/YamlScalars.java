package io.kubetopology.render.internal;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one YAML scalar: plain when every YAML 1.1 and 1.2 reader reads the plain text back as the
 * same string, double-quoted otherwise.
 *
 * <p>The readers considered are the YAML 1.2 core schema (snakeyaml-engine, go-yaml v3), the YAML
 * 1.1 type repository (PyYAML, SnakeYAML 1.x) and go-yaml v2, which kubelet and kubeadm use through
 * sigs.k8s.io/yaml. A string stays plain only if it is printable ASCII, starts with no indicator,
 * contains no flow indicator, comment or mapping separator, and is no null, boolean, number or
 * timestamp in any of them. Everything else is quoted, which costs nothing but two characters.
 */
final class YamlScalars {
  /** Null, boolean and special words of YAML 1.1 and 1.2, and the 1.1 merge and value keys. */
  private static final Set<String> RESERVED_WORDS =
      Set.of(
          "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
          "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
          "=", "<<");

  /**
   * Numbers and timestamps in any of the readers, drawn wider than each: underscores anywhere in
   * digits (YAML 1.1 and go-yaml v2 drop them), base prefixes in either case, sexagesimal numbers
   * such as {@code 1:30} (YAML 1.1 reads 90), infinity and NaN, and dates with anything after them.
   */
  private static final Pattern NUMBER_OR_TIMESTAMP =
      Pattern.compile(
          "[-+]?(\\.[0-9_]+|[0-9_]+(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?0([bB][0-1_]*|[oO][0-7_]*|[xX][0-9a-fA-F_]*)"
              + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)"
              + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?");

  /** Characters that start a YAML token when they start a plain scalar. */
  private static final String INDICATORS = "#,[]{}&*!|>'\"%@`";

  /**
   * The only characters of the number alternatives of {@link #NUMBER_OR_TIMESTAMP}, so a string
   * with any other character and no date in front is no number and needs no regular expression.
   */
  private static final String NUMBER_CHARACTERS = "0123456789_+-.:eEbBoOxXaAcCdDfFiInN";

  /**
   * Printable ASCII characters that may appear after the first one of a plain scalar, indexed by
   * character. The flow indicators {@code ,[]{}} are left out, because they end or split a plain
   * scalar inside a flow collection.
   */
  private static final boolean[] PLAIN_CONTINUATION = plainContinuation();

  private YamlScalars() {}

  /** Appends {@code text} to {@code out}, plain if that is safe and double-quoted otherwise. */
  static void appendString(StringBuilder out, String text) {
    if (isPlainSafe(text)) {
      out.append(text);
    } else {
      appendDoubleQuoted(out, text);
    }
  }

  /**
   * Returns true if every YAML 1.1 and 1.2 reader reads {@code text}, written plain as a block
   * mapping key or value or as a sequence item, back as the same string.
   */
  static boolean isPlainSafe(String text) {
    return !text.isEmpty()
        && !RESERVED_WORDS.contains(text)
        && startsPlain(text)
        && continuesPlain(text)
        && !looksLikeNumberOrTimestamp(text);
  }

  private static boolean startsPlain(String text) {
    char first = text.charAt(0);
    if (INDICATORS.indexOf(first) >= 0 || text.startsWith("---") || text.startsWith("...")) {
      return false;
    }
    if (first == '-' || first == '?' || first == ':') {
      // "- x", "? x" and ": x" are a sequence entry, a complex key and a value.
      return text.length() > 1 && text.charAt(1) != ' ';
    }
    return first != ' ';
  }

  private static boolean[] plainContinuation() {
    boolean[] plain = new boolean[128];
    for (char c = ' '; c <= '~'; c++) {
      plain[c] = ",[]{}".indexOf(c) < 0;
    }
    return plain;
  }

  private static boolean continuesPlain(String text) {
    int last = text.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if (c >= PLAIN_CONTINUATION.length || !PLAIN_CONTINUATION[c]) {
        return false;
      }
      if (c == ':' && (i == last || text.charAt(i + 1) == ' ')) {
        return false;
      }
      if (c == '#' && i > 0 && text.charAt(i - 1) == ' ') {
        return false;
      }
    }
    return text.charAt(last) != ' ';
  }

  private static boolean looksLikeNumberOrTimestamp(String text) {
    char first = text.charAt(0);
    boolean numberStart =
        (first >= '0' && first <= '9')
            || first == '+'
            || first == '-'
            || first == '.'
            || first == '_';
    if (!numberStart) {
      return false;
    }
    // Each number alternative has at most one dot, so an IP address skips the expression.
    if (!startsWithDate(text) && (dotCount(text) > 1 || !onlyNumberCharacters(text))) {
      return false;
    }
    return NUMBER_OR_TIMESTAMP.matcher(text).matches();
  }

  private static boolean startsWithDate(String text) {
    if (text.length() < 8 || text.charAt(4) != '-') {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int dotCount(String text) {
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '.') {
        dots++;
      }
    }
    return dots;
  }

  private static boolean onlyNumberCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (NUMBER_CHARACTERS.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code text} as a double-quoted scalar. Backslash and the double quote are escaped. So
   * is every character that YAML does not allow unescaped or reads as a line break, which are the
   * control characters, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF and unpaired surrogates. Other
   * characters stay as they are.
   */
  static void appendDoubleQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escapeOf(c, text, i);
      if (escape == null) {
        out.append(c);
      } else {
        out.append(escape);
      }
    }
    out.append('"');
  }

  private static String escapeOf(char c, String text, int index) {
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      case '\r':
        return "\\r";
      default:
        break;
    }
    if (c < ' ' || (c >= 0x7f && c <= 0x9f)) {
      return String.format("\\x%02x", (int) c);
    }
    if (c == '\u2028'
        || c == '\u2029'
        || c == '\ufeff'
        || c == '\ufffe'
        || c == '\uffff'
        || isUnpairedSurrogate(text, index)) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }

  private static boolean isUnpairedSurrogate(String text, int index) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
    }
    return false;
  }
}
