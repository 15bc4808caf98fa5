package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubetopology.api.internal.document.DocumentFields;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TopologySchemaTest {
  private static final String SCHEMA_RESOURCE = "/io/kubetopology/api/topology.schema.json";

  private static JsonNode schemaTree() throws IOException {
    try (InputStream in = TopologySchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return JsonMapper.builder().build().readTree(in);
    }
  }

  static Schema schema() throws IOException {
    try (InputStream in = TopologySchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(in, InputFormat.JSON);
    }
  }

  /** Validates a document's text and returns the schema's complaints. */
  static List<Error> validate(String text, InputFormat format) throws IOException {
    return schema().validate(text, format);
  }

  @Test
  void schema_definesExactlyTheFieldsTheReaderAccepts() throws IOException {
    JsonNode definitions = schemaTree().get("$defs");

    for (Map.Entry<String, Set<String>> object : DocumentFields.all().entrySet()) {
      JsonNode definition = definitions.get(object.getKey());
      assertThat(definition).as("schema definition of " + object.getKey()).isNotNull();
      List<String> properties = new ArrayList<>(definition.get("properties").propertyNames());
      assertThat(properties).as(object.getKey()).containsExactlyElementsOf(object.getValue());
      assertThat(definition.get("additionalProperties").asBoolean())
          .as(object.getKey() + " additionalProperties")
          .isFalse();
    }
  }

  @Test
  void schema_listsTheReaderRoles() throws IOException {
    JsonNode roles = schemaTree().get("$defs").get("Node").get("properties").get("roles");
    List<String> names = new ArrayList<>();
    roles.get("items").get("enum").forEach(role -> names.add(role.asString()));

    assertThat(names).containsExactlyElementsOf(DocumentFields.roleNames());
  }

  @Test
  void schema_acceptsWrittenDocuments() throws IOException {
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("prod-eu1")
            .kubernetesVersion("v1.33.4")
            .addNodes(Node.controlPlane("cp-1", "10.0.0.11/24"), Node.worker("w-1", "10.0.0.21/24"))
            .apiEndpoint(ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100").build())
            .secrets(ClusterSecrets.builder().vrrpPassword("s3cret12").build())
            .build();

    assertThat(validate(TopologyDocuments.writer().toYaml(topology), InputFormat.YAML)).isEmpty();
    assertThat(
            validate(
                TopologyDocuments.writer().includeDefaults().toJson(topology), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void schema_rejectsUnknownField() throws IOException {
    String document =
        """
        apiVersion: kubetopology.io/v1alpha1
        kind: ClusterTopology
        name: dev
        kubernetesVersion: v1.33.4
        colour: blue
        """;

    assertThat(validate(document, InputFormat.YAML)).hasSize(1);
  }
}
