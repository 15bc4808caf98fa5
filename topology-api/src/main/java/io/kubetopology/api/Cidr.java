package io.kubetopology.api;

import java.math.BigInteger;

/**
 * An IP network in CIDR notation, such as {@code 10.244.0.0/16}: a network address with no host
 * bits set and a prefix length.
 */
public final class Cidr implements Comparable<Cidr> {
  private final IpAddress network;
  private final int prefixLength;

  private Cidr(IpAddress network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code ADDRESS/PREFIX}, for example {@code 10.96.0.0/12} or {@code fd00:10::/108}.
   *
   * @throws IllegalArgumentException if the text is not CIDR notation, the prefix is outside the
   *     address family's range, or host bits are set (the message names the network address)
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "invalid CIDR '" + text + "': expected ADDRESS/PREFIX such as 10.244.0.0/16");
    }
    IpAddress address = IpAddress.parse(text.substring(0, slash));
    int prefix = parsePrefix(text.substring(slash + 1), address, text);
    Cidr cidr = new Cidr(maskAddress(address, prefix), prefix);
    if (!cidr.network.equals(address)) {
      throw new IllegalArgumentException(
          "invalid CIDR '" + text + "': host bits are set; use the network address '" + cidr + "'");
    }
    return cidr;
  }

  /** Returns the network that contains {@code address} with the given prefix length. */
  static Cidr containing(IpAddress address, int prefixLength) {
    return new Cidr(maskAddress(address, prefixLength), prefixLength);
  }

  /** Returns the network address, the first address of the range. */
  public IpAddress network() {
    return network;
  }

  /** Returns the prefix length in bits. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Returns true for an IPv4 network. */
  public boolean isIpv4() {
    return network.isIpv4();
  }

  /** Returns the last address of the range: the broadcast address for IPv4. */
  public IpAddress lastAddress() {
    int hostBits = network.bitLength() - prefixLength;
    BigInteger last =
        network.toBigInteger().or(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));
    return IpAddress.ofBytes(toBytes(last, network.bitLength() / 8));
  }

  /** Returns true if {@code address} is of this family and inside this range. */
  public boolean contains(IpAddress address) {
    return address.isIpv4() == isIpv4() && maskAddress(address, prefixLength).equals(network);
  }

  /** Returns true if the two ranges share at least one address. */
  public boolean overlaps(Cidr other) {
    if (other.isIpv4() != isIpv4()) {
      return false;
    }
    return prefixLength <= other.prefixLength ? contains(other.network) : other.contains(network);
  }

  @Override
  public int compareTo(Cidr other) {
    int byNetwork = network.compareTo(other.network);
    return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && network.equals(that.network)
        && prefixLength == that.prefixLength;
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }

  static int parsePrefix(String prefixText, IpAddress address, String whole) {
    int max = address.bitLength();
    if (prefixText.isEmpty()
        || prefixText.length() > 3
        || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalidPrefix(whole, max);
    }
    int prefix = Integer.parseInt(prefixText);
    if (prefix > max) {
      throw invalidPrefix(whole, max);
    }
    return prefix;
  }

  private static IllegalArgumentException invalidPrefix(String whole, int max) {
    return new IllegalArgumentException(
        "invalid prefix length in '" + whole + "': expected a number from 0 to " + max);
  }

  private static IpAddress maskAddress(IpAddress address, int prefixLength) {
    int bits = address.bitLength();
    BigInteger mask =
        BigInteger.ONE
            .shiftLeft(bits)
            .subtract(BigInteger.ONE)
            .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
    return IpAddress.ofBytes(toBytes(address.toBigInteger().and(mask), bits / 8));
  }

  private static byte[] toBytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] result = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, result, length - copy, copy);
    return result;
  }
}
