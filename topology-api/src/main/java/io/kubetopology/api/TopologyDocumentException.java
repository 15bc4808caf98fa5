package io.kubetopology.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a topology document cannot be read; carries every problem found in it, not only the
 * first.
 */
public final class TopologyDocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<DocumentProblem> problems;

  /** Creates the exception for at least one problem. */
  public TopologyDocumentException(List<DocumentProblem> problems) {
    super(
        problems.size()
            + " problem(s) in topology document:\n"
            + problems.stream().map(DocumentProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem, in document order. */
  public List<DocumentProblem> problems() {
    return problems;
  }
}
