package socialdesk.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.local.LocalDesk;
import socialdesk.local.LocalIdentity;
import socialdesk.template.Template;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the commands go. By default the local stack: its ports come from
 * {@code .local/endpoints.json}, which {@code ./social local} writes at start and removes at stop
 * (the default ports otherwise), and it needs no credentials. With {@code --aws}: the deployed
 * stack, found by its Outputs ({@code PostsApiUrl}, {@code TableName}) with the default credentials
 * chain, every posts API request signed with SigV4. {@code --url URL} points at any posts API that
 * takes unsigned requests.
 *
 * <p>Target options, common to the commands: {@code --aws}, {@code --stack NAME} (default
 * social-desk), {@code --region R}, {@code --url URL}, {@code --data DIR} (the local stack's data
 * folder, default {@code .local} at the repository root).
 */
final class Target {
    static final int DEFAULT_PORT = 4560;
    static final String DEFAULT_STACK = "social-desk";
    static final String OPTIONS_USAGE = """
            target (every command but invoke takes these):
              (default)              the local stack of ./social local (ports from .local/endpoints.json), no credentials
              --aws                  the deployed stack: URLs from its CloudFormation Outputs, SigV4 with the default credentials
              --stack NAME           the stack name with --aws (default social-desk)
              --region R             the region with --aws (default: AWS_REGION, then the profile's region)
              --url URL              a posts API at URL that takes unsigned requests
              --data DIR             the local stack's data folder (default .local)
            """;

    private final boolean aws;
    private final String stack;
    private final String region;
    private final String url;
    private final Path dataDir;
    /** The table reads of `flagged`: one query at a time, each given plenty on a slow connection. */
    private static final AwsCallBudget CLI_CALLS = new AwsCallBudget(Duration.ofSeconds(60), 1);

    private AwsCredentialsProvider sdkCredentials;
    private Map<String, String> outputs;

    private Target(boolean aws, String stack, String region, String url, Path dataDir) {
        this.aws = aws;
        this.stack = stack;
        this.region = region;
        this.url = url;
        this.dataDir = dataDir;
    }

