package io.kubetopology.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret string, such as a bootstrap token or a VRRP password. {@link #toString()} never shows
 * the value, so a secret cannot leak through a log line, a message or a debugger's summary.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws IllegalArgumentException if the value is empty
   */
  public static Secret of(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** Returns the secret value, for writing it into the file that needs it. */
  public String reveal() {
    return value;
  }

  /** Returns the number of characters of the value; safe to show in a message. */
  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object other) {
    // Constant-time comparison, so equality checks do not leak the value through timing.
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
