package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.render.RealTools.ScriptFile;
import io.kubetopology.render.RealTools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Shows that {@link RealTools} reports what the real haproxy and keepalived reject, using
 * hand-written configurations, so that a passing render test means the tools accepted the output.
 */
// Exclusive, because one test compares the network namespaces before and after a check.
@ResourceLock(VrrpLab.NAMESPACES)
class RealToolsTest {

  private static final String GOOD_HAPROXY_CFG =
      """
      global
          maxconn 4096

      defaults
          mode tcp
          timeout connect 5s
          timeout client 30s
          timeout server 30s
          timeout check 5s
          timeout tunnel 1h

      frontend kube-apiserver
          bind *:8443
          mode tcp
          default_backend kube-apiserver

      backend kube-apiserver
          mode tcp
          balance roundrobin
          option httpchk
          http-check connect ssl
          http-check send meth GET uri /readyz
          http-check expect status 200
          server cp-1 10.0.0.11:6443 check verify none
          server cp-2 10.0.0.12:6443 check verify none
          server cp-3 10.0.0.13:6443 check verify none
      """;

  private static final String CHECK_SCRIPT_PATH = "/etc/keepalived/check_apiserver.sh";

  private static final String GOOD_KEEPALIVED_CONF =
      """
      global_defs {
          router_id LVS_DEVEL
          enable_script_security
          script_user root
      }

      vrrp_script check_apiserver {
          script "/etc/keepalived/check_apiserver.sh"
          interval 3
          weight -2
          fall 10
          rise 2
      }

      vrrp_instance VI_1 {
          state MASTER
          interface eth0
          virtual_router_id 51
          priority 101
          advert_int 1
          authentication {
              auth_type PASS
              auth_pass 42abcdef
          }
          virtual_ipaddress {
              10.0.0.100
          }
          track_script {
              check_apiserver
          }
      }
      """;

  // keepalived -t only checks that the script exists and is secure, so it never runs this body.
  private static final String CHECK_SCRIPT =
      """
      #!/bin/sh
      curl -sfk --max-time 2 https://localhost:6443/readyz -o /dev/null || exit 1
      """;

  private static final Map<String, ScriptFile> CHECK_SCRIPT_FILES =
      Map.of(CHECK_SCRIPT_PATH, ScriptFile.executable(CHECK_SCRIPT));

  @Test
  void haproxyCheck_goodConfigPassesWithoutWarnings() {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");

    ToolResult result = RealTools.haproxyCheck(GOOD_HAPROXY_CFG);

    assertThat(result.exitCode()).as(result::toString).isZero();
    assertThat(result.warnings()).as(result::toString).isEmpty();
    assertThat(result.output()).as(result::toString).contains("Configuration file is valid");
  }

