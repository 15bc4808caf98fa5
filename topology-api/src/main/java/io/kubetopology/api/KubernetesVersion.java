package io.kubetopology.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A released Kubernetes version {@code vMAJOR.MINOR.PATCH}, such as {@code v1.33.4}. */
public final class KubernetesVersion implements Comparable<KubernetesVersion> {
  private static final Pattern FORMAT =
      Pattern.compile("v?(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})");

  private final int major;
  private final int minor;
  private final int patch;

  private KubernetesVersion(int major, int minor, int patch) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /**
   * Parses {@code v1.33.4} or {@code 1.33.4}.
   *
   * @throws IllegalArgumentException if the text is not three dot-separated numbers; pre-release
   *     and build suffixes are not accepted because kubeadm pins released images
   */
  public static KubernetesVersion parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "invalid Kubernetes version '" + text + "': expected vMAJOR.MINOR.PATCH such as v1.33.4");
    }
    return new KubernetesVersion(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  /** Returns the major version, 1 for every Kubernetes release so far. */
  public int major() {
    return major;
  }

  /** Returns the minor version, which selects the kubeadm configuration API. */
  public int minor() {
    return minor;
  }

  /** Returns the patch version. */
  public int patch() {
    return patch;
  }

  @Override
  public int compareTo(KubernetesVersion other) {
    if (major != other.major) {
      return Integer.compare(major, other.major);
    }
    return minor != other.minor
        ? Integer.compare(minor, other.minor)
        : Integer.compare(patch, other.patch);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KubernetesVersion that && compareTo(that) == 0;
  }

  @Override
  public int hashCode() {
    return (major * 1000 + minor) * 1000 + patch;
  }

  /** Returns the version as kubeadm writes it: {@code v1.33.4}. */
  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }
}
