package io.kubetopology.validate.internal;

import java.util.Locale;

/** Text helpers for findings: escaping values and naming characters. */
public final class Text {
  private Text() {}

  /**
   * Returns {@code value} with every character that does not print on one line escaped: line feed,
   * carriage return and tab as {@code \n}, {@code \r} and {@code \t}, and other control, format,
   * line separator and paragraph separator characters and unpaired surrogates as a backslash, a
   * {@code u} and the code point in hex. Other characters, backslashes included, stay as they are.
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(codePoint -> appendEscaped(out, codePoint));
    return out.toString();
  }

  /** Returns true if {@link #escape} would change {@code codePoint}. */
  static boolean isUnprintable(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }

  private static void appendEscaped(StringBuilder out, int codePoint) {
    if (!isUnprintable(codePoint)) {
      out.appendCodePoint(codePoint);
    } else if (codePoint == '\n') {
      out.append("\\n");
    } else if (codePoint == '\r') {
      out.append("\\r");
    } else if (codePoint == '\t') {
      out.append("\\t");
    } else {
      out.append("\\u").append(codePointNumber(codePoint));
    }
  }

  /** Returns the code point in hex with at least four digits, such as {@code 000A}. */
  static String codePointNumber(int codePoint) {
    return String.format(Locale.ROOT, "%04X", codePoint);
  }
}
