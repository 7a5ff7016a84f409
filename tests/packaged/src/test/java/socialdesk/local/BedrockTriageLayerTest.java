package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import socialdesk.template.Template;

/**
 * The functions that triage comments, from their real jars with BEDROCK_MODEL_ID set: without the
 * Bedrock triage layer they start (no class of it is linked) and say the local triage answers
 * alone; with the layer on the class path where the local stack puts it (from the template, the
 * parameter set) they find the model triage.
 */
class BedrockTriageLayerTest {
    private static final String MODEL = "amazon.nova-lite-v1:0";

    private static Template.Function function(String logicalId) {
        return Template.load().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    /** The layers' jars as the local stack finds them for this function with BedrockModelId set. */
    private static List<Path> layerJarsWithTheModelSet(Template.Function function) {
        Template template = Template.load();
        Map<String, String> refs = new LinkedHashMap<>();
        Template.map(template.document.get("Parameters")).forEach((name, definition) ->
                refs.put(name, String.valueOf(Template.map(definition).getOrDefault("Default", ""))));
        refs.put("BedrockModelId", MODEL);
        template.layers().forEach(layer -> refs.put(layer.logicalId(), LocalDesk.layerArn(LocalIdentity.DEFAULT_REGION, layer.logicalId())));
        return LocalDesk.layerJars(template, function, new TemplateValues(template, refs, Map.of()));
    }

    private static List<String> startAndStop(Template.Function function, Map<String, String> variables, List<Path> layerJars) {
        Path jar = function.moduleDir().resolve("target/function.jar");
        assertTrue(Files.isRegularFile(jar), "package the function first: " + jar);
        List<Path> classpath = new ArrayList<>(LocalDesk.runtimeJars(Template.ROOT));
        classpath.addAll(layerJars);
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put("BEDROCK_MODEL_ID", MODEL);
        // Nothing is called at init; were anything called, it would be refused here, never reach AWS.
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        String name = function.moduleDir().getFileName().toString();
        LocalFunction.Spec spec = new LocalFunction.Spec(name, function.handler(), jar, classpath, env, 512, Duration.ofSeconds(5),
                LocalFunction.Spec.currentJava(), LocalDesk.Options.DEFAULT_JVM_OPTIONS);
        List<String> console = new ArrayList<>();
        LocalFunction running = new LocalFunction(spec, line -> {
            synchronized (console) {
                console.add(line);
            }
        });
        try {
            running.start(Duration.ofSeconds(60));
            assertTrue(running.isAlive(), name + " stopped after init: " + console);
        } finally {
            running.close();
        }
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PlatformWebhookFunction, WEBHOOK_CREDENTIALS_PATH, /social-desk/webhooks",
            "CollectEngagementFunction, PLATFORM_CREDENTIALS_PATH, /social-desk/platforms"})
    void aModelIdWithoutTheLayerStartsOnTheLocalTriageAndWithItFindsTheModelTriage(String logicalId, String pathVariable, String path) {
        Template.Function function = function(logicalId);
        Map<String, String> variables = Map.of("TABLE_NAME", "t", "EVENT_BUS_NAME", "b", pathVariable, path);

        List<String> without = startAndStop(function, variables, List.of());
        assertTrue(without.stream().anyMatch(l -> l.contains("model triage unavailable") && l.contains("layer is not attached")), without.toString());
        assertFalse(without.stream().anyMatch(l -> l.contains("NoClassDefFoundError") || l.contains("VerifyError")), without.toString());

        List<Path> layer = layerJarsWithTheModelSet(function);
        assertEquals(List.of("bedrock-triage.jar"), layer.stream().map(p -> p.getFileName().toString()).toList());
        List<String> with = startAndStop(function, variables, layer);
        assertTrue(with.stream().anyMatch(l -> l.contains("\"model triage on\"") && l.contains("socialdesk.aws.bedrock.BedrockModelTriage")),
                with.toString());
    }
}
