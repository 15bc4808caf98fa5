package io.kubetopology.validate.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.function.BiConsumer;

/** A rule made of its id, summary, severity and a check function. */
public record SimpleRule(
    String id,
    String summary,
    Severity defaultSeverity,
    BiConsumer<ClusterTopology, FindingCollector> checker)
    implements Rule {

  @Override
  public void check(ClusterTopology topology, FindingCollector findings) {
    checker.accept(topology, findings);
  }

  @Override
  public String toString() {
    return id;
  }
}
