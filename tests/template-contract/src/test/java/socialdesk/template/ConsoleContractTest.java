package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web console is served and secured the serverless way: a private bucket only the console's
 * distribution reads (origin access control), HTTPS only, a strict Content-Security-Policy on every
 * answer, and an HTTP API that lets in only the console's Cognito users (no self sign-up) and calls
 * the same posts-api function the IAM function URL serves.
 */
class ConsoleContractTest {
    private final Template template = Template.load();

    @Test
    void theBucketIsPrivateAndOnlyTheConsoleDistributionMayReadIt() {
        Map<String, Object> bucket = properties("ConsoleBucket");
        Map<String, Object> block = Template.map(bucket.get("PublicAccessBlockConfiguration"));
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertEquals(true, block.get(setting), setting);
        }
        assertFalse(bucket.containsKey("WebsiteConfiguration"), "no public website endpoint");
        assertFalse(bucket.containsKey("AccessControl"), "no canned ACL");

        Map<String, Object> policy = properties("ConsoleBucketPolicy");
        assertEquals(Map.of("Ref", "ConsoleBucket"), policy.get("Bucket"));
        List<Object> statements = Template.list(Template.map(policy.get("PolicyDocument")).get("Statement"));
        assertEquals(1, statements.size(), "one statement: CloudFront's read");
        Map<String, Object> read = Template.map(statements.getFirst());
        assertEquals("Allow", read.get("Effect"));
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), read.get("Principal"));
        assertEquals("s3:GetObject", read.get("Action"), "read only, nothing else");
        assertEquals(Map.of("Fn::Sub", "${ConsoleBucket.Arn}/*"), read.get("Resource"));
        String sourceArn = String.valueOf(Template.map(Template.map(read.get("Condition")).get("StringEquals")).get("AWS:SourceArn"));
        assertTrue(sourceArn.contains(":distribution/${ConsoleDistribution}"), "only this distribution: " + sourceArn);
    }

    @Test
    void theDistributionReadsTheBucketWithOriginAccessControlOverHttpsOnly() {
        Map<String, Object> config = Template.map(properties("ConsoleDistribution").get("DistributionConfig"));
        Map<String, Object> origins = new LinkedHashMap<>();
        Template.list(config.get("Origins")).forEach(o -> origins.put(String.valueOf(Template.map(o).get("Id")), o));
        Map<String, Object> files = Template.map(origins.get("console-files"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ConsoleOriginAccessControl", "Id")), files.get("OriginAccessControlId"));
        assertEquals("", Template.map(files.get("S3OriginConfig")).get("OriginAccessIdentity"), "OAC, not the legacy identity");
        Map<String, Object> oac = Template.map(properties("ConsoleOriginAccessControl").get("OriginAccessControlConfig"));
        assertEquals(List.of("s3", "always", "sigv4"), List.of(oac.get("OriginAccessControlOriginType"), oac.get("SigningBehavior"), oac.get("SigningProtocol")));
        Map<String, Object> api = Template.map(origins.get("console-api"));
        assertEquals("https-only", Template.map(api.get("CustomOriginConfig")).get("OriginProtocolPolicy"));

        List<Map<String, Object>> behaviors = new ArrayList<>();
        behaviors.add(Template.map(config.get("DefaultCacheBehavior")));
        Template.list(config.get("CacheBehaviors")).forEach(b -> behaviors.add(Template.map(b)));
        assertEquals(2, behaviors.size());
        for (Map<String, Object> behavior : behaviors) {
            assertEquals("https-only", behavior.get("ViewerProtocolPolicy"), "HTTPS only: " + behavior);
            assertEquals(Map.of("Ref", "ConsoleResponseHeadersPolicy"), behavior.get("ResponseHeadersPolicyId"), "security headers on " + behavior);
        }
        Map<String, Object> apiBehavior = behaviors.get(1);
        assertEquals("/api/*", apiBehavior.get("PathPattern"));
        assertEquals("console-api", apiBehavior.get("TargetOriginId"));
        assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", apiBehavior.get("CachePolicyId"), "the API's answers are never cached");
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicy() {
        Map<String, Object> headers = Template.map(Template.map(properties("ConsoleResponseHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
        Map<String, Object> csp = Template.map(headers.get("ContentSecurityPolicy"));
        assertEquals(true, csp.get("Override"));
        List<Object> sub = Template.list(Template.map(csp.get("ContentSecurityPolicy")).get("Fn::Sub"));
        String policy = String.valueOf(sub.getFirst());
        Map<String, String> directives = directives(policy);
        assertEquals("'none'", directives.get("default-src"));
        assertEquals("'self'", directives.get("script-src"), "scripts only from the console's own files: no inline script, no eval");
        assertEquals("'self'", directives.get("style-src"));
        assertEquals("'none'", directives.get("frame-ancestors"));
        assertEquals("'none'", directives.get("base-uri"));
        assertEquals("'self' data: blob:", directives.get("img-src"), "blob: for the preview of a file chosen for upload, nothing remote");
        assertEquals("'self' https://${ConsoleUserPoolDomain}.auth.${AWS::Region}.amazoncognito.com"
                        + " https://social-desk-media-${StackUuid}.s3.${AWS::Region}.${AWS::URLSuffix}", directives.get("connect-src"),
                "the page talks to its own origin, the sign-in page and the media bucket's upload URLs only");
        List<Object> bucketName = Template.list(Template.map(properties("MediaBucket").get("BucketName")).get("Fn::Sub"));
        assertEquals("social-desk-media-${StackUuid}", bucketName.getFirst());
        assertEquals(Template.map(bucketName.get(1)).get("StackUuid"), Template.map(sub.get(1)).get("StackUuid"),
                "the CSP names the bucket as MediaBucket's BucketName makes it");
        assertFalse(policy.contains("unsafe-"), policy);
        assertEquals("DENY", Template.map(headers.get("FrameOptions")).get("FrameOption"));
        assertTrue(headers.containsKey("ContentTypeOptions") && headers.containsKey("StrictTransportSecurity"));
    }

    /** The CSP's directives by name: {@code "img-src"} to {@code "'self' data:"}. */
    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] parts = directive.strip().split(" ", 2);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return directives;
    }

    @Test
    void onlyUsersAnAdministratorAddedReachThePostsApiThroughTheHttpApi() {
        assertEquals(true, Template.map(properties("ConsoleUserPool").get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"));
        Map<String, Object> client = properties("ConsoleUserPoolClient");
        assertEquals(false, client.get("GenerateSecret"), "a browser keeps no secret");
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"), "authorization code (with PKCE) only");

        Map<String, Object> authorizer = properties("ConsoleHttpApiAuthorizer");
        assertEquals("JWT", authorizer.get("AuthorizerType"));
        Map<String, Object> jwt = Template.map(authorizer.get("JwtConfiguration"));
        assertEquals(Map.of("Fn::Sub", "https://cognito-idp.${AWS::Region}.amazonaws.com/${ConsoleUserPool}"), jwt.get("Issuer"));
        assertEquals(List.of(Map.of("Ref", "ConsoleUserPoolClient")), jwt.get("Audience"));

        Map<String, Map<String, Object>> routes = template.resourcesOfType("AWS::ApiGatewayV2::Route");
        assertFalse(routes.isEmpty());
        routes.forEach((id, route) -> {
            Map<String, Object> p = Template.map(route.get("Properties"));
            assertEquals("JWT", p.get("AuthorizationType"), id + " needs a signed-in user");
            assertEquals(Map.of("Ref", "ConsoleHttpApiAuthorizer"), p.get("AuthorizerId"), id);
        });
        Map<String, Object> integration = properties("ConsoleHttpApiIntegration");
        assertEquals(Map.of("Ref", "PostsApiFunction.Alias"), integration.get("IntegrationUri"), "the same handler as the function URL");
        assertEquals("2.0", integration.get("PayloadFormatVersion"));
        Map<String, Object> permission = properties("ConsoleHttpApiInvokesPostsApi");
        assertEquals("apigateway.amazonaws.com", permission.get("Principal"));
        assertTrue(String.valueOf(permission.get("SourceArn")).contains(":${ConsoleHttpApi}/api/*"), "only this API's stage may invoke");
        assertEquals("api", properties("ConsoleHttpApiStage").get("StageName"), "CloudFront's /api/* is the stage's path");
        assertEquals("AWS_IAM", template.functions().stream().filter(f -> f.logicalId().equals("PostsApiFunction")).findFirst().orElseThrow()
                .functionUrlConfig().get("AuthType"), "the IAM function URL stays for the CLI and scripts");
    }

    @Test
    void theConsoleUrlIsAnOutput() {
        Map<String, Object> outputs = Template.map(template.document.get("Outputs"));
        assertEquals(Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}/"), Template.map(outputs.get("ConsoleUrl")).get("Value"));
        for (String output : List.of("ConsoleBucketName", "ConsoleUserPoolId", "ConsoleUserPoolClientId", "ConsoleSignInUrl", "ConsoleDistributionId")) {
            assertTrue(outputs.containsKey(output), output);
        }
    }

    /** CloudFormation refuses a template whose resources name each other in a circle (the console's pieces almost do). */
    @Test
    void noResourceDependsOnItselfThroughOthers() {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            Set<String> names = new TreeSet<>();
            references(resource, names);
            names.retainAll(template.resources().keySet());
            edges.put(id, names);
        });
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String id : edges.keySet()) {
            List<String> cycle = cycleFrom(id, edges, state, new ArrayList<>());
            assertTrue(cycle.isEmpty(), "a dependency cycle: " + cycle);
        }
    }

    /** Depth-first search; state 1 = on the path, 2 = done. Answers the cycle found, or an empty list. */
    private static List<String> cycleFrom(String id, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(id);
        if (seen != null) {
            return seen == 1 ? new ArrayList<>(path.subList(path.indexOf(id), path.size())) : List.of();
        }
        state.put(id, 1);
        path.add(id);
        for (String next : edges.getOrDefault(id, Set.of())) {
            List<String> cycle = cycleFrom(next, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(id, 2);
        return List.of();
    }

    /** The logical ids a node names with Ref, GetAtt, ${...} in Sub, or DependsOn ({@code X.Alias} names X). */
    private static void references(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "Ref" -> out.add(String.valueOf(value).split("\\.")[0]);
                    case "Fn::GetAtt" -> out.add(String.valueOf(Template.list(value).getFirst()));
                    case "Fn::Sub" -> {
                        Matcher m = Pattern.compile("\\$\\{([^!}.]+)[^}]*}")
                                .matcher(String.valueOf(value instanceof List<?> l ? l.getFirst() : value));
                        while (m.find()) {
                            out.add(m.group(1));
                        }
                    }
                    case "DependsOn" -> Template.list(value).forEach(v -> out.add(String.valueOf(v)));
                    default -> { }
                }
                references(value, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> references(item, out));
        }
    }

    private Map<String, Object> properties(String logicalId) {
        return Template.map(template.resource(logicalId).get("Properties"));
    }
}
