package io.kubetopology.render;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls an observation of a live system, such as which node carries the virtual IP, for a bounded
 * time. The bounds come from the intervals of the configuration under test, so a test states the
 * promise of that configuration rather than a guess.
 */
final class Await {
  /** Time between two observations. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private Await() {}

  /**
   * Result of polling.
   *
   * @param met whether the condition was met: reached for {@link #until}, never broken for {@link
   *     #holdsFor}
   * @param last the last observation
   * @param elapsed the time from the start of polling to the last observation
   */
  record Outcome<T>(boolean met, T last, Duration elapsed) {
    /** Describes the outcome for assertion messages. */
    String describe(String expectation) {
      return expectation
          + (met ? " held" : " failed")
          + " after "
          + elapsed.toMillis()
          + " ms; last observation: "
          + last;
    }
  }

  /** Observes until {@code condition} is true or {@code bound} has passed. */
  static <T> Outcome<T> until(Duration bound, Supplier<T> observe, Predicate<T> condition) {
    long start = System.nanoTime();
    while (true) {
      T observation = observe.get();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (condition.test(observation)) {
        return new Outcome<>(true, observation, elapsed);
      }
      if (elapsed.compareTo(bound) >= 0) {
        return new Outcome<>(false, observation, elapsed);
      }
      sleep();
    }
  }

  /** Observes for {@code period} and stops at the first observation that breaks the condition. */
  static <T> Outcome<T> holdsFor(Duration period, Supplier<T> observe, Predicate<T> condition) {
    Outcome<T> broken = until(period, observe, condition.negate());
    return new Outcome<>(!broken.met(), broken.last(), broken.elapsed());
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}
