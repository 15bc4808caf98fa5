package io.kubetopology.api;

import io.kubetopology.api.internal.document.DocumentReader;
import io.kubetopology.api.internal.document.DocumentWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes topology documents: the same model as the DSL, as YAML or JSON, with {@code
 * apiVersion: kubetopology.io/v1alpha1} and {@code kind: ClusterTopology}.
 *
 * <pre>{@code
 * ClusterTopology topology = TopologyDocuments.reader().read(Path.of("prod-eu1.yaml"));
 * String yaml = TopologyDocuments.writer().toYaml(topology);
 * }</pre>
 *
 * <p>Reading is strict: an unknown field (with the closest known one suggested), a wrong type, a
 * missing required field, a duplicate key, a malformed address or CIDR, an anchor, an alias or a
 * custom tag is an error that names the source, line, column and field path. All problems of a
 * document are reported together, in one {@link TopologyDocumentException}.
 */
public final class TopologyDocuments {
  /** The default size limit of a document: 1 MiB. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

  private TopologyDocuments() {}

  /**
   * Returns the JSON Schema (draft 2020-12) of topology documents, the one shipped in this jar as
   * {@code io/kubetopology/api/topology.schema.json}, for editors and pipeline checks.
   */
  public static String jsonSchema() {
    try (InputStream in = TopologyDocuments.class.getResourceAsStream("topology.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("topology.schema.json is missing from topology-api");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a reader with the default size limit. */
  public static Reader reader() {
    return new Reader(DEFAULT_MAX_BYTES);
  }

  /** Returns a writer that leaves defaults out. */
  public static Writer writer() {
    return new Writer(false);
  }

  /** Reads topology documents. Immutable and thread safe. */
  public static final class Reader {
    private final long maxBytes;

    private Reader(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    /**
     * Returns a reader that rejects documents larger than {@code maxBytes} before parsing them.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public Reader maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException(
            "maxBytes '" + maxBytes + "' must be positive: give the largest document size");
      }
      return new Reader(maxBytes);
    }

    /**
     * Reads the YAML or JSON document at {@code path}.
     *
     * @throws IOException if the file cannot be read
     * @throws TopologyDocumentException if the document has problems
     */
    public ClusterTopology read(Path path) throws IOException {
      if (Files.size(path) > maxBytes) {
        throw new TopologyDocumentException(
            java.util.List.of(
                new DocumentProblem(
                    path.toString(),
                    0,
                    0,
                    "",
                    "document has "
                        + Files.size(path)
                        + " bytes, more than the limit of "
                        + maxBytes
                        + "; split the topology or raise the reader's maxBytes")));
      }
      return read(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Reads a YAML or JSON document from text; {@code source} names it in messages.
     *
     * @throws TopologyDocumentException if the document has problems
     */
    public ClusterTopology read(String text, String source) {
      return DocumentReader.read(text, source, maxBytes);
    }
  }

  /** Writes topology documents deterministically. Immutable and thread safe. */
  public static final class Writer {
    private static final YAMLMapper YAML =
        YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final ObjectWriter JSON =
        JsonMapper.builder()
            .build()
            .writer()
            .with(
                new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final boolean includeDefaults;

    private Writer(boolean includeDefaults) {
      this.includeDefaults = includeDefaults;
    }

    /** Returns a writer that also writes every attribute that has its default value. */
    public Writer includeDefaults() {
      return new Writer(true);
    }

    /**
     * Returns the topology as a YAML document. Secrets given in the topology are written too, so
     * treat the text as secret when the topology contains any.
     */
    public String toYaml(ClusterTopology topology) {
      return YAML.writeValueAsString(DocumentWriter.toTree(topology, includeDefaults));
    }

    /** Returns the topology as a JSON document, with the same content as {@link #toYaml}. */
    public String toJson(ClusterTopology topology) {
      return JSON.writeValueAsString(DocumentWriter.toTree(topology, includeDefaults)) + "\n";
    }
  }
}
