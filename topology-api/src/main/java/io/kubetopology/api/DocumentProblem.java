package io.kubetopology.api;

/**
 * One problem in a topology document, located by source, line, column and field path.
 *
 * @param source the file name or label the document was read from
 * @param line the 1-based line, or 0 when the problem concerns the whole document
 * @param column the 1-based column, or 0 when the problem concerns the whole document
 * @param path the field path, such as {@code nodes[1].address}, or empty for the document itself
 * @param message what is wrong and how to fix it
 */
public record DocumentProblem(String source, int line, int column, String path, String message) {
  /** Returns {@code source:line:column: path: message}, the form compilers and editors link. */
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return where + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
