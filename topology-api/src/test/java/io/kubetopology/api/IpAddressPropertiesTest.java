package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of addresses and ranges over many random inputs. Each case derives from a fixed seed,
 * and a failure names the seed that reproduces it.
 */
class IpAddressPropertiesTest {
  private static final int CASES = 2_000;

  @Test
  void parse_roundTripsCanonicalText() {
    for (long seed = 0; seed < CASES; seed++) {
      byte[] bytes = randomBytes(new Random(seed), seed % 2 == 0 ? 16 : 4);
      IpAddress address = IpAddress.ofBytes(bytes);

      assertThat(IpAddress.parse(address.toString())).as("seed %d", seed).isEqualTo(address);
    }
  }

  @Test
  void cidr_containsItsOwnRange() {
    for (long seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      IpAddress address = IpAddress.ofBytes(randomBytes(random, 4));
      Cidr cidr = Cidr.containing(address, random.nextInt(33));

      assertThat(cidr.contains(cidr.network())).as("seed %d network", seed).isTrue();
      assertThat(cidr.contains(cidr.lastAddress())).as("seed %d last", seed).isTrue();
      assertThat(cidr.contains(address)).as("seed %d address", seed).isTrue();
    }
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
