package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @Test
  void parse_acceptsIpv4Network() {
    Cidr cidr = Cidr.parse("10.244.0.0/16");

    assertThat(cidr.network()).isEqualTo(IpAddress.parse("10.244.0.0"));
    assertThat(cidr.prefixLength()).isEqualTo(16);
    assertThat(cidr.isIpv4()).isTrue();
    assertThat(cidr.toString()).isEqualTo("10.244.0.0/16");
  }

  @Test
  void parse_acceptsIpv6NetworkInCanonicalForm() {
    Cidr cidr = Cidr.parse("FD00:10:0:0:0:0:0:0/108");

    assertThat(cidr.isIpv4()).isFalse();
    assertThat(cidr.prefixLength()).isEqualTo(108);
    assertThat(cidr.toString()).isEqualTo("fd00:10::/108");
  }

  @Test
  void parse_acceptsPrefixExtremes() {
    assertThat(Cidr.parse("0.0.0.0/0").toString()).isEqualTo("0.0.0.0/0");
    assertThat(Cidr.parse("10.0.0.11/32").toString()).isEqualTo("10.0.0.11/32");
    assertThat(Cidr.parse("::/0").toString()).isEqualTo("::/0");
    assertThat(Cidr.parse("fd00::11/128").toString()).isEqualTo("fd00::11/128");
  }

  @Test
  void parse_rejectsHostBitsWithNetworkAddress() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.11/24"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid CIDR '10.0.0.11/24': host bits are set; use the network address"
                + " '10.0.0.0/24'");
  }

  @Test
  void parse_rejectsIpv6HostBitsWithNetworkAddress() {
    assertThatThrownBy(() -> Cidr.parse("fd00::1/64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid CIDR 'fd00::1/64': host bits are set; use the network address 'fd00::/64'");
  }

  @Test
  void parse_rejectsMissingSlash() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid CIDR '10.0.0.0': expected ADDRESS/PREFIX such as 10.244.0.0/16");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.0/1000"})
  void parse_rejectsIpv4PrefixOutOfRange(String text) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid prefix length in '" + text + "': expected a number from 0 to 32");
  }

  @Test
  void parse_rejectsIpv6PrefixOutOfRange() {
    assertThatThrownBy(() -> Cidr.parse("fd00::/129"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid prefix length in 'fd00::/129': expected a number from 0 to 128");
  }

  @Test
  void parse_rejectsInvalidAddress() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid IP address '10.0.0': expected an IPv4 literal such as 10.0.0.11 or an IPv6"
                + " literal such as fd00::11");
  }

  @Test
  void contains_includesBothEnds() {
    Cidr cidr = Cidr.parse("10.0.0.0/24");

    assertThat(cidr.contains(IpAddress.parse("10.0.0.0"))).isTrue();
    assertThat(cidr.contains(IpAddress.parse("10.0.0.255"))).isTrue();
  }

  @Test
  void contains_excludesNeighbours() {
    Cidr cidr = Cidr.parse("10.0.0.0/24");

    assertThat(cidr.contains(IpAddress.parse("10.0.1.0"))).isFalse();
    assertThat(cidr.contains(IpAddress.parse("9.255.255.255"))).isFalse();
  }

  @Test
  void contains_rejectsOtherFamily() {
    assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("::1"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(IpAddress.parse("10.0.0.1"))).isFalse();
  }

  @Test
  void contains_matchesIpv6() {
    Cidr cidr = Cidr.parse("fd00:10::/108");

    assertThat(cidr.contains(IpAddress.parse("fd00:10::f:ffff"))).isTrue();
    assertThat(cidr.contains(IpAddress.parse("fd00:10::10:0"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "10.96.0.0/12, 10.110.17.0/24, true",
    "10.0.0.0/24, 10.0.0.0/24, true",
    "192.168.0.0/16, 192.168.50.0/24, true",
    "0.0.0.0/0, 10.0.0.0/8, true",
    "10.244.0.0/16, 10.96.0.0/12, false",
    "10.0.0.0/24, 10.0.1.0/24, false",
    "10.0.0.0/25, 10.0.0.128/25, false",
    "fd00::/64, fd00::/48, true",
    "fd00::/64, fd00:0:0:1::/64, false"
  })
  void overlaps_isSymmetric(String first, String second, boolean expected) {
    Cidr a = Cidr.parse(first);
    Cidr b = Cidr.parse(second);

    assertThat(a.overlaps(b)).isEqualTo(expected);
    assertThat(b.overlaps(a)).isEqualTo(expected);
  }

  @Test
  void overlaps_isFalseAcrossFamilies() {
    Cidr ipv4All = Cidr.parse("0.0.0.0/0");
    Cidr ipv6All = Cidr.parse("::/0");

    assertThat(ipv4All.overlaps(ipv6All)).isFalse();
    assertThat(ipv6All.overlaps(ipv4All)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/24, 10.0.0.255",
    "10.96.0.0/12, 10.111.255.255",
    "10.0.0.11/32, 10.0.0.11",
    "10.0.0.0/31, 10.0.0.1",
    "0.0.0.0/0, 255.255.255.255",
    "fd00::/64, fd00::ffff:ffff:ffff:ffff",
    "fd00::11/128, fd00::11",
    "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
  })
  void lastAddress_setsAllHostBits(String cidr, String last) {
    assertThat(Cidr.parse(cidr).lastAddress()).isEqualTo(IpAddress.parse(last));
  }

  @Test
  void equals_comparesNetworkAndPrefix() {
    assertThat(Cidr.parse("10.0.0.0/24")).isEqualTo(Cidr.parse("10.0.0.0/24"));
    assertThat(Cidr.parse("10.0.0.0/24").hashCode())
        .isEqualTo(Cidr.parse("10.0.0.0/24").hashCode());
    assertThat(Cidr.parse("10.0.0.0/24")).isNotEqualTo(Cidr.parse("10.0.0.0/25"));
  }

  @Test
  void compareTo_ordersByNetworkThenPrefix() {
    List<Cidr> ranges =
        new ArrayList<>(
            List.of(
                Cidr.parse("fd00::/64"),
                Cidr.parse("10.0.0.0/24"),
                Cidr.parse("10.0.0.0/16"),
                Cidr.parse("9.0.0.0/8")));

    Collections.sort(ranges);

    assertThat(ranges)
        .extracting(Cidr::toString)
        .containsExactly("9.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "fd00::/64");
  }
}
