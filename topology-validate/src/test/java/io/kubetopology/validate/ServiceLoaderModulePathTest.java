package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs in the default surefire execution, where the tests are patched into the named module
 * io.kubetopology.validate. {@link java.util.ServiceLoader} ignores {@code META-INF/services}
 * entries whose class is in a named module, so a module provides rules with {@code provides
 * io.kubetopology.validate.Rule with ...} in its module-info instead.
 */
class ServiceLoaderModulePathTest {
  @Test
  void modulePath_runsNamedModule() {
    assertThat(Rule.class.getModule().getName()).isEqualTo("io.kubetopology.validate");
  }

  @Test
  void addServiceLoadedRules_ignoresListedProvider() {
    TopologyValidator validator = TopologyValidator.builder().addServiceLoadedRules().build();

    assertThat(validator.rules()).isEmpty();
  }
}
