package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.template.Template;

/**
 * Every {@code AWS::Serverless::*} resource of template.yaml, and its Globals, against the SAM
 * specification's own JSON schema (draft-04). The schema keeps one definition per resource type
 * ({@code ..._aws_serverless_function__Resource}, ...), named by the {@code Type} enum inside it;
 * each resource is validated against the definition of its type, so errors name the real problem
 * instead of the anyOf over all resource kinds at the schema's root.
 */
class SamSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Vendored with its licence and provenance (sam-schema/README.md in this module's test resources). */
    private static final String SCHEMA_RESOURCE = "/sam-schema/sam.schema.json";
    private static final ObjectNode SCHEMA = readSchema();
    private static final Map<String, String> DEFINITION_BY_TYPE = definitionsByType();
    private static final Map<String, JsonSchema> VALIDATORS = new HashMap<>();

    static Stream<Arguments> serverlessResources() {
        Map<String, Object> resources = Template.load().resources();
        return resources.entrySet().stream()
                .filter(e -> String.valueOf(Template.map(e.getValue()).get("Type")).startsWith("AWS::Serverless::"))
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverlessResources")
    void serverlessResourceMatchesTheSamSchema(String logicalId, Map<String, Object> resource) {
        Set<ValidationMessage> errors = validate(resource);

        assertTrue(errors.isEmpty(), () -> logicalId + " breaks the SAM schema:\n" + describe(errors));
    }

    @Test
    void templateHasServerlessResourcesToCheck() {
        assertTrue(serverlessResources().findAny().isPresent(), "no AWS::Serverless::* resource in template.yaml");
    }

    @Test
    void globalsMatchTheSamSchema() {
        Object globals = Template.load().document.get("Globals");
        assertNotNull(globals, "template.yaml has no Globals");

        Set<ValidationMessage> errors = validator("__main____Globals").validate(JSON.valueToTree(globals));

        assertTrue(errors.isEmpty(), () -> "Globals break the SAM schema:\n" + describe(errors));
    }

    @Test
    void aFunctionWithAWrongPropertyTypeIsRejected() {
        Map<String, Object> broken = copyOfFirstFunction();
        Map<String, Object> properties = new LinkedHashMap<>(Template.map(broken.get("Properties")));
        properties.put("EventInvokeConfig", Map.of("MaximumRetryAttempts", "twice"));
        broken.put("Properties", properties);

        Set<ValidationMessage> errors = validate(broken);

        assertFalse(errors.isEmpty(), "a string MaximumRetryAttempts must break the schema");
        assertTrue(describe(errors).contains("MaximumRetryAttempts"), () -> describe(errors));
    }

    @Test
    void aFunctionWithAnUnknownPropertyIsRejected() {
        Map<String, Object> broken = copyOfFirstFunction();
        Map<String, Object> properties = new LinkedHashMap<>(Template.map(broken.get("Properties")));
        properties.put("Handlr", "socialdesk.Nothing::handleRequest");
        broken.put("Properties", properties);

        Set<ValidationMessage> errors = validate(broken);

        assertTrue(describe(errors).contains("Handlr"), () -> "a misspelt property must break the schema: " + describe(errors));
    }

    @Test
    void globalsWithAnUnknownSectionAreRejected() {
        Set<ValidationMessage> errors = validator("__main____Globals")
                .validate(JSON.valueToTree(Map.of("Functions", Map.of("Timeout", 3))));

        assertFalse(errors.isEmpty(), "Globals.Functions (for Function) must break the schema");
    }

    private static Map<String, Object> copyOfFirstFunction() {
        Map<String, Map<String, Object>> functions = Template.load().resourcesOfType(Template.SERVERLESS_FUNCTION);
        assertFalse(functions.isEmpty(), "no function in template.yaml");
        Map<String, Object> function = functions.values().iterator().next();
        assertTrue(validate(function).isEmpty(), "the function used for the negative tests must be valid itself");
        return new LinkedHashMap<>(function);
    }

    private static Set<ValidationMessage> validate(Map<String, Object> resource) {
        String type = String.valueOf(resource.get("Type"));
        String definition = DEFINITION_BY_TYPE.get(type);
        assertNotNull(definition, () -> "the SAM schema has no definition for " + type);
        return validator(definition).validate(JSON.valueToTree(resource));
    }

    /** A schema whose root is one definition of the SAM schema, with all definitions beside it for its $refs. */
    private static synchronized JsonSchema validator(String definition) {
        return VALIDATORS.computeIfAbsent(definition, name -> {
            assertTrue(SCHEMA.path("definitions").has(name), () -> "the SAM schema has no definition " + name);
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", SCHEMA.path("$schema").asText());
            root.put("$ref", "#/definitions/" + name);
            root.set("definitions", SCHEMA.get("definitions"));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
        });
    }

    private static Map<String, String> definitionsByType() {
        Map<String, String> byType = new HashMap<>();
        SCHEMA.path("definitions").properties().forEach(entry -> {
            JsonNode types = entry.getValue().path("properties").path("Type").path("enum");
            if (entry.getKey().endsWith("__Resource") && types.size() == 1) {
                byType.put(types.get(0).asText(), entry.getKey());
            }
        });
        assertTrue(byType.containsKey(Template.SERVERLESS_FUNCTION), "the SAM schema's layout changed: no Function definition");
        return byType;
    }

    private static ObjectNode readSchema() {
        try (InputStream schema = SamSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertNotNull(schema, () -> "the SAM schema is expected on the test classpath at " + SCHEMA_RESOURCE);
            return (ObjectNode) JSON.readTree(schema);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    private static String describe(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    }
}