    /** Takes the target options out of {@code args}; the rest stays for the command. */
    static Target parse(List<String> args) {
        boolean aws = false;
        String stack = null;
        String region = null;
        String url = null;
        Path data = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--aws" -> aws = true;
                case "--stack" -> stack = value(args, ++i, a);
                case "--region" -> region = value(args, ++i, a);
                case "--url" -> url = value(args, ++i, a);
                case "--data" -> data = Path.of(value(args, ++i, a));
                default -> rest.add(a);
            }
        }
        if (aws && url != null) {
            throw CliException.usage("--aws and --url are two different targets: give one");
        }
        if (!aws && (stack != null || region != null)) {
            throw CliException.usage((stack != null ? "--stack" : "--region") + " goes with --aws");
        }
        if (url != null && !url.matches("https?://.+")) {
            throw CliException.usage("--url needs an http:// or https:// URL, got '" + url + "'");
        }
        args.clear();
        args.addAll(rest);
        Path dataDir = data != null ? data.toAbsolutePath() : Template.findRoot(Path.of("")).resolve(".local");
        return new Target(aws, stack == null ? DEFAULT_STACK : stack, region, url, dataDir);
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw CliException.usage(option + " needs a value");
        }
        return args.get(i);
    }

    boolean isAws() {
        return aws;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The posts API of this target. */
    PostsApi postsApi() {
        if (url != null) {
            return new PostsApi(URI.create(url), null, "no posts API answers at " + url);
        }
        if (aws) {
            String apiUrl = output("PostsApiUrl");
            return new PostsApi(URI.create(apiUrl), new FunctionUrlSigner(credentials(), region()), "cannot reach " + apiUrl
                    + " (the PostsApiUrl of stack " + stack + ")");
        }
        String local = localEndpoint("postsApi", "http://127.0.0.1:" + (DEFAULT_PORT + 4));
        return new PostsApi(URI.create(local), null, notRunning(local));
    }

    /** The table and a DynamoDB client for it (local: dynalite of the running stack; AWS: the stack's TableName). */
    record Table(DynamoDbClient dynamo, String name) {
    }

    Table table() {
        if (aws) {
            String name = output("TableName");
            // Endpoints are the SDK's own resolution: AWS_ENDPOINT_URL_DYNAMODB still points elsewhere when set.
            return new Table(AwsClients.of(Map.of("AWS_REGION", region()), CLI_CALLS, null, credentials(), List.of()).dynamoDb(), name);
        }
        if (url != null) {
            throw CliException.usage("--url names a posts API only; flagged comments are read from the table (local stack or --aws)");
        }
        Map<String, Object> endpoints = endpoints();
        String dynamo = endpoints == null ? null : JsonRead.string(endpoints, "dynamodb");
        String table = endpoints == null ? null : JsonRead.string(endpoints, "tableName");
        if (dynamo == null || table == null) {
            throw CliException.failed("no local stack running on " + dataDir + " — start it with ./social local");
        }
        return new Table(LocalDesk.dynamoAt(dynamo, localIdentity(endpoints)), table);
    }

    /**
     * The region and key to reach a running local stack's table with: its recorded region (an
     * emulator keeps tables per region) and the key this shell's environment gives, resolved as the
     * stack resolves its own (the same shell, or one with the same variables, finds the same table).
     */
    static LocalIdentity localIdentity(Map<String, Object> endpoints) {
        LocalIdentity fromShell = LocalIdentity.fromEnvironment(JsonRead.string(endpoints, "emulator") != null);
        String region = JsonRead.string(endpoints, "region");
        return region == null ? fromShell : new LocalIdentity(region, fromShell.accessKeyId(), fromShell.secretAccessKey());
    }

    /** The local stack's Lambda endpoint (Invoke). */
    String localLambdaEndpoint() {
        return localEndpoint("lambda", "http://127.0.0.1:" + (DEFAULT_PORT + 1));
    }

    static String notRunning(String url) {
        return "no local stack at " + url + " — start it with ./social local";
    }

    /**
     * What {@code ./social local} wrote at start, or null when it is not running (or never ran). A
     * file whose stack is gone (killed before it could remove it) is stale: its ports may belong to
     * anything by now.
     */
    Map<String, Object> endpoints() {
        Path file = dataDir.resolve("endpoints.json");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Map<String, Object> endpoints = Json.parseObject(Files.readString(file));
            Long pid = JsonRead.integer(endpoints, "pid");
            boolean running = pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return running ? endpoints : null;
        } catch (IOException | JsonException e) {
            return null;
        }
    }

    /**
     * The running stack's endpoint named {@code key}; the default port only when no stack recorded
     * its endpoints. A running stack without that endpoint (emulator mode serves no local Lambda
     * API) is an error, never a guess at a port another stack may hold.
     */
    private String localEndpoint(String key, String fallback) {
        Map<String, Object> endpoints = endpoints();
        if (endpoints == null) {
            return fallback;
        }
        String value = JsonRead.string(endpoints, key);
        if (value == null || value.isBlank()) {
            String emulator = JsonRead.string(endpoints, "emulator");
            throw CliException.failed("the local stack on " + dataDir + " has no " + key + " endpoint"
                    + (emulator == null ? "" : ": it runs against the emulator at " + emulator + ", which serves it instead"));
        }
        return value;
    }

    /** The SDK's default chain (environment, profiles, SSO, container and instance roles), which caches and refreshes what it finds. */
    private AwsCredentialsProvider sdkCredentials() {
        if (sdkCredentials == null) {
            sdkCredentials = DefaultCredentialsProvider.builder().build();
        }
        return sdkCredentials;
    }

    /** The default chain, asked for every request; finding nothing is a clear failure, not a stack trace. */
    private AwsCredentialsProvider credentials() {
        AwsCredentialsProvider chain = sdkCredentials();
        return () -> {
            try {
                return chain.resolveCredentials();
            } catch (SdkClientException e) {
                throw noCredentials(e);
            }
        };
    }

    private static CliException noCredentials(SdkClientException e) {
        String message = e.getMessage();
        int dot = message == null ? -1 : message.indexOf(". ");
        return CliException.failed("no AWS credentials: " + (message == null ? "none found" : dot > 0 ? message.substring(0, dot) : message)
                + " (set AWS_PROFILE, or run aws configure / aws sso login)");
    }

    String region() {
        if (region != null) {
            return region;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkClientException e) {
            throw CliException.usage("no AWS region: give --region, or set AWS_REGION or a region in the profile");
        }
    }

    /** One Output of the stack, read once with DescribeStacks. */
    String output(String key) {
        if (outputs == null) {
            outputs = new LinkedHashMap<>();
            String r = region();
            try (CloudFormationClient cfn = CloudFormationClient.builder().region(Region.of(r)).credentialsProvider(sdkCredentials())
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build()).build()) {
                for (Output o : cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0).outputs()) {
                    outputs.put(o.outputKey(), o.outputValue());
                }
            } catch (CloudFormationException e) {
                String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
                throw CliException.failed("cannot read stack " + stack + " in " + r + ": " + message);
            } catch (SdkException e) {
                throw CliException.failed("cannot read stack " + stack + " in " + r + ": " + oneLine(e.getMessage()));
            }
        }
        String value = outputs.get(key);
        if (value == null) {
            throw CliException.failed("stack " + stack + " has no output " + key + " (deployed from an older template?)");
        }
        return value;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    /** Test seam: a target that signs with given credentials and talks to {@code apiUrl}. */
    static PostsApi signedApi(URI apiUrl, AwsCredentialsProvider credentials, String region) {
        return new PostsApi(apiUrl, new FunctionUrlSigner(credentials, region), "cannot reach " + apiUrl);
    }
}
