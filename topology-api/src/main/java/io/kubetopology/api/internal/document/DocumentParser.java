package io.kubetopology.api.internal.document;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses document text into a node tree with line and column marks. YAML 1.2 reads JSON too, so one
 * parser serves both. It rejects what does not belong in a configuration file: more than one
 * document, anchors and aliases, and tags other than the core schema's.
 */
final class DocumentParser {
  private static final Set<Tag> CORE_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  private DocumentParser() {}

  /** Returns the root node, or empty after reporting why the text cannot be used. */
  static Optional<Node> parse(String text, String source, long maxBytes, Problems problems) {
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      problems.addDocumentLevel(
          "document has "
              + size
              + " bytes, more than the limit of "
              + maxBytes
              + "; split the topology or raise the reader's maxBytes");
      return Optional.empty();
    }
    Optional<Node> root = compose(text, source, problems);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    checkNodes(root.get(), "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
    return problems.isEmpty() ? root : Optional.empty();
  }

  private static Optional<Node> compose(String text, String source, Problems problems) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source)
            .setAllowDuplicateKeys(true) // duplicates are reported with their field path instead
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(50)
            .setCodePointLimit(Integer.MAX_VALUE)
            .build();
    try {
      Iterator<Node> documents =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      if (!documents.hasNext()) {
        problems.addDocumentLevel("document is empty; start with apiVersion and kind");
        return Optional.empty();
      }
      Node root = documents.next();
      if (documents.hasNext()) {
        problems.add(documents.next(), "", "only one document is allowed; remove the second");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (MarkedYamlEngineException e) {
      problems.add(e.getProblemMark().orElse(null), "", "invalid YAML: " + e.getProblem());
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.addDocumentLevel("invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void checkNodes(Node node, String path, Problems problems, Set<Node> seen) {
    if (!seen.add(node) || node.getAnchor().isPresent()) {
      problems.add(node, path, "anchors and aliases are not allowed; write the value out");
      return;
    }
    if (!CORE_TAGS.contains(node.getTag())) {
      problems.add(node, path, "tag '" + node.getTag() + "' is not allowed; remove it");
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        checkNodes(tuple.getKeyNode(), path, problems, seen);
        checkNodes(tuple.getValueNode(), path, problems, seen);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node element : sequence.getValue()) {
        checkNodes(element, path, problems, seen);
      }
    }
  }
}