  @Test
  void haproxyCheck_missingTimeoutWarns() {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");
    String cfg = replaceOnce(GOOD_HAPROXY_CFG, "    timeout client 30s\n", "");

    ToolResult result = RealTools.haproxyCheck(cfg);

    assertThat(result.isClean()).as(result::toString).isFalse();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).startsWith("[WARNING]").contains("missing timeouts"));
  }

  @Test
  void haproxyCheck_duplicateServerNameFails() {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");
    String cfg = replaceOnce(GOOD_HAPROXY_CFG, "server cp-3 ", "server cp-2 ");

    ToolResult result = RealTools.haproxyCheck(cfg);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(
            line -> assertThat(line).startsWith("[ALERT]").contains("another server named 'cp-2'"));
  }

  @Test
  void keepalivedCheck_goodConfigPassesWithoutWarnings() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");

    ToolResult result =
        RealTools.keepalivedCheck(GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.exitCode()).as(result::toString).isZero();
    assertThat(result.warnings()).as(result::toString).isEmpty();
    assertThat(result.isClean()).as(result::toString).isTrue();
  }

  @Test
  void keepalivedCheck_otherInterfaceNamePasses() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, "interface eth0", "interface ens192");

    ToolResult result =
        RealTools.keepalivedCheck(conf, "ens192", "192.168.10.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.isClean()).as(result::toString).isTrue();
  }

  @Test
  void keepalivedCheck_missingInterfaceFails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, "interface eth0", "interface eth7");

    ToolResult result = RealTools.keepalivedCheck(conf, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("interface eth7").contains("doesn't exist"));
  }

  @Test
  void keepalivedCheck_virtualRouterIdAbove255Fails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String conf =
        replaceOnce(GOOD_KEEPALIVED_CONF, "virtual_router_id 51", "virtual_router_id 256");

    ToolResult result = RealTools.keepalivedCheck(conf, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("VRID '256' not valid"));
  }

  @Test
  void keepalivedCheck_nineCharacterAuthPassFails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, "auth_pass 42abcdef", "auth_pass 42abcdef9");

    ToolResult result = RealTools.keepalivedCheck(conf, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("Truncating auth_pass to 8 characters"));
  }

  @Test
  void keepalivedCheck_missingScriptSecurityFails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, "    enable_script_security\n", "");

    ToolResult result = RealTools.keepalivedCheck(conf, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("SECURITY VIOLATION"));
  }

  @Test
  void keepalivedCheck_worldWritableScriptFails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    Map<String, ScriptFile> files = Map.of(CHECK_SCRIPT_PATH, new ScriptFile(CHECK_SCRIPT, 0777));

    ToolResult result =
        RealTools.keepalivedCheck(GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11/24", files);

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("check_apiserver due to insecure"));
  }

  @Test
  void keepalivedCheck_missingScriptFails() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");

    ToolResult result =
        RealTools.keepalivedCheck(GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11/24", Map.of());

    assertThat(result.exitCode()).as(result::toString).isNotZero();
    assertThat(result.warnings())
        .as(result::toString)
        .anySatisfy(line -> assertThat(line).contains("not found/accessible"));
  }

  @Test
  void keepalivedCheck_scriptInSubdirectoryPasses() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    String scriptPath = "/etc/keepalived/scripts/check_apiserver.sh";
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, CHECK_SCRIPT_PATH, scriptPath);

    ToolResult result =
        RealTools.keepalivedCheck(
            conf, "eth0", "10.0.0.11/24", Map.of(scriptPath, ScriptFile.executable(CHECK_SCRIPT)));

    assertThat(result.isClean()).as(result::toString).isTrue();
  }

  @Test
  void keepalivedCheck_scriptInNewDirectoryPasses() {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    Path hostDirectory = Path.of("/etc/kubetopology-realtools-test");
    assertThat(hostDirectory).doesNotExist();
    String scriptPath = hostDirectory + "/check_apiserver.sh";
    String conf = replaceOnce(GOOD_KEEPALIVED_CONF, CHECK_SCRIPT_PATH, scriptPath);

    ToolResult result =
        RealTools.keepalivedCheck(
            conf, "eth0", "10.0.0.11/24", Map.of(scriptPath, ScriptFile.executable(CHECK_SCRIPT)));

    assertThat(result.isClean()).as(result::toString).isTrue();
    assertThat(hostDirectory).doesNotExist();
  }

  @Test
  void keepalivedCheck_leavesHostFilesAndNamespacesUnchanged() throws IOException {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    List<String> hostFilesBefore = listDirectory(Path.of("/etc/keepalived"));
    List<String> namespacesBefore = listDirectory(Path.of("/run/netns"));

    ToolResult result =
        RealTools.keepalivedCheck(GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11/24", CHECK_SCRIPT_FILES);

    assertThat(result.isClean()).as(result::toString).isTrue();
    assertThat(listDirectory(Path.of("/etc/keepalived"))).isEqualTo(hostFilesBefore);
    assertThat(listDirectory(Path.of("/run/netns"))).isEqualTo(namespacesBefore);
  }

  @Test
  void keepalivedCheck_invalidInterfaceNameRejected() {
    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF, "eth0; reboot", "10.0.0.11/24", CHECK_SCRIPT_FILES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid interface name 'eth0; reboot'");
    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF, "interface-name-16", "10.0.0.11/24", CHECK_SCRIPT_FILES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid interface name");
  }

  @Test
  void keepalivedCheck_invalidAddressRejected() {
    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11", CHECK_SCRIPT_FILES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid interface address '10.0.0.11'");
  }

  @Test
  void keepalivedCheck_relativeOrReservedPathRejected() {
    ScriptFile script = ScriptFile.executable(CHECK_SCRIPT);

    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF, "eth0", "10.0.0.11/24", Map.of("check.sh", script)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be absolute");
    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF,
                    "eth0",
                    "10.0.0.11/24",
                    Map.of("/etc/keepalived/../passwd", script)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("normalized");
    assertThatThrownBy(
            () ->
                RealTools.keepalivedCheck(
                    GOOD_KEEPALIVED_CONF,
                    "eth0",
                    "10.0.0.11/24",
                    Map.of(RealTools.KEEPALIVED_CONF_PATH, script)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void scriptFile_modeAbove0777Rejected() {
    assertThatThrownBy(() -> new ScriptFile(CHECK_SCRIPT, 01755))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("01755");
  }

  @Test
  void assumeOrRequire_missingToolFailsWhenRequired() {
    String previous = System.getProperty(RealTools.REQUIRE_TOOLS_PROPERTY);
    System.setProperty(RealTools.REQUIRE_TOOLS_PROPERTY, "true");
    try {
      assertThatThrownBy(() -> RealTools.assumeOrRequire(false, "haproxy"))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("haproxy is not available")
          .hasMessageContaining("apt-get install -y haproxy keepalived");
    } finally {
      restoreProperty(previous);
    }
  }

  @Test
  void assumeOrRequire_missingToolSkipsByDefault() {
    String previous = System.getProperty(RealTools.REQUIRE_TOOLS_PROPERTY);
    System.clearProperty(RealTools.REQUIRE_TOOLS_PROPERTY);
    try {
      assertThatThrownBy(() -> RealTools.assumeOrRequire(false, "keepalived"))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("keepalived is not available")
          .hasMessageContaining("apt-get install -y haproxy keepalived");
    } finally {
      restoreProperty(previous);
    }
  }

  @Test
  void assumeOrRequire_availableToolContinues() {
    String previous = System.getProperty(RealTools.REQUIRE_TOOLS_PROPERTY);
    System.setProperty(RealTools.REQUIRE_TOOLS_PROPERTY, "true");
    try {
      RealTools.assumeOrRequire(true, "haproxy");
    } finally {
      restoreProperty(previous);
    }
  }

  // Fails the test when the edit does not apply, so a mutated configuration always differs.
  private static String replaceOnce(String text, String target, String replacement) {
    assertThat(text).containsOnlyOnce(target);
    return text.replace(target, replacement);
  }

  private static List<String> listDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(Path::toString).sorted().toList();
    }
  }

  private static void restoreProperty(String previous) {
    if (previous == null) {
      System.clearProperty(RealTools.REQUIRE_TOOLS_PROPERTY);
    } else {
      System.setProperty(RealTools.REQUIRE_TOOLS_PROPERTY, previous);
    }
  }
}
