package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optional Bedrock triage is off unless its parameter is set, reaches every function that
 * triages comments, and is granted only when set and only on the model it names. Its code is a
 * layer, published and attached under the same condition, so the function jars stay without it.
 */
class BedrockTriageContractTest {
    private static final String PARAMETER = "BedrockModelId";
    private static final String CONDITION = "HasBedrockModel";
    private static final String VARIABLE = "BEDROCK_MODEL_ID";
    /** Where comments are triaged: a function that builds the ingestion passes it a triager. */
    private static final Pattern TRIAGES_COMMENTS = Pattern.compile("new\\s+EngagementIngestion\\s*\\(");
    private static final Map<String, Object> MODEL_ARN = Map.of("Fn::Sub",
            "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${" + PARAMETER + "}");
    private static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");
    private static final String LAYER = "BedrockTriageLayer";

    static Stream<Template.Function> functions() {
        return Template.load().functions().stream();
    }

    @Test
    void theParameterIsOffByDefaultAndTakesOnlyAModelId() {
        Map<String, Object> parameter = Template.map(Template.map(Template.load().document.get("Parameters")).get(PARAMETER));
        assertEquals("String", parameter.get("Type"));
        assertEquals("", parameter.get("Default"), "empty means off, and off is the default");
        Pattern allowed = Pattern.compile(String.valueOf(parameter.get("AllowedPattern")));

        for (String id : List.of("", "amazon.nova-lite-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-micro-v1:0")) {
            assertTrue(allowed.matcher(id).matches(), () -> "a model id the parameter must accept: " + id);
        }
        // A wildcard or a path would widen the IAM grant built from the parameter.
        for (String id : List.of("*", "amazon.*", "amazon.nova-lite-v1:0/*", "arn:aws:bedrock:us-east-1::foundation-model/x", " amazon.nova-lite-v1:0")) {
            assertFalse(allowed.matcher(id).matches(), () -> "a value the parameter must refuse: " + id);
        }
    }

    @Test
    void theConditionIsTheParameterBeingSet() {
        Object condition = Template.map(Template.load().document.get("Conditions")).get(CONDITION);

        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", PARAMETER), "")))), condition);
    }

    @Test
    void theFunctionsThatTriageCommentsAreTheOnesThatGetTheModelId() {
        List<String> triaging = functions().filter(f -> !JavaSources.of(f.moduleDir()).filesContaining(TRIAGES_COMMENTS).isEmpty())
                .map(Template.Function::logicalId).sorted().toList();
        List<String> configured = functions().filter(f -> f.environment().containsKey(VARIABLE))
                .map(Template.Function::logicalId).sorted().toList();

        assertEquals(List.of("CollectEngagementFunction", "PlatformWebhookFunction"), triaging);
        assertEquals(triaging, configured);
        functions().filter(f -> configured.contains(f.logicalId())).forEach(f ->
                assertEquals(Map.of("Ref", PARAMETER), f.environment().get(VARIABLE), () -> f + ": " + VARIABLE + " must be the parameter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void bedrockIsGrantedOnlyWhenSetAndOnlyOnThatModel(Template.Function function) {
        List<Map<String, Object>> conditional = new ArrayList<>();
        for (Object policy : function.policies()) {
            for (Object entry : Template.list(Template.map(policy).get("Statement"))) {
                Map<String, Object> statement = Template.map(entry);
                if (statement.containsKey("Fn::If")) {
                    List<Object> branches = Template.list(statement.get("Fn::If"));
                    if (grantsBedrock(Template.map(branches.get(1))) || grantsBedrock(Template.map(branches.get(2)))) {
                        assertEquals(CONDITION, branches.get(0), () -> function + ": Bedrock granted under another condition");
                        assertEquals(NO_VALUE, branches.get(2), () -> function + ": Bedrock granted when the parameter is empty");
                        conditional.add(Template.map(branches.get(1)));
                    }
                } else {
                    assertFalse(grantsBedrock(statement), () -> function + ": Bedrock granted without the condition " + CONDITION);
                }
            }
        }

        if (!function.environment().containsKey(VARIABLE)) {
            assertTrue(conditional.isEmpty(), () -> function + " does not triage comments but is granted Bedrock");
            return;
        }
        assertEquals(1, conditional.size(), () -> function + ": one conditional Bedrock statement expected");
        Map<String, Object> statement = conditional.getFirst();
        assertEquals("Allow", statement.get("Effect"));
        assertEquals(List.of("bedrock:InvokeModel"), Template.list(statement.get("Action")), "Converse needs InvokeModel, nothing more");
        assertEquals(List.of(MODEL_ARN), Template.list(statement.get("Resource")));
        assertNotNull(statement.get("Sid"));
    }

    @Test
    void theLayerIsBuiltByItsMakefileForTheFunctionsRuntimeAndArchitectureAndOnlyWhenSet() {
        Template template = Template.load();
        Template.Layer layer = template.layers().stream().filter(l -> l.logicalId().equals(LAYER)).findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no " + Template.SERVERLESS_LAYER + " " + LAYER));
        Map<String, Object> globals = Template.map(Template.map(template.document.get("Globals")).get("Function"));

        assertEquals(CONDITION, layer.condition(), "the layer is published only when the model is set");
        assertEquals(List.of(globals.get("Runtime")), Template.list(layer.properties().get("CompatibleRuntimes")));
        assertEquals(List.of("java25"), Template.list(layer.properties().get("CompatibleRuntimes")));
        assertEquals(Template.list(globals.get("Architectures")), Template.list(layer.properties().get("CompatibleArchitectures")));
        Map<String, Object> metadata = Template.map(layer.resource().get("Metadata"));
        assertEquals("makefile", metadata.get("BuildMethod"), "built by the project's Maven build, as the functions are");
        Path makefile = layer.moduleDir().resolve("Makefile");
        assertTrue(Files.isRegularFile(makefile), () -> "no " + makefile);
        String rules = Template.read(makefile);
        assertTrue(Pattern.compile("(?m)^build-" + LAYER + ":").matcher(rules).find(), () -> makefile + " has no target build-" + LAYER);
        assertTrue(rules.contains("$(ARTIFACTS_DIR)/java/lib"), () -> makefile + ": a Java layer's jars go to java/lib (/opt/java/lib)");
        assertTrue(Files.isRegularFile(layer.moduleDir().resolve("pom.xml")), () -> layer + ": ContentUri must be a Maven module");
    }

    /** Exactly the functions that get the model id get the layer, and only when the model is set. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theLayerIsAttachedUnderTheConditionToTheFunctionsThatGetTheModelId(Template.Function function) {
        if (!function.environment().containsKey(VARIABLE)) {
            assertFalse(String.valueOf(function.layers()).contains(LAYER), () -> function + " does not triage comments but gets " + LAYER);
            return;
        }
        assertEquals(Map.of("Fn::If", List.of(CONDITION, List.of(Map.of("Ref", LAYER)), NO_VALUE)), function.layers(),
                () -> function + ": Layers must be !If [" + CONDITION + ", [!Ref " + LAYER + "], !Ref AWS::NoValue]");
    }

    private static boolean grantsBedrock(Map<String, Object> statement) {
        return Template.list(statement.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("bedrock:"));
    }
}
