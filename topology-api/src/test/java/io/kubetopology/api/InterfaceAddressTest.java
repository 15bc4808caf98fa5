package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InterfaceAddressTest {

  @Test
  void parse_keepsHostBits() {
    InterfaceAddress address = InterfaceAddress.parse("10.0.0.11/24");

    assertThat(address.address()).isEqualTo(IpAddress.parse("10.0.0.11"));
    assertThat(address.prefixLength()).isEqualTo(24);
    assertThat(address.toString()).isEqualTo("10.0.0.11/24");
  }

  @Test
  void subnet_masksHostBits() {
    assertThat(InterfaceAddress.parse("10.0.0.11/24").subnet())
        .isEqualTo(Cidr.parse("10.0.0.0/24"));
    assertThat(InterfaceAddress.parse("10.110.17.5/12").subnet())
        .isEqualTo(Cidr.parse("10.96.0.0/12"));
    assertThat(InterfaceAddress.parse("10.0.0.11/32").subnet())
        .isEqualTo(Cidr.parse("10.0.0.11/32"));
  }

  @Test
  void parse_acceptsIpv6InCanonicalForm() {
    InterfaceAddress address = InterfaceAddress.parse("FD00:0:0:0:0:0:0:11/64");

    assertThat(address.toString()).isEqualTo("fd00::11/64");
    assertThat(address.subnet()).isEqualTo(Cidr.parse("fd00::/64"));
  }

  @Test
  void parse_rejectsMissingPrefix() {
    assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.11"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid interface address '10.0.0.11': the prefix length is missing; write it as"
                + " ADDRESS/PREFIX such as 10.0.0.11/24");
  }

  @Test
  void parse_rejectsPrefixOutOfRange() {
    assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.11/33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid prefix length in '10.0.0.11/33': expected a number from 0 to 32");
  }

  @Test
  void parse_rejectsHostname() {
    assertThatThrownBy(() -> InterfaceAddress.parse("cp-1/24"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid IP address 'cp-1': expected an IPv4 literal such as 10.0.0.11 or an IPv6"
                + " literal such as fd00::11");
  }

  @Test
  void equals_comparesAddressAndPrefix() {
    assertThat(InterfaceAddress.parse("10.0.0.11/24"))
        .isEqualTo(InterfaceAddress.parse("10.0.0.11/24"));
    assertThat(InterfaceAddress.parse("10.0.0.11/24").hashCode())
        .isEqualTo(InterfaceAddress.parse("10.0.0.11/24").hashCode());
    assertThat(InterfaceAddress.parse("10.0.0.11/24"))
        .isNotEqualTo(InterfaceAddress.parse("10.0.0.11/16"));
    assertThat(InterfaceAddress.parse("10.0.0.11/24"))
        .isNotEqualTo(InterfaceAddress.parse("10.0.0.12/24"));
  }
}
