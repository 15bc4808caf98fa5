package io.kubetopology.api;

/**
 * An address assigned to a network interface together with the prefix length of its subnet, as
 * {@code ip addr} shows it: {@code 10.0.0.11/24}.
 */
public final class InterfaceAddress {
  private final IpAddress address;
  private final int prefixLength;

  private InterfaceAddress(IpAddress address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code ADDRESS/PREFIX}, for example {@code 10.0.0.11/24}.
   *
   * @throws IllegalArgumentException if the address or the prefix length is malformed, or the
   *     prefix is missing
   */
  public static InterfaceAddress parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "invalid interface address '"
              + text
              + "': the prefix length is missing; write it as ADDRESS/PREFIX such as 10.0.0.11/24");
    }
    IpAddress address = IpAddress.parse(text.substring(0, slash));
    return new InterfaceAddress(
        address, Cidr.parsePrefix(text.substring(slash + 1), address, text));
  }

  /** Returns the address itself, without the prefix. */
  public IpAddress address() {
    return address;
  }

  /** Returns the prefix length of the subnet. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Returns the subnet this address sits in, for example 10.0.0.0/24 for 10.0.0.11/24. */
  public Cidr subnet() {
    return Cidr.containing(address, prefixLength);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InterfaceAddress that
        && address.equals(that.address)
        && prefixLength == that.prefixLength;
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
