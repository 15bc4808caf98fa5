package io.kubetopology.validate;

/** How serious a finding is. Declared from most to least serious; reports sort in this order. */
public enum Severity {
  /** The cluster would fail to build or would fail later; rendering is refused. */
  ERROR,
  /** The cluster works but is fragile or cannot grow; rendering goes on. */
  WARNING,
  /** Worth knowing; no action needed. */
  INFO
}
