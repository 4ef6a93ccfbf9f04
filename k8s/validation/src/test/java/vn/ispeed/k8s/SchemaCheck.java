package vn.ispeed.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates rendered objects against the vendored schemas (src/test/resources/schemas, see SOURCES.md there): the
 * OpenAPI definitions of Kubernetes 1.34 for built-in kinds, the released CRDs' schemas for the operators' kinds,
 * and Kubernetes' ObjectMeta for every object's metadata. An object of a kind with no schema is an error too.
 */
final class SchemaCheck {
    static final List<String> FILES = List.of("kubernetes-1.34", "strimzi-1.2.0", "cloudnative-pg-1.30.0", "keycloak-operator-26.0.0",
            "gateway-api-1.6.1", "envoy-gateway-1.9.0", "keda-2.20.2", "prometheus-operator-0.93.0");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<String, JsonNode> schemaNodes = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();
    private final JsonSchema objectMeta;

    SchemaCheck() {
        JsonNode kubernetes = read("kubernetes-1.34");
        JsonNode definitions = kubernetes.get("definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = kubernetes.get("kinds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            schemaNodes.put(e.getKey(), withDefinitions(definitions, e.getValue().asText()));
        }
        objectMeta = factory.getSchema(withDefinitions(definitions, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
        for (String file : FILES.subList(1, FILES.size())) {
            read(file).get("kinds").fields().forEachRemaining(e -> schemaNodes.put(e.getKey(), e.getValue()));
        }
    }

    /** What is wrong with this object, one line per finding; empty when it is valid. */
    List<String> check(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        List<String> problems = new ArrayList<>();
        JsonNode node = schemaNodes.get(key);
        if (node == null) {
            problems.add(Manifests.name(object) + ": no schema for " + key + "");
            return problems;
        }
        JsonSchema schema = compiled.computeIfAbsent(key, k -> factory.getSchema(node));
        for (ValidationMessage m : schema.validate(object)) {
            problems.add(Manifests.name(object) + ": " + m.getMessage());
        }
        for (ValidationMessage m : objectMeta.validate(object.path("metadata"))) {
            problems.add(Manifests.name(object) + ": metadata: " + m.getMessage());
        }
        return problems;
    }

    private static JsonNode withDefinitions(JsonNode definitions, String name) {
        ObjectNode root = Manifests.JSON.createObjectNode();
        root.put("$ref", "#/definitions/" + name);
        root.set("definitions", definitions);
        return root;
    }

    private static JsonNode read(String name) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/schemas/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing schema file schemas/" + name + ".json");
            }
            return Manifests.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
