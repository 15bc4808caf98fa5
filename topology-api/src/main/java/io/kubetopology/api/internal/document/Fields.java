package io.kubetopology.api.internal.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The fields of one mapping in a document, read by name with their types checked. Unknown and
 * duplicate keys are reported when the mapping is opened; a field of the wrong type is reported
 * when it is read. Every read returns empty after reporting, so the reader goes on and reports all
 * problems of a document at once.
 */
final class Fields {
  private final Node node;
  private final String path;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private Fields(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Opens {@code node} as a mapping whose keys must be among {@code known}; returns empty after
   * reporting a problem if it is not a mapping.
   */
  static Optional<Fields> open(Node node, String path, Set<String> known, Problems problems) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node, path, "expected a mapping of fields, got " + describe(node));
      return Optional.empty();
    }
    Fields fields = new Fields(node, path, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      fields.addEntry(tuple, known);
    }
    return Optional.of(fields);
  }

  private void addEntry(NodeTuple tuple, Set<String> known) {
    Node keyNode = tuple.getKeyNode();
    if (!(keyNode instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
      problems.add(keyNode, path, "field names must be plain strings, got " + describe(keyNode));
      return;
    }
    String name = key.getValue();
    if (entries.containsKey(name)) {
      problems.add(keyNode, child(name), "duplicate field '" + name + "'; keep only one");
    } else if (!known.contains(name)) {
      problems.add(keyNode, child(name), unknownFieldMessage(name, known));
    } else {
      entries.put(name, tuple);
    }
  }

  private static String unknownFieldMessage(String name, Set<String> known) {
    String message = "unknown field '" + name + "'";
    Optional<String> closest = Suggestions.closest(name, known);
    return closest
        .map(c -> message + "; did you mean '" + c + "'?")
        .orElse(message + "; known fields: " + String.join(", ", known));
  }

  /** Returns the path of the field {@code name} of this mapping. */
  String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Returns the mapping node itself, for problems about the whole mapping. */
  Node node() {
    return node;
  }

  /** Returns the path of this mapping. */
  String path() {
    return path;
  }

  /** Returns true if the field is present. */
  boolean has(String name) {
    return entries.containsKey(name);
  }

  /** Returns the names of the present fields, in document order. */
  Set<String> names() {
    return entries.keySet();
  }

  /** Returns the raw value node of a present field. */
  Optional<Node> value(String name) {
    return Optional.ofNullable(entries.get(name)).map(NodeTuple::getValueNode);
  }

  /** Reports a missing required field and returns empty, or returns the value node. */
  Optional<Node> required(String name) {
    Optional<Node> value = value(name);
    if (value.isEmpty()) {
      problems.add(node, child(name), "required field '" + name + "' is missing");
    }
    return value;
  }

  /** Reads a string field; numbers and booleans are rejected so that 1.30 never means 1.3. */
  Optional<String> string(String name) {
    return value(name).flatMap(value -> asString(value, child(name)));
  }

  /** Reads a required string field. */
  Optional<String> requiredString(String name) {
    return required(name).flatMap(value -> asString(value, child(name)));
  }

  /** Reads an integer field. */
  Optional<Integer> integer(String name) {
    return value(name).flatMap(value -> asInteger(value, child(name)));
  }

  /** Reads a boolean field. */
  Optional<Boolean> bool(String name) {
    return value(name).flatMap(value -> asBoolean(value, child(name)));
  }

  /** Reads a list of strings. */
  Optional<List<String>> strings(String name) {
    return value(name)
        .flatMap(value -> elements(value, child(name)))
        .map(items -> readElements(items, child(name), this::asString));
  }

  /**
   * Reads a string field that must be one of {@code choices}, reporting any other value with the
   * closest choice.
   */
  <T> Optional<T> choice(String name, Map<String, T> choices) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    T chosen = choices.get(text.get());
    if (chosen == null) {
      problems.add(
          value(name).orElseThrow(),
          child(name),
          "unknown value '"
              + text.get()
              + "'"
              + Suggestions.closest(text.get(), choices.keySet())
                  .map(c -> "; did you mean '" + c + "'?")
                  .orElse("; expected one of " + String.join(", ", choices.keySet())));
    }
    return Optional.ofNullable(chosen);
  }

  /** Reads a list of integers. */
  Optional<List<Integer>> integers(String name) {
    return value(name)
        .flatMap(value -> elements(value, child(name)))
        .map(items -> readElements(items, child(name), this::asInteger));
  }

  /** Reads a list of strings and applies {@code parse} to each, reporting each failure. */
  <T> Optional<List<T>> parsedList(String name, Function<String, T> parse) {
    return value(name)
        .flatMap(value -> elements(value, child(name)))
        .map(
            items ->
                readElements(
                    items,
                    child(name),
                    (item, itemPath) ->
                        asString(item, itemPath)
                            .flatMap(text -> parse(item, itemPath, text, parse))));
  }

  /** Reads a mapping of string keys to string values, keeping document order. */
  Optional<Map<String, String>> stringMap(String name) {
    Optional<Node> value = value(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof MappingNode mapping)) {
      problems.add(value.get(), child(name), "expected a mapping, got " + describe(value.get()));
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> key = asString(tuple.getKeyNode(), child(name));
      if (key.isPresent() && result.containsKey(key.get())) {
        problems.add(
            tuple.getKeyNode(),
            child(name) + "." + key.get(),
            "duplicate key '" + key.get() + "'; keep only one");
        continue;
      }
      Optional<String> entry = asString(tuple.getValueNode(), child(name) + "." + key.orElse("?"));
      if (key.isPresent() && entry.isPresent()) {
        result.put(key.get(), entry.get());
      }
    }
    return Optional.of(result);
  }

  /** Returns the elements of a sequence field, reporting a non-sequence value. */
  Optional<List<Node>> sequence(String name) {
    return value(name).flatMap(value -> elements(value, child(name)));
  }

  /** Applies {@code parse} to a string field, reporting its exception message as a problem. */
  <T> Optional<T> parsed(String name, Function<String, T> parse) {
    return string(name).flatMap(text -> parse(value(name).orElseThrow(), child(name), text, parse));
  }

  /** Applies {@code parse} to a required string field. */
  <T> Optional<T> requiredParsed(String name, Function<String, T> parse) {
    return requiredString(name)
        .flatMap(text -> parse(value(name).orElseThrow(), child(name), text, parse));
  }

  <T> Optional<T> parse(Node at, String atPath, String text, Function<String, T> parse) {
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      problems.add(at, atPath, e.getMessage());
      return Optional.empty();
    }
  }

  Optional<String> asString(Node value, String atPath) {
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return Optional.of(scalar.getValue());
    }
    problems.add(value, atPath, "expected a string, got " + describe(value) + quoteHint(value));
    return Optional.empty();
  }

  private Optional<Integer> asInteger(Node value, String atPath) {
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        return Optional.of(Integer.parseInt(scalar.getValue()));
      } catch (NumberFormatException e) {
        problems.add(value, atPath, "integer '" + scalar.getValue() + "' is out of range");
        return Optional.empty();
      }
    }
    problems.add(value, atPath, "expected an integer, got " + describe(value));
    return Optional.empty();
  }

  private Optional<Boolean> asBoolean(Node value, String atPath) {
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of(Boolean.parseBoolean(scalar.getValue()));
    }
    problems.add(value, atPath, "expected true or false, got " + describe(value));
    return Optional.empty();
  }

  private Optional<List<Node>> elements(Node value, String atPath) {
    if (value instanceof SequenceNode sequence) {
      return Optional.of(sequence.getValue());
    }
    problems.add(value, atPath, "expected a list, got " + describe(value));
    return Optional.empty();
  }

  private interface ElementReader<T> {
    Optional<T> read(Node node, String path);
  }

  private static <T> List<T> readElements(
      List<Node> items, String listPath, ElementReader<T> reader) {
    List<T> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      reader.read(items.get(i), listPath + "[" + i + "]").ifPresent(result::add);
    }
    return result;
  }

  private static String quoteHint(Node value) {
    return value instanceof ScalarNode ? "; put the value in quotes to make it a string" : "";
  }

  /** Describes a node's kind for a message: a number, true or false, a list, a mapping, ... */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    String value = ((ScalarNode) node).getValue();
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "the number " + value;
    }
    if (tag.equals(Tag.BOOL)) {
      return "the boolean " + value;
    }
    if (tag.equals(Tag.NULL)) {
      return "an empty value";
    }
    return "the string '" + value + "'";
  }
}
