package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

class JsonTest {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** The Jackson writer the render module wrote bundle.json with before it had its own writer. */
  private static final ObjectWriter JACKSON_WRITER =
      MAPPER
          .writer()
          .with(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  @Test
  void write_layout() {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", "RUNBOOK.md");
    file.put("secret", false);
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", "prod-eu1");
    tree.put("files", List.of(file));
    tree.put("roles", List.of());
    tree.put("extra", Map.of());
    tree.put("count", 3);

    assertThat(Json.write(tree))
        .isEqualTo(
            """
            {
              "name" : "prod-eu1",
              "files" : [
                {
                  "path" : "RUNBOOK.md",
                  "secret" : false
                }
              ],
              "roles" : [ ],
              "extra" : { },
              "count" : 3
            }
            """);
  }

  @Test
  void write_sameTextAsJackson() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put(
        "escapes", "quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 del \u007f");
    tree.put("unicode", "caf\u00e9 \u4e2d \ud83d\ude00 / <>");
    tree.put("nested", List.of(List.of(1L, true), Map.of("a", List.of())));

    assertThat(Json.write(tree)).isEqualTo(JACKSON_WRITER.writeValueAsString(tree) + "\n");
  }

  @Test
  void write_anyStringReadsBackUnchanged() {
    for (long seed = 0; seed < 500; seed++) {
      String value = YamlTest.randomString(new Random(seed), 16);
      if (!YamlTest.hasNoUnpairedSurrogate(value)) {
        continue;
      }
      Map<String, Object> tree = Map.of("value", value);

      assertThat(MAPPER.readValue(Json.write(tree), Map.class)).as("seed %d", seed).isEqualTo(tree);
    }
  }

  @Test
  void write_unsupportedValue_rejected() {
    assertThatThrownBy(() -> Json.write(List.of(1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot write a java.lang.Double as JSON: build trees of maps, lists, strings,"
                + " integers and booleans only");
  }
}
