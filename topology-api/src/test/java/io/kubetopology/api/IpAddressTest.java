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

class IpAddressTest {

  @Test
  void parse_acceptsIpv4() {
    IpAddress address = IpAddress.parse("10.0.0.11");

    assertThat(address.toString()).isEqualTo("10.0.0.11");
    assertThat(address.isIpv4()).isTrue();
    assertThat(address.bitLength()).isEqualTo(32);
    assertThat(address.toBytes()).containsExactly(10, 0, 0, 11);
  }

  @Test
  void parse_acceptsIpv4Extremes() {
    assertThat(IpAddress.parse("0.0.0.0").toString()).isEqualTo("0.0.0.0");
    assertThat(IpAddress.parse("255.255.255.255").toString()).isEqualTo("255.255.255.255");
  }

  @Test
  void parse_acceptsIpv6() {
    IpAddress address = IpAddress.parse("fd00::11");

    assertThat(address.toString()).isEqualTo("fd00::11");
    assertThat(address.isIpv4()).isFalse();
    assertThat(address.bitLength()).isEqualTo(128);
    assertThat(address.toBytes()).hasSize(16);
  }

  // Cases from RFC 5952 section 4: leading zeros dropped, the longest run of two or more zero
  // groups compressed (the first one on a tie), a single zero group kept, lowercase hex.
  @ParameterizedTest
  @CsvSource({
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:DB8::1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:0:0:1:0:0, 2001:db8::1:0:0",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:db8:1:0:0:1:0:0, 2001:db8:1::1:0:0",
    "2001:db8::0:1, 2001:db8::1",
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "1:0:0:0:0:0:0:0, 1::",
    "fd00:0:0:0:0:0:0:11, fd00::11",
    "FD00:10:0:0:0:0:0:0, fd00:10::",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8"
  })
  void toString_compressesIpv6PerRfc5952(String input, String canonical) {
    assertThat(IpAddress.parse(input).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "example.com",
        "010.0.0.1",
        "10.0.0.01",
        "10.0.0.256",
        "256.0.0.1",
        "",
        "10.0.0",
        "10.0.0.1.2",
        "10..0.1",
        "10.0.0.1 ",
        "+1.0.0.1",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        ":1",
        "fe80::1%eth0",
        "[fd00::1]",
        "fd00::g",
        ".::1"
      })
  void parse_rejectsNonLiteral(String text) {
    assertThatThrownBy(() -> IpAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid IP address '"
                + text
                + "': expected an IPv4 literal such as 10.0.0.11 or an IPv6 literal such as"
                + " fd00::11");
  }

  @Test
  void parse_rejectsLeadingZero() {
    assertThatThrownBy(() -> IpAddress.parse("10.0.0.011"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid IP address '10.0.0.011': expected an IPv4 literal such as 10.0.0.11 or an"
                + " IPv6 literal such as fd00::11");
  }

  @Test
  void equals_comparesBytesNotText() {
    assertThat(IpAddress.parse("FD00:0::11")).isEqualTo(IpAddress.parse("fd00::11"));
    assertThat(IpAddress.parse("FD00:0::11").hashCode())
        .isEqualTo(IpAddress.parse("fd00::11").hashCode());
    assertThat(IpAddress.parse("10.0.0.11")).isNotEqualTo(IpAddress.parse("10.0.0.12"));
  }

  @Test
  void compareTo_ordersIpv4BeforeIpv6AndNumerically() {
    List<IpAddress> addresses =
        new ArrayList<>(
            List.of(
                IpAddress.parse("::1"),
                IpAddress.parse("10.0.0.200"),
                IpAddress.parse("10.0.0.9"),
                IpAddress.parse("192.168.0.1")));

    Collections.sort(addresses);

    assertThat(addresses)
        .extracting(IpAddress::toString)
        .containsExactly("10.0.0.9", "10.0.0.200", "192.168.0.1", "::1");
  }

  @Test
  void toUriHost_bracketsOnlyIpv6() {
    assertThat(IpAddress.parse("10.0.0.100").toUriHost()).isEqualTo("10.0.0.100");
    assertThat(IpAddress.parse("fd00::100").toUriHost()).isEqualTo("[fd00::100]");
  }

  @Test
  void toBigInteger_isUnsigned() {
    assertThat(IpAddress.parse("255.255.255.255").toBigInteger().longValue())
        .isEqualTo(4_294_967_295L);
  }

  @Test
  void toBytes_returnsCopy() {
    IpAddress address = IpAddress.parse("10.0.0.11");
    byte[] bytes = address.toBytes();
    bytes[0] = 99;

    assertThat(address.toString()).isEqualTo("10.0.0.11");
  }

  @Test
  void ofBytes_rejectsWrongLength() {
    assertThatThrownBy(() -> IpAddress.ofBytes(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an address has 4 or 16 bytes, got 5");
  }
}
