package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.template.Template;

/**
 * Least privilege, checked against what each function does. Mapping every SDK call site to an IAM
 * action is beyond a text scan, so the calls each function makes are declared here (next to the
 * function's name) and the template's inline statements must grant exactly those actions on the
 * resource the function's environment names, never on {@code *}.
 */
class PolicyContractTest {
    /** How a statement's Resource must name the resource behind an environment variable. */
    enum Scope {
        /** {@code !GetAtt X.Arn} where the variable is {@code !Ref X}. */
        ARN_OF(variable -> Map.of("Fn::GetAtt", List.of(ref(variable), "Arn"))),
        /** {@code !Sub "${X.Arn}/uploads/*"}: the objects under the media bucket's uploads prefix, and no other. */
        UPLOADS_OF(variable -> Map.of("Fn::Sub", "${" + ref(variable) + ".Arn}/uploads/*")),
        /** {@code !Sub "${X.Arn}/index/*"}: the table's indexes. */
        INDEXES_OF(variable -> Map.of("Fn::Sub", "${" + ref(variable) + ".Arn}/index/*")),
        /**
         * The Parameter Store path the variable names ({@code !Sub "${CredentialsPath}/platforms"}),
         * as GetParametersByPath is authorized: against the path itself, not the parameters under it.
         */
        PARAMETER_PATH(variable -> Map.of("Fn::Sub", PARAMETER_ARN + sub(variable))),
        /** The foundation model the parameter names, in the stack's region (BedrockTriageContractTest checks the condition). */
        FOUNDATION_MODEL(variable -> Map.of("Fn::Sub",
                "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${" + ref(variable) + "}")),
        /**
         * The parameters of the platforms whose tokens the publisher renews and writes back, each by
         * its exact name, so no other parameter under the path matches.
         */
        REFRESHED_TOKEN_PARAMETERS(variable -> Stream.of("x", "linkedin", "threads", "instagram")
                .map(platform -> (Object) Map.of("Fn::Sub", PARAMETER_ARN + sub(variable) + "/" + platform))
                .toList());

        private final Function<Object, Object> expression;

        Scope(Function<Object, Object> expression) {
            this.expression = expression;
        }

        private static String ref(Object variable) {
            return String.valueOf(Template.map(variable).get("Ref"));
        }

        private static String sub(Object variable) {
            return String.valueOf(Template.map(variable).get("Fn::Sub"));
        }
    }

    /** A parameter's ARN up to its name; a hierarchical name brings its own leading "/". */
    private static final String PARAMETER_ARN = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter";

    record Need(String variable, Scope scope, List<String> actions) {
    }

