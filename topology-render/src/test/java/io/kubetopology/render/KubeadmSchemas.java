package io.kubetopology.render;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks rendered kubeadm and kubelet documents against the JSON Schemas (draft 2020-12) in {@code
 * src/test/resources/schemas}, chosen by each document's {@code apiVersion}.
 */
final class KubeadmSchemas {
  /** The schema file of each API version, under {@code /schemas/} on the test class path. */
  static final Map<String, String> SCHEMA_FILES =
      Map.of(
          "kubeadm.k8s.io/v1beta3", "kubeadm.k8s.io-v1beta3.schema.json",
          "kubeadm.k8s.io/v1beta4", "kubeadm.k8s.io-v1beta4.schema.json",
          "kubelet.config.k8s.io/v1beta1", "kubelet.config.k8s.io-v1beta1.schema.json");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final Map<String, Schema> SCHEMAS = loadSchemas();

  private KubeadmSchemas() {}

  private static Map<String, Schema> loadSchemas() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Map<String, Schema> schemas = new java.util.HashMap<>();
    SCHEMA_FILES.forEach(
        (apiVersion, file) -> {
          try (InputStream in = KubeadmSchemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
              throw new IllegalStateException("schema /schemas/" + file + " not found");
            }
            schemas.put(apiVersion, registry.getSchema(in));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return Map.copyOf(schemas);
  }

  /** Splits a multi-document YAML file at its {@code ---} lines and parses every document. */
  static List<JsonNode> documents(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\n")).map(YAML::readTree).toList();
  }

  /**
   * Validates every document of {@code yaml} against the schema of its {@code apiVersion} and
   * returns the violations as {@code kind: location message} lines; empty when all conform.
   *
   * @throws IllegalArgumentException if a document has an apiVersion without a schema
   */
  static List<String> violations(String yaml) {
    List<String> violations = new ArrayList<>();
    for (JsonNode document : documents(yaml)) {
      String apiVersion = document.path("apiVersion").asString("");
      Schema schema = SCHEMAS.get(apiVersion);
      if (schema == null) {
        throw new IllegalArgumentException(
            "no schema for apiVersion '" + apiVersion + "'; known: " + SCHEMA_FILES.keySet());
      }
      for (Error error : schema.validate(document)) {
        violations.add(document.path("kind").asString("") + ": " + error);
      }
    }
    return violations;
  }
}
