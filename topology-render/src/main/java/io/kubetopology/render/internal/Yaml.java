package io.kubetopology.render.internal;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one YAML writer of the render module. Jackson mappers are thread safe once built, so a single
 * instance serves every renderer and thread.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          // A name such as 123 or 1e3 must stay a string when kubeadm or kubelet reads it back.
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private Yaml() {}

  /**
   * Writes {@code value} (a fabric8 object, or maps, lists and scalars) as one YAML document ending
   * in a newline. Map entries keep their insertion order.
   */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Reads a YAML document into an object of {@code type}; used to read rendered files back. */
  public static <T> T read(String yaml, Class<T> type) {
    return MAPPER.readValue(yaml, type);
  }
}
