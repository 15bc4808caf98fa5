package io.kubetopology.api.internal.document;

import io.kubetopology.api.DocumentProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one document, each located at a node. */
final class Problems {
  private final String source;
  private final List<DocumentProblem> problems = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  void add(Node node, String path, String message) {
    add(node.getStartMark().orElse(null), path, message);
  }

  void add(Mark mark, String path, String message) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    problems.add(new DocumentProblem(source, line, column, path, message));
  }

  void addDocumentLevel(String message) {
    problems.add(new DocumentProblem(source, 0, 0, "", message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Returns the problems in document order; problems about the whole document come first. */
  List<DocumentProblem> list() {
    List<DocumentProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(DocumentProblem::line).thenComparingInt(DocumentProblem::column));
    return List.copyOf(sorted);
  }
}
