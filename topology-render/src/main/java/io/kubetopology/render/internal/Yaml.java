package io.kubetopology.render.internal;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one YAML writer of the render module. It writes the map trees that the renderers build
 * directly, in block style with two-space indents and sequence items indented under their key, the
 * layout of Jackson's YAML writer with {@code INDENT_ARRAYS_WITH_INDICATOR}. Strings are quoted as
 * {@link YamlScalars} decides. Stateless and thread safe.
 */
public final class Yaml {
  private static final int INDENT = 2;

  private Yaml() {}

  /**
   * Writes {@code tree} as one YAML document ending in a newline. The tree contains maps with
   * string keys, lists, strings, integers, booleans and nulls; map entries keep their iteration
   * order.
   *
   * @throws IllegalArgumentException if the tree contains another type, such as a fabric8 object
   *     (turn a Pod into a tree with {@link PodTrees#toTree} first) or a map key that is no string
   */
  public static String write(Object tree) {
    StringBuilder out = new StringBuilder(1024);
    if (isNonEmptyMap(tree)) {
      appendMap(out, (Map<?, ?>) tree, 0, false);
    } else if (isNonEmptyList(tree)) {
      appendList(out, (List<?>) tree, 0, false);
    } else {
      appendInlineValue(out, tree);
      out.append('\n');
    }
    return out.toString();
  }

  /** Reads a YAML document into an object of {@code type}; used to read rendered files back. */
  public static <T> T read(String yaml, Class<T> type) {
    return Reader.MAPPER.readValue(yaml, type);
  }

  /**
   * Appends the entries of {@code map}, each key at column {@code indent}. With {@code firstInline}
   * the first key continues the current line, after a sequence item's {@code "- "}.
   */
  private static void appendMap(StringBuilder out, Map<?, ?> map, int indent, boolean firstInline) {
    boolean inline = firstInline;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!inline) {
        appendIndent(out, indent);
      }
      inline = false;
      appendKey(out, entry.getKey());
      appendMapValue(out, entry.getValue(), indent);
    }
  }

  private static void appendMapValue(StringBuilder out, Object value, int indent) {
    if (isNonEmptyMap(value)) {
      out.append(":\n");
      appendMap(out, (Map<?, ?>) value, indent + INDENT, false);
    } else if (isNonEmptyList(value)) {
      out.append(":\n");
      appendList(out, (List<?>) value, indent + INDENT, false);
    } else {
      out.append(": ");
      appendInlineValue(out, value);
      out.append('\n');
    }
  }

  /** Appends the items of {@code list}, each {@code "- "} at column {@code indent}. */
  private static void appendList(StringBuilder out, List<?> list, int indent, boolean firstInline) {
    boolean inline = firstInline;
    for (Object item : list) {
      if (!inline) {
        appendIndent(out, indent);
      }
      inline = false;
      out.append("- ");
      appendListItem(out, item, indent + INDENT);
    }
  }

  private static void appendListItem(StringBuilder out, Object item, int itemIndent) {
    if (isNonEmptyMap(item)) {
      appendMap(out, (Map<?, ?>) item, itemIndent, true);
    } else if (isNonEmptyList(item)) {
      appendList(out, (List<?>) item, itemIndent, true);
    } else {
      appendInlineValue(out, item);
      out.append('\n');
    }
  }

  private static void appendKey(StringBuilder out, Object key) {
    if (!(key instanceof String name)) {
      throw new IllegalArgumentException(
          "invalid YAML map key '"
              + key
              + "': it is a "
              + (key == null ? "null" : key.getClass().getName())
              + ", so build trees with string keys only");
    }
    YamlScalars.appendString(out, name);
  }

  /** Appends a scalar, or an empty map or list in flow style, without a line end. */
  private static void appendInlineValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      YamlScalars.appendString(out, text);
    } else if (isIntegral(value) || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?>) {
      out.append("{}");
    } else if (value instanceof List<?>) {
      out.append("[]");
    } else {
      throw new IllegalArgumentException(
          "cannot write a "
              + value.getClass().getName()
              + " as YAML: build trees of maps, lists, strings, integers and booleans only");
    }
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte;
  }

  private static boolean isNonEmptyMap(Object value) {
    return value instanceof Map<?, ?> map && !map.isEmpty();
  }

  private static boolean isNonEmptyList(Object value) {
    return value instanceof List<?> list && !list.isEmpty();
  }

  private static void appendIndent(StringBuilder out, int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }

  /** Holds the Jackson mapper for {@link #read}, so that writing never loads Jackson. */
  private static final class Reader {
    private static final ObjectMapper MAPPER =
        YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
  }
}
