package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.template.CfnYaml;
import socialdesk.template.Template;

/** Whole-template checks: references resolve, the table has the shape the code relies on, operations basics. */
class TemplateShapeTest {
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    @Test
    void shortFormTagsBecomeLongForms() {
        Map<String, Object> parsed = CfnYaml.parse("""
                A: !Ref Table
                B: !GetAtt Table.Arn
                C: !Sub "${Table.Arn}/index/*"
                D: !If [HasX, !Ref X, !Ref AWS::NoValue]
                E: !Not [!Equals [!Ref X, ""]]
                F: !Select [0, !Split [",", "a,b"]]
                G: !Join ["", [a, b]]
                """);

        assertEquals(Map.of("Ref", "Table"), parsed.get("A"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "Arn")), parsed.get("B"));
        assertEquals(Map.of("Fn::Sub", "${Table.Arn}/index/*"), parsed.get("C"));
        assertEquals(Map.of("Fn::If", List.of("HasX", Map.of("Ref", "X"), Map.of("Ref", "AWS::NoValue"))), parsed.get("D"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "X"), "")))), parsed.get("E"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))), parsed.get("F"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of("a", "b"))), parsed.get("G"));
    }

    @Test
    void duplicateKeysAreRejected() {
        try {
            CfnYaml.parse("A: 1\nA: 2\n");
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("a duplicate key must not load");
    }

    @Test
    void everyReferenceNamesAResourceParameterOrCondition() {
        Template template = Template.load();
        Set<String> names = new HashSet<>(template.resources().keySet());
        // SAM generates <Function>Url for a function with a FunctionUrlConfig.
        template.functions().stream().filter(f -> f.properties().containsKey("FunctionUrlConfig"))
                .forEach(f -> names.add(f.logicalId() + "Url"));
        names.addAll(Template.map(template.document.get("Parameters")).keySet());
        names.addAll(PSEUDO_PARAMETERS);
        // SAM generates <Function>Url (AWS::Lambda::Url) for a function with a FunctionUrlConfig.
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            if (Template.map(function.get("Properties")).containsKey("FunctionUrlConfig")) {
                names.add(id + "Url");
            }
        });
        Set<String> conditions = Template.map(template.document.get("Conditions")).keySet();
        List<String> unknown = new ArrayList<>();

        checkReferences(template.document, names, conditions, unknown);

        assertTrue(unknown.isEmpty(), () -> "template.yaml refers to what it does not define: " + unknown);
    }

    private static void checkReferences(Object node, Set<String> names, Set<String> conditions, List<String> unknown) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "Ref" -> requireName(String.valueOf(value), names, unknown);
                    case "Fn::GetAtt" -> requireName(String.valueOf(Template.list(value).getFirst()), names, unknown);
                    case "Fn::Sub" -> {
                        Object text = value instanceof List<?> l ? l.getFirst() : value;
                        // The list form's second item names variables of its own for the text.
                        Set<String> variables = value instanceof List<?> l && l.size() > 1 ? Template.map(l.get(1)).keySet() : Set.of();
                        Matcher m = SUB_VARIABLE.matcher(String.valueOf(text));
                        while (m.find()) {
                            if (!variables.contains(m.group(1))) {
                                requireName(m.group(1), names, unknown);
                            }
                        }
                    }
                    case "Fn::If" -> {
                        String condition = String.valueOf(Template.list(value).getFirst());
                        if (!conditions.contains(condition)) {
                            unknown.add("condition " + condition);
                        }
                    }
                    case "Condition" -> {
                        if (value instanceof String condition && !conditions.contains(condition)) {
                            unknown.add("condition " + condition);
                        }
                    }
                    default -> { }
                }
                checkReferences(value, names, conditions, unknown);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> checkReferences(item, names, conditions, unknown));
        }
    }

    /** {@code X}, {@code X.Attr} ({@code !GetAtt} / {@code ${X.Attr}}) and SAM's {@code Function.Alias} all name X. */
    private static void requireName(String reference, Set<String> names, List<String> unknown) {
        if (names.contains(reference)) {
            return;
        }
        int dot = reference.indexOf('.');
        if (dot < 0 || !names.contains(reference.substring(0, dot))) {
            unknown.add(reference);
        }
    }

    @Test
    void tableHasTheKeysIndexAndSafetyTheCodeReliesOn() {
        Map<String, Object> table = Template.load().resourcesOfType("AWS::DynamoDB::Table").values().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no DynamoDB table"));
        Map<String, Object> p = Template.map(table.get("Properties"));

        assertEquals("Retain", table.get("DeletionPolicy"));
        assertEquals("Retain", table.get("UpdateReplacePolicy"));
        assertEquals("PAY_PER_REQUEST", p.get("BillingMode"));
        assertEquals(List.of(Map.of("AttributeName", "PK", "KeyType", "HASH"), Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                p.get("KeySchema"));
        Map<String, Object> gsi1 = Template.list(p.get("GlobalSecondaryIndexes")).stream().map(Template::map)
                .filter(i -> "GSI1".equals(i.get("IndexName"))).findFirst().orElseThrow(() -> new AssertionError("no GSI1"));
        assertEquals(List.of(Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")),
                gsi1.get("KeySchema"));
        Map<String, Object> gsi2 = Template.list(p.get("GlobalSecondaryIndexes")).stream().map(Template::map)
                .filter(i -> "GSI2".equals(i.get("IndexName"))).findFirst().orElseThrow(() -> new AssertionError("no GSI2 (post listing)"));
        assertEquals(List.of(Map.of("AttributeName", "GSI2PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI2SK", "KeyType", "RANGE")),
                gsi2.get("KeySchema"));
        assertEquals(Map.of("ProjectionType", "ALL"), gsi2.get("Projection"), "a listing page reads whole posts from GSI2");
        Map<String, Object> gsi3 = Template.list(p.get("GlobalSecondaryIndexes")).stream().map(Template::map)
                .filter(i -> "GSI3".equals(i.get("IndexName"))).findFirst().orElseThrow(() -> new AssertionError("no GSI3 (event outbox)"));
        assertEquals(List.of(Map.of("AttributeName", "GSI3PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI3SK", "KeyType", "RANGE")),
                gsi3.get("KeySchema"));
        assertEquals(Map.of("ProjectionType", "KEYS_ONLY"), gsi3.get("Projection"), "the sweep reads each item it finds itself");
        for (Object definition : Template.list(p.get("AttributeDefinitions"))) {
            assertEquals("S", Template.map(definition).get("AttributeType"), () -> "keys are strings: " + definition);
        }
        assertEquals(Map.of("AttributeName", "expiresAt", "Enabled", true), p.get("TimeToLiveSpecification"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), p.get("PointInTimeRecoverySpecification"));
    }

    @Test
    void thePostsApiHasAnIamAuthenticatedFunctionUrlInTheOutputs() {
        Template template = Template.load();
        Template.Function api = template.functions().stream().filter(f -> f.logicalId().equals("PostsApiFunction")).findFirst().orElseThrow();

        assertEquals(Map.of("AuthType", "AWS_IAM"), api.properties().get("FunctionUrlConfig"));
        assertEquals(Map.of("Fn::GetAtt", List.of("PostsApiFunctionUrl", "FunctionUrl")),
                Template.map(Template.map(template.document.get("Outputs")).get("PostsApiUrl")).get("Value"));
    }

    static List<Template.Function> functions() {
        return Template.load().functions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionHasItsOwnLogGroupWithRetentionAndAnErrorsAlarm(Template.Function function) {
        Object logGroup = Template.map(function.properties().get("LoggingConfig")).get("LogGroup");
        assertNotNull(logGroup, () -> function + " has no LoggingConfig.LogGroup");
        String logGroupId = String.valueOf(Template.map(logGroup).get("Ref"));
        Map<String, Object> group = Template.load().resource(logGroupId);
        assertEquals("AWS::Logs::LogGroup", group.get("Type"));
        assertNotNull(Template.map(group.get("Properties")).get("RetentionInDays"), () -> logGroupId + " keeps logs forever");

        boolean alarmed = Template.load().resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> Template.map(a.get("Properties")))
                .anyMatch(a -> "Errors".equals(a.get("MetricName")) && Template.list(a.get("Dimensions")).stream()
                        .anyMatch(d -> Map.of("Ref", function.logicalId()).equals(Template.map(d).get("Value"))));
        assertTrue(alarmed, () -> function + " has no Errors alarm");
    }

    @Test
    void everyAlarmAndTopicRuleMayPublishToTheTopic() {
        Template template = Template.load();
        List<Map<String, Object>> statements = new ArrayList<>();
        PolicyContractTest.collectStatements(template.resourcesOfType("AWS::SNS::TopicPolicy"), statements);
        List<Object> allowedSources = statements.stream()
                .flatMap(s -> Template.list(Template.map(Template.map(s.get("Condition")).get("ArnEquals")).get("aws:SourceArn")).stream())
                .toList();
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty(), "no alarms");

        alarms.forEach((id, alarm) -> {
            assertFalse(Template.list(Template.map(alarm.get("Properties")).get("AlarmActions")).isEmpty(), () -> id + " notifies no one");
            assertTrue(allowedSources.contains(Map.of("Fn::GetAtt", List.of(id, "Arn"))), () -> "the topic policy does not let " + id + " publish");
        });
        template.resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            boolean toTopic = Template.list(Template.map(rule.get("Properties")).get("Targets")).stream()
                    .anyMatch(t -> Template.map(Template.map(t).get("Arn")).containsKey("Ref")
                            && template.resourcesOfType("AWS::SNS::Topic").containsKey(String.valueOf(Template.map(Template.map(t).get("Arn")).get("Ref"))));
            if (toTopic) {
                assertTrue(allowedSources.contains(Map.of("Fn::GetAtt", List.of(id, "Arn"))), () -> "the topic policy does not let " + id + " publish");
            }
        });
    }
}
