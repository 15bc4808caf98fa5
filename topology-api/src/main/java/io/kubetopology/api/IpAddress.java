package io.kubetopology.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, parsed from its literal form without any name lookup.
 *
 * <p>{@link #toString()} gives the canonical text: dotted quad for IPv4 and the compressed RFC 5952
 * form for IPv6, the form written into every rendered file.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final byte[] bytes;
  private final String text;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
    this.text = bytes.length == 4 ? formatIpv4(bytes) : formatIpv6(bytes);
  }

  /**
   * Parses an IPv4 literal ({@code 10.0.0.11}) or an IPv6 literal ({@code fd00::11}).
   *
   * @throws IllegalArgumentException if {@code text} is not an address literal
   */
  public static IpAddress parse(String text) {
    if (text.indexOf(':') >= 0) {
      return new IpAddress(parseIpv6(text));
    }
    return new IpAddress(parseIpv4(text));
  }

  /** Creates an address from its 4 or 16 network-order bytes. */
  static IpAddress ofBytes(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, got " + bytes.length);
    }
    return new IpAddress(bytes.clone());
  }

  /** Returns true for an IPv4 address, false for IPv6. */
  public boolean isIpv4() {
    return bytes.length == 4;
  }

  /** Returns the number of bits in this address family: 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** Returns the address as an unsigned integer, for range arithmetic. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** Returns the network-order bytes of this address. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Returns the text for a URL or {@code host:port}: IPv6 in brackets, IPv4 as is. */
  public String toUriHost() {
    return isIpv4() ? text : "[" + text + "]";
  }

  @Override
  public int compareTo(IpAddress other) {
    if (bytes.length != other.bytes.length) {
      return Integer.compare(bytes.length, other.bytes.length);
    }
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return text;
  }

  private static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(text);
    }
    byte[] result = new byte[4];
    for (int i = 0; i < 4; i++) {
      result[i] = (byte) parseOctet(parts[i], text);
    }
    return result;
  }

  private static int parseOctet(String part, String text) {
    if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(text);
    }
    if (part.length() > 1 && part.charAt(0) == '0') {
      // Leading zeros read as octal in some tools and decimal in others, so they are ambiguous.
      throw invalid(text);
    }
    int value = Integer.parseInt(part);
    if (value > 255) {
      throw invalid(text);
    }
    return value;
  }

  private static byte[] parseIpv6(String text) {
    if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      throw invalid(text);
    }
    if (text.charAt(0) == '.') {
      // The JDK treats text that starts with '.' as a host name and resolves it, even with ':'.
      throw invalid(text);
    }
    try {
      // A literal that starts with a hex digit or ':' is parsed by the JDK without a name lookup.
      byte[] parsed = InetAddress.getByName(text).getAddress();
      if (parsed.length != 16) {
        throw invalid(text);
      }
      return parsed;
    } catch (UnknownHostException e) {
      throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid IP address '"
            + text
            + "': expected an IPv4 literal such as 10.0.0.11 or an IPv6 literal such as fd00::11");
  }

  private static String formatIpv4(byte[] bytes) {
    return (bytes[0] & 0xff)
        + "."
        + (bytes[1] & 0xff)
        + "."
        + (bytes[2] & 0xff)
        + "."
        + (bytes[3] & 0xff);
  }

  private static String formatIpv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int[] zeroRun = longestZeroRun(groups);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == zeroRun[0]) {
        out.append("::");
        i += zeroRun[1] - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** Finds the first longest run of two or more zero groups, as RFC 5952 compresses it. */
  private static int[] longestZeroRun(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int length = 0;
      while (i + length < groups.length && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    return new int[] {bestStart, bestLength};
  }
}