    /** The AWS calls each function makes. Adding a function means declaring its calls here. */
    private static final Map<String, List<Need>> NEEDS = Map.of(
            "PublishDuePostsFunction", List.of(
                    new Need("TABLE_NAME", Scope.ARN_OF,
                            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query")),
                    new Need("TABLE_NAME", Scope.INDEXES_OF, List.of("dynamodb:Query")),
                    new Need("EVENT_BUS_NAME", Scope.ARN_OF, List.of("events:PutEvents")),
                    new Need("PLATFORM_CREDENTIALS_PATH", Scope.PARAMETER_PATH, List.of("ssm:GetParametersByPath")),
                    // GetParameter: the token renewal reads the stored tokens past the cache before it refreshes.
                    new Need("PLATFORM_CREDENTIALS_PATH", Scope.REFRESHED_TOKEN_PARAMETERS, List.of("ssm:GetParameter", "ssm:PutParameter")),
                    // Uploaded images: read, and presigned GETs for the platforms that fetch by URL.
                    new Need("MEDIA_BUCKET_NAME", Scope.UPLOADS_OF, List.of("s3:GetObject"))),
            // Query on the indexes: the remote index (a published delivery's GSI1 key).
            "PlatformWebhookFunction", List.of(
                    new Need("TABLE_NAME", Scope.ARN_OF, List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                    new Need("TABLE_NAME", Scope.INDEXES_OF, List.of("dynamodb:Query")),
                    new Need("EVENT_BUS_NAME", Scope.ARN_OF, List.of("events:PutEvents")),
                    new Need("WEBHOOK_CREDENTIALS_PATH", Scope.PARAMETER_PATH, List.of("ssm:GetParametersByPath")),
                    new Need("BEDROCK_MODEL_ID", Scope.FOUNDATION_MODEL, List.of("bedrock:InvokeModel"))),
            // DeleteItem: deliveries of platforms an edit removes, evergreen entries of a cancelled post.
            // PutEvents: CommentAnswered; GetParametersByPath: the platform accounts a reply or a hide goes through.
            "PostsApiFunction", List.of(
                    new Need("TABLE_NAME", Scope.ARN_OF,
                            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query")),
                    new Need("TABLE_NAME", Scope.INDEXES_OF, List.of("dynamodb:Query")),
                    new Need("EVENT_BUS_NAME", Scope.ARN_OF, List.of("events:PutEvents")),
                    new Need("PLATFORM_CREDENTIALS_PATH", Scope.PARAMETER_PATH, List.of("ssm:GetParametersByPath")),
                    // PutObject: the presigned upload URLs; GetObject: HeadObject of the uploads a post names;
                    // ListBucket: so that HeadObject of a missing key is a 404, not a 403.
                    new Need("MEDIA_BUCKET_NAME", Scope.UPLOADS_OF, List.of("s3:PutObject", "s3:GetObject")),
                    new Need("MEDIA_BUCKET_NAME", Scope.ARN_OF, List.of("s3:ListBucket"))),
            // Query on the indexes: the remote index, as for the webhook, and the flagged comments still waiting.
            "CollectEngagementFunction", List.of(
                    new Need("TABLE_NAME", Scope.ARN_OF, List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                    new Need("TABLE_NAME", Scope.INDEXES_OF, List.of("dynamodb:Query")),
                    new Need("EVENT_BUS_NAME", Scope.ARN_OF, List.of("events:PutEvents")),
                    new Need("PLATFORM_CREDENTIALS_PATH", Scope.PARAMETER_PATH, List.of("ssm:GetParametersByPath")),
                    new Need("BEDROCK_MODEL_ID", Scope.FOUNDATION_MODEL, List.of("bedrock:InvokeModel"))),
            "QueueRunwayFunction", List.of(
                    new Need("TABLE_NAME", Scope.ARN_OF,
                            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query")),
                    new Need("TABLE_NAME", Scope.INDEXES_OF, List.of("dynamodb:Query")),
                    new Need("EVENT_BUS_NAME", Scope.ARN_OF, List.of("events:PutEvents"))));

    static Stream<Template.Function> functions() {
        return Template.load().functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionIsGrantedTheCallsItMakesOnItsOwnResources(Template.Function function) {
        List<Need> needs = NEEDS.get(function.logicalId());
        assertNotNull(needs, () -> "declare the AWS calls of " + function + " in PolicyContractTest.NEEDS");
        List<Map<String, Object>> statements = statementsOf(function);

        for (Need need : needs) {
            Object variable = function.environment().get(need.variable());
            assertNotNull(variable, () -> function + " has no environment variable " + need.variable());
            Object expected = need.scope().expression.apply(variable);
            for (String action : need.actions()) {
                List<Object> resources = expected instanceof List<?> several ? List.copyOf(several) : List.of(expected);
                boolean granted = statements.stream().anyMatch(s -> "Allow".equals(s.get("Effect"))
                        && Template.list(s.get("Action")).contains(action)
                        && Template.list(s.get("Resource")).containsAll(resources));
                assertTrue(granted, () -> function + " needs " + action + " on " + expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionIsGrantedNothingElse(Template.Function function) {
        List<String> granted = statementsOf(function).stream()
                .flatMap(s -> Template.list(s.get("Action")).stream()).map(String::valueOf).distinct().sorted().toList();
        List<String> needed = NEEDS.getOrDefault(function.logicalId(), List.of()).stream()
                .flatMap(n -> n.actions().stream()).distinct().sorted().toList();

        assertEquals(needed, granted, () -> function + " is granted actions it does not use (or PolicyContractTest.NEEDS is stale)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void policiesAreInlineStatements(Template.Function function) {
        for (Object policy : function.policies()) {
            assertTrue(Template.map(policy).containsKey("Statement"),
                    () -> function + ": use inline statements scoped to the template's resources, not " + policy);
        }
    }

    @Test
    void noStatementInTheTemplateUsesWildcards() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(Template.load().resources(), statements);
        assertFalse(statements.isEmpty(), "found no policy statement in template.yaml");

        // A Deny takes away and never grants: the media bucket's TLS-only statement denies s3:* to everyone.
        for (Map<String, Object> statement : statements.stream().filter(s -> !"Deny".equals(s.get("Effect"))).toList()) {
            for (Object resource : Template.list(statement.get("Resource"))) {
                assertFalse("*".equals(resource), () -> "Resource '*' in " + statement);
                assertFalse(resource instanceof String s && s.contains("*"), () -> "a literal wildcard ARN in " + statement);
            }
            for (Object action : Template.list(statement.get("Action"))) {
                assertFalse(String.valueOf(action).endsWith("*"), () -> "a wildcard action in " + statement);
            }
            assertFalse(statement.containsKey("NotResource") || statement.containsKey("NotAction"),
                    () -> "NotResource / NotAction grant more than they seem to: " + statement);
        }
    }

    /**
     * Credentials are granted by exact path or exact name: a wildcard in an ssm resource would reach
     * the other functions' parameters (the webhook's signing secrets, the publisher's tokens), since
     * the aws/ssm key decrypts for any principal of the account.
     */
    @Test
    void parameterStoreGrantsNameExactPathsAndParameters() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(Template.load().resources(), statements);
        List<Map<String, Object>> ssm = statements.stream()
                .filter(s -> Template.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("ssm:"))).toList();
        assertFalse(ssm.isEmpty(), "found no Parameter Store statement in template.yaml");

        for (Map<String, Object> statement : ssm) {
            for (Object resource : Template.list(statement.get("Resource"))) {
                String arn = String.valueOf(Template.map(resource).get("Fn::Sub"));
                assertTrue(arn.startsWith(PARAMETER_ARN + "${CredentialsPath}/"), () -> "not under CredentialsPath: " + statement);
                assertFalse(arn.contains("*") || arn.contains("?"), () -> "a wildcard parameter ARN in " + statement);
            }
        }
    }

    @Test
    void conditionalStatementsAreUnwrapped() {
        Map<String, Object> secret = Map.of("Effect", "Allow", "Action", "secretsmanager:GetSecretValue", "Resource", Map.of("Ref", "P"));
        Map<String, Object> policy = Map.of("Statement", List.of(
                Map.of("Fn::If", List.of("HasP", secret, Map.of("Ref", "AWS::NoValue")))));
        List<Map<String, Object>> found = new ArrayList<>();

        collectStatements(policy, found);

        assertEquals(List.of(secret), found);
    }

    private static List<Map<String, Object>> statementsOf(Template.Function function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(function.policies(), statements);
        return statements;
    }

    /** Every statement under any {@code Statement} key, with {@code Fn::If} branches taken both ways. */
    static void collectStatements(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Statement".equals(key)) {
                    for (Object statement : Template.list(value)) {
                        addStatement(statement, out);
                    }
                } else {
                    collectStatements(value, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectStatements(item, out));
        }
    }

    private static void addStatement(Object statement, List<Map<String, Object>> out) {
        Map<String, Object> map = Template.map(statement);
        if (map.containsKey("Fn::If")) {
            List<Object> branches = Template.list(map.get("Fn::If"));
            addStatement(branches.get(1), out);
            addStatement(branches.get(2), out);
        } else if (!map.isEmpty() && !"AWS::NoValue".equals(map.get("Ref"))) {
            out.add(map);
        }
    }
}
