package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.template.Template;

/**
 * The local stack puts a layer's jars on a function's class path exactly when the template attaches
 * the layer with the stack's parameters: the repository's template.yaml, copied into a folder where
 * the Bedrock triage layer's build output is a file of our own.
 */
class LocalLayerJarsTest {
    @TempDir
    Path root;

    private Template template() throws IOException {
        Files.copy(Template.ROOT.resolve("template.yaml"), root.resolve("template.yaml"));
        return Template.load(root);
    }

    private static TemplateValues values(Template template, String modelId) {
        Map<String, String> refs = new LinkedHashMap<>();
        Template.map(template.document.get("Parameters")).forEach((name, definition) ->
                refs.put(name, String.valueOf(Template.map(definition).getOrDefault("Default", ""))));
        refs.put("BedrockModelId", modelId);
        template.layers().forEach(layer -> refs.put(layer.logicalId(), LocalDesk.layerArn("eu-west-1", layer.logicalId())));
        return new TemplateValues(template, refs, Map.of());
    }

    private static Template.Function function(Template template, String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    @Test
    void withTheDefaultsNoFunctionGetsALayer() throws IOException {
        Template template = template();
        TemplateValues defaults = values(template, "");
        for (Template.Function function : template.functions()) {
            assertEquals(List.of(), LocalDesk.layerJars(template, function, defaults), function.logicalId());
        }
    }

    @Test
    void withAModelIdTheFunctionsThatTriageGetTheLayersJars() throws IOException {
        Template template = template();
        Path lib = Files.createDirectories(root.resolve("layers/bedrock-triage/target/layer/java/lib"));
        Path jar = Files.writeString(lib.resolve("bedrock-triage.jar"), "the layer's jar");
        TemplateValues model = values(template, "amazon.nova-lite-v1:0");

        assertEquals(List.of(jar), LocalDesk.layerJars(template, function(template, "PlatformWebhookFunction"), model));
        assertEquals(List.of(jar), LocalDesk.layerJars(template, function(template, "CollectEngagementFunction"), model));
        assertEquals(List.of(), LocalDesk.layerJars(template, function(template, "PostsApiFunction"), model));
    }

    @Test
    void anUnbuiltLayerSaysHowToBuildIt() throws IOException {
        Template template = template();
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                LocalDesk.layerJars(template, function(template, "PlatformWebhookFunction"), values(template, "amazon.nova-lite-v1:0")));
        assertTrue(e.getMessage().contains("mvn -pl layers/bedrock-triage -am package"), e.getMessage());
    }
}
