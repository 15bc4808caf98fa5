package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class IpAddressPropertiesTest {
  @Property
  void parse_roundTripsCanonicalText(@ForAll @Size(value = 16) byte[] bytes) {
    IpAddress address = IpAddress.ofBytes(bytes);

    assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
  }

  @Property
  void cidr_containsItsOwnRange(@ForAll @Size(value = 4) byte[] bytes, @ForAll int prefixSeed) {
    int prefix = Math.floorMod(prefixSeed, 33);
    Cidr cidr = Cidr.containing(IpAddress.ofBytes(bytes), prefix);

    assertThat(cidr.contains(cidr.network())).isTrue();
    assertThat(cidr.contains(cidr.lastAddress())).isTrue();
    assertThat(cidr.contains(IpAddress.ofBytes(bytes))).isTrue();
  }
}
