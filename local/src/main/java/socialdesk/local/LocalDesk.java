package socialdesk.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.dynamo.TableDefinition;
import socialdesk.core.json.Json;
import socialdesk.template.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The whole desk on this machine: dynalite, every function of template.yaml in its own JVM (see
 * {@link LocalFunction}), their function URLs on loopback ports, their schedules, the bus with the
 * template's rules, every SNS topic of the template (console and JSON Lines), a sandbox platform and a short
 * demo. With a remote endpoint ({@code AWS_ENDPOINT_URL}: Floci, LocalStack, ...) the table, bus,
 * rules, topic and secrets are made there instead (see {@link RemoteResources}).
 */
public final class LocalDesk implements AutoCloseable {
    public static final String STACK = "social-desk";
    public static final String ACCOUNT = "000000000000";
    /** Calls from the stack and the CLI to its table: one at a time, each given plenty on a busy machine. */
    private static final AwsCallBudget TOOL_CALLS = new AwsCallBudget(Duration.ofSeconds(30), 1);

    /**
     * How to run.
     *
     * @param root           the repository root (template.yaml, package.json, function modules)
     * @param dataDir        where data lives between runs (dynalite, secrets, notifications, sandbox posts)
     * @param fresh          wipe {@code dataDir} first
     * @param demo           seed the demo on a first start (no data yet)
     * @param port           first of the fixed ports (sandbox, AWS endpoint, dynalite, then function URLs); 0 for free ports
     * @param rateOverride   when set, every rate() schedule fires at this period instead (tests)
     * @param demoDelay      how long after start the demo posts are due
     * @param remoteEndpoint an AWS-compatible endpoint to hold the table, bus, rules and topic; null for in-process
     * @param out            console
     * @param jvmOptions     options for each function's JVM
     * @param environment    variables set on every function over the template's (tests: a shorter publishing lease)
     */
    public record Options(Path root, Path dataDir, boolean fresh, boolean demo, int port, Duration rateOverride,
                          Duration demoDelay, String remoteEndpoint, PrintStream out, List<String> jvmOptions,
                          Map<String, String> environment) {
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }

        /** With each function's environment as the template has it. */
        public Options(Path root, Path dataDir, boolean fresh, boolean demo, int port, Duration rateOverride,
                       Duration demoDelay, String remoteEndpoint, PrintStream out, List<String> jvmOptions) {
            this(root, dataDir, fresh, demo, port, rateOverride, demoDelay, remoteEndpoint, out, jvmOptions, Map.of());
        }

        public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    /** A running function and what the stack knows of it. */
    public record RunningFunction(String logicalId, LocalFunction function, FunctionUrlServer url) {
    }

    private final Options options;
    private final LocalIdentity identity;
    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, RunningFunction> functions = new LinkedHashMap<>();
    private final Map<String, LocalFunction.Spec> specs = new java.util.concurrent.ConcurrentHashMap<>();
    private DynamoDbClient dynamo;
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final Console console;
    private Scheduler scheduler;
    private final Map<String, LocalTopic> topics = new LinkedHashMap<>();
    private SandboxPlatform sandbox;
    private ConsoleServer webConsole;
    private DynaliteProcess dynalite;
    private LocalSecrets secrets;
    private RemoteResources remote;
    private Demo demo;
    private String tableName;
    private String dynamoEndpoint;
    private String awsEndpoint;
    private LocalAwsEndpoint awsServer;
    private Path endpointsFile;
    private volatile boolean closed;

    private LocalDesk(Options options) {
        this.options = options;
        this.identity = LocalIdentity.fromEnvironment(options.remoteEndpoint() != null);
        this.console = new Console(options.out());
    }

    public static LocalDesk start(Options options) {
        LocalDesk stack = new LocalDesk(options);
        try {
            stack.run();
            return stack;
        } catch (RuntimeException | LinkageError e) {
            // A broken build (a class missing from a jar) must not leave dynalite and function JVMs behind.
            stack.close();
            throw e;
        }
    }

    private void run() {
        Path data = options.dataDir().toAbsolutePath();
        LeftoverStack.clear(data, text -> console.line("local", text));
        if (options.fresh()) {
            deleteTree(data);
        }
        boolean firstRun = !Files.exists(data.resolve("dynalite")) && !Files.exists(data.resolve("secrets.json"));
        Template template = Template.load(options.root());
        Ports ports = new Ports(options.port());

        sandbox = track(new SandboxPlatform(ports.next(), data.resolve("sandbox-posts.jsonl"), clock));
        secrets = new LocalSecrets(data.resolve("secrets.json"), sandbox.url());
        secrets.createIfMissing(Demo.defaultSecrets(template));

        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        names(template, refs, attributes);
        TemplateValues values = new TemplateValues(template, refs, attributes);
        String busName = refs.get(busLogicalId(template));
        tableName = refs.get(tableLogicalId(template));
        // Every SNS topic of the template (NotificationTopic, UrgentTopic): console and one JSON Lines file.
        for (String topicId : template.resourcesOfType("AWS::SNS::Topic").keySet()) {
            topics.put(topicId, new LocalTopic(topicId, refs.get(topicId), data.resolve("notifications.jsonl"),
                    text -> console.notification(topicId, text), clock));
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("template.yaml has no AWS::SNS::Topic");
        }
        Map<String, LocalTopic> topicsByArn = new LinkedHashMap<>();
        topics.values().forEach(t -> topicsByArn.put(t.arn(), t));

        int awsPort = ports.next();
        int dynamoPort = ports.next();
        Map<String, String> endpoints = new LinkedHashMap<>(identity.environment());
        LocalBus bus = track(new LocalBus(busName, identity.region(), clock));
        if (options.remoteEndpoint() == null) {
            dynalite = track(DynaliteProcess.start(options.root(), dynamoPort, data.resolve("dynalite"), console.prefixed("dynalite")));
            dynamoEndpoint = dynalite.endpoint();
            // Recorded at once: if this stack is killed while starting, the next start finds its dynalite.
            LeftoverStack.record(data, Map.of("dynamodb", dynamoEndpoint), dynalite);
            endpointsFile = data.resolve(LeftoverStack.FILE);
            LocalBus defaultBus = track(new LocalBus("default", identity.region(), clock));
            LocalAwsEndpoint aws = track(new LocalAwsEndpoint(awsPort, Map.of(busName, bus, "default", defaultBus), secrets));
            awsServer = aws;
            awsEndpoint = aws.url();
            endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint);
            endpoints.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.url());
            endpoints.put("AWS_ENDPOINT_URL_SSM", aws.url());
            // Uploaded images: the template's bucket, from <data>/media, path-style (AwsClients.mediaBucket).
            for (String bucketId : template.resourcesOfType("AWS::S3::Bucket").keySet()) {
                aws.serveMediaBucket(refs.get(bucketId), data.resolve("media"), clock,
                        AwsBasicCredentials.create(identity.accessKeyId(), identity.secretAccessKey()));
            }
            endpoints.put("AWS_ENDPOINT_URL_S3", aws.url());
        } else {
            dynamoEndpoint = options.remoteEndpoint();
            endpoints.put("AWS_ENDPOINT_URL", options.remoteEndpoint());
        }
        if (options.fresh() && options.remoteEndpoint() != null) {
            resetTable(dynamo(), tableName, options.remoteEndpoint());
            console.line("local", "--fresh: table " + tableName + " on " + options.remoteEndpoint() + " deleted and made again");
        } else {
            createTable();
        }

        List<Template.Function> templateFunctions = template.functions();
        startFunctions(template, templateFunctions, values, endpoints, ports);
        if (awsServer != null) {
            awsServer.serveInvocations(this::function);
        }
        startWebConsole(ports);
        BusRules rules = new BusRules(template, values, functions, topicsByArn, console);
        if (options.remoteEndpoint() == null) {
            rules.addTo(bus);
        } else {
            List<String> buckets = template.resourcesOfType("AWS::S3::Bucket").keySet().stream().map(refs::get).toList();
            remote = track(RemoteResources.create(options.remoteEndpoint(), identity, busName, rules.remoteRules(),
                    secrets, topics.values(), buckets, console));
            if (webConsole != null) {
                // The template's rule with the local console's origin in place of the distribution's.
                buckets.forEach(bucket -> remote.allowBrowserUploads(bucket, webConsole.url()));
            }
        }
        scheduler = track(new Scheduler(clock, console, identity.region()));
        for (Template.Function function : templateFunctions) {
            RunningFunction running = functions.get(function.logicalId());
            function.events().forEach((eventName, event) ->
                    scheduler.addFromEvent(function.logicalId() + "." + eventName, event, running.function(),
                            options.rateOverride(), values));
        }

        demo = new Demo(this, options.demoDelay());
        boolean seeded = options.demo() && firstRun && demo.seed(template);
        banner(seeded);
        scheduler.start(this::invokeAsync);
        writeEndpoints(data);
    }

    /**
     * The web console on the next port, in front of posts-api, when it is built and the template has
     * posts-api. Its page uploads images straight to the media bucket, on the in-process AWS endpoint
     * (whose bucket then takes CORS requests from the console's origin, as the template's rule does
     * from the distribution's) or on the remote one.
     */
    private void startWebConsole(Ports ports) {
        Path dist = options.root().resolve("console/dist");
        LocalFunction postsApi = function("posts-api");
        if (postsApi != null && ConsoleServer.built(dist)) {
            String mediaEndpoint = awsServer != null ? awsServer.url() : options.remoteEndpoint();
            webConsole = track(new ConsoleServer(ports.next(), dist, origin(mediaEndpoint), postsApi::invoke));
            if (awsServer != null) {
                awsServer.allowBrowserUploadsFrom(webConsole.url());
            }
        }
    }

    /** {@code scheme://host[:port]} of an endpoint URL, as a CSP source and an Origin header name it. */
    static String origin(String endpoint) {
        URI uri = URI.create(endpoint.strip());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** The web console's address, or null when it is not built ({@code console/dist} missing). */
    public String consoleUrl() {
        return webConsole == null ? null : webConsole.url();
    }

    /**
     * {@code <data>/endpoints.json}: where this running stack listens, for the command line
     * ({@code ./social list}, {@code flagged}, {@code invoke}) to find it whatever ports were chosen.
     * Removed again when the stack stops.
     */
    private void writeEndpoints(Path data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("region", identity.region());
        doc.put("tableName", tableName);
        doc.put("dynamodb", dynamoEndpoint);
        doc.put("lambda", awsEndpoint);
        doc.put("postsApi", functionUrl("posts-api"));
        doc.put("console", consoleUrl());
        Map<String, Object> urls = new LinkedHashMap<>();
        functions.values().stream().filter(f -> f.url() != null).forEach(f -> urls.put(f.function().name(), f.url().url()));
        doc.put("functionUrls", urls);
        doc.put("notifications", topic().file().toString());
        if (options.remoteEndpoint() != null) {
            doc.put("emulator", options.remoteEndpoint());
        }
        try {
            LeftoverStack.record(data, doc, dynalite);
            endpointsFile = data.resolve(LeftoverStack.FILE);
        } catch (UncheckedIOException e) {
            console.line("local", "cannot write " + data.resolve(LeftoverStack.FILE) + ": " + e.getCause().getMessage());
        }
    }

    /** A running function by logical id ({@code PostsApiFunction}), module name ({@code posts-api}) or ARN; null when none. */
    LocalFunction function(String name) {
        int at = name.indexOf(":function:");
        String rest = at > 0 ? name.substring(at + ":function:".length()) : name;
        String plain = at > 0 && rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
        return functions.values().stream()
                .filter(f -> f.logicalId().equals(plain) || f.function().name().equals(plain))
                .map(RunningFunction::function).findFirst().orElse(null);
    }

    private void createTable() {
        try {
            dynamo().createTable(TableDefinition.createTableRequest(tableName));
        } catch (ResourceInUseException e) {
            // Made on an earlier run.
        }
    }

    /**
     * {@code --fresh} against an emulator: the table lives there, not in the data folder, so wiping
     * the folder alone would leave the last run's posts (the demo's among them, already published)
     * in place. Deletes the table if it is there, waits until it is gone and makes it again, empty.
     *
     * @throws IllegalStateException when the endpoint does not let it, saying what to do instead
     */
    static void resetTable(DynamoDbClient dynamo, String table, String endpoint) {
        // The SDK's default waiter polls every 20 s; an emulator deletes and makes a table in well under a second.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo).overrideConfiguration(b -> b
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(250))).maxAttempts(240)).build()) {
            try {
                dynamo.deleteTable(b -> b.tableName(table));
                waiter.waitUntilTableNotExists(b -> b.tableName(table));
            } catch (ResourceNotFoundException e) {
                // Not made yet: nothing to reset.
            }
            dynamo.createTable(TableDefinition.createTableRequest(table));
            waiter.waitUntilTableExists(b -> b.tableName(table));
        } catch (SdkException e) {
            throw new IllegalStateException("--fresh cannot reset table " + table + " on " + endpoint + " (" + e.getMessage()
                    + "); delete it there yourself, or start without --fresh to keep its posts", e);
        }
    }

    /** The DynamoDB client for the stack's own table, built on first use. */
    synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = dynamoAt(dynamoEndpoint, identity);
        }
        return dynamo;
    }

    /**
     * A DynamoDB client for a local stack's DynamoDB endpoint, in the stack's region and with the
     * key its functions get (dynalite checks none; an emulator keeps tables per region, some per key).
     */
    public static DynamoDbClient dynamoAt(String endpoint, LocalIdentity identity) {
        return AwsClients.of(Map.of("AWS_REGION", identity.region()), TOOL_CALLS, URI.create(endpoint),
                identity.credentials(), List.of()).dynamoDb();
    }

    /** The region and key the stack uses everywhere. */
    public LocalIdentity identity() {
        return identity;
    }

    String tableName() {
        return tableName;
    }

    Clock clock() {
        return clock;
    }

    Console console() {
        return console;
    }

    /** The in-process PutEvents / Parameter Store endpoint (null against a remote endpoint). */
    public String awsEndpoint() {
        return awsEndpoint;
    }

    /** The DynamoDB endpoint (dynalite, or the remote endpoint). */
    public String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public SandboxPlatform sandbox() {
        return sandbox;
    }

    public LocalSecrets secrets() {
        return secrets;
    }

    /** The notification topic (the template's {@code NotificationTopic}, else its first topic). */
    public LocalTopic topic() {
        return topics.getOrDefault("NotificationTopic", topics.values().iterator().next());
    }

    /** Every SNS topic of the template, by logical id. */
    public Map<String, LocalTopic> topics() {
        return java.util.Collections.unmodifiableMap(topics);
    }

    public Map<String, RunningFunction> functions() {
        return Map.copyOf(functions);
    }

    /**
     * The in-process AWS endpoint (PutEvents, Secrets Manager, Invoke); null in emulator mode,
     * where the emulator serves them.
     */
    public LocalAwsEndpoint awsServer() {
        return awsServer;
    }

    /** The function URL of the function whose module folder is named {@code moduleName}, or null. */
    public String functionUrl(String moduleName) {
        return functions.values().stream().filter(f -> f.function().name().equals(moduleName) && f.url() != null)
                .map(f -> f.url().url()).findFirst().orElse(null);
    }

    /** How the stack runs the function of module {@code moduleName} (jar, handler, resolved environment), or null. */
    public LocalFunction.Spec spec(String moduleName) {
        return specs.get(moduleName);
    }

    /** Process ids of every child (function JVMs and dynalite), for checks that nothing is left. */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        functions.values().forEach(f -> pids.add(f.function().pid()));
        if (dynalite != null) {
            pids.add(dynalite.pid());
        }
        return pids;
    }

    private void startFunctions(Template template, List<Template.Function> templateFunctions, TemplateValues values,
                                Map<String, String> endpoints, Ports ports) {
        List<Path> runtimeJars = runtimeJars(options.root());
        List<CompletableFuture<RunningFunction>> starting = new ArrayList<>();
        for (Template.Function function : templateFunctions) {
            String name = function.moduleDir().getFileName().toString();
            List<Path> classpath = new ArrayList<>(runtimeJars);
            classpath.addAll(layerJars(template, function, values));
            Map<String, String> env = new LinkedHashMap<>();
            function.environment().forEach((key, value) -> {
                String resolved = values.string(value);
                if (resolved != null) {
                    env.put(key, resolved);
                }
            });
            env.putAll(endpoints);
            options.environment().forEach((key, value) -> {
                if (env.containsKey(key)) {
                    env.put(key, value);
                }
            });
            Map<String, Object> logging = Template.map(function.properties().get("LoggingConfig"));
            if (logging.get("LogFormat") instanceof String format) {
                env.put("AWS_LAMBDA_LOG_FORMAT", format);
                if (logging.get("ApplicationLogLevel") instanceof String level) {
                    env.put("AWS_LAMBDA_LOG_LEVEL", level);
                }
            }
            String reserved = function.reservedConcurrency() == null ? null : values.string(function.reservedConcurrency());
            LocalFunction.Spec spec = new LocalFunction.Spec(name, function.handler(),
                    function.moduleDir().resolve("target/function.jar"), classpath, env, function.memorySize(),
                    Duration.ofSeconds(function.timeoutSeconds()), LocalFunction.Spec.currentJava(), options.jvmOptions(),
                    reserved == null ? 0 : Integer.parseInt(reserved));
            specs.put(name, spec);
            LocalFunction local = new LocalFunction(spec, console.prefixed(name));
            track(local);
            boolean hasUrl = !function.functionUrlConfig().isEmpty();
            int urlPort = hasUrl ? ports.next() : 0;
            starting.add(CompletableFuture.supplyAsync(() -> {
                local.start(Duration.ofSeconds(60));
                FunctionUrlServer url = hasUrl ? track(new FunctionUrlServer(name, urlPort, local::invoke)) : null;
                return new RunningFunction(function.logicalId(), local, url);
            }, async));
        }
        for (CompletableFuture<RunningFunction> future : starting) {
            RunningFunction running = future.join();
            functions.put(running.logicalId(), running);
        }
    }

    /** Invokes a function asynchronously (schedules, bus targets), logging a failure. */
    void invokeAsync(LocalFunction function, String event) {
        async.submit(() -> {
            try {
                function.invoke(event.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                console.line(function.name(), "invocation failed: " + e.getMessage());
            }
        });
    }

    /** What {@code Ref} of a layer of the template gives here: a version ARN, as CloudFormation gives. */
    static String layerArn(String region, String logicalId) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":layer:" + STACK + "-" + logicalId + ":1";
    }

    /**
     * The jars of the layers {@code function} gets with this stack's parameters (its Layers, conditions
     * resolved), from each layer module's build ({@link Template.Layer#builtJavaLib}): what Lambda puts
     * on the class path from /opt/java/lib. With the template's defaults (BedrockModelId empty) none.
     */
    static List<Path> layerJars(Template template, Template.Function function, TemplateValues values) {
        List<Path> jars = new ArrayList<>();
        for (Object resolved : Template.list(values.resolve(function.layers()))) {
            Template.Layer layer = template.layers().stream()
                    .filter(l -> resolved.equals(values.string(Map.of("Ref", l.logicalId()))))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(function + ": layer " + resolved
                            + " is not one the template builds; the local stack runs only those"));
            Path lib = layer.builtJavaLib();
            try (Stream<Path> files = Files.list(lib)) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new IllegalStateException(function + ": no " + lib + ": build the layer first (mvn -pl "
                        + layer.root().relativize(layer.moduleDir()).toString().replace('\\', '/') + " -am package)", e);
            }
        }
        return jars;
    }

    /** The Runtime Interface Client jars, copied next to this module's classes at build time. */
    static List<Path> runtimeJars(Path root) {
        Path dir = root.resolve("local/target/lambda-runtime");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("no Runtime Interface Client in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new IllegalStateException("no " + dir + ": build the local module first (mvn -pl local -am package)", e);
        }
    }

    /** Local names for every resource, parameter and pseudo parameter, and the attributes GetAtt asks for. */
    private void names(Template template, Map<String, String> refs, Map<String, String> attributes) {
        refs.put("AWS::StackName", STACK);
        String region = identity.region();
        refs.put("AWS::Region", region);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        Template.map(template.document.get("Parameters")).forEach((name, definition) -> {
            Object fallback = Template.map(definition).get("Default");
            refs.put(name, fallback == null ? "" : String.valueOf(fallback));
        });
        TemplateValues early = new TemplateValues(template, refs, Map.of());
        template.resources().forEach((id, value) -> {
            Map<String, Object> resource = Template.map(value);
            Map<String, Object> properties = Template.map(resource.get("Properties"));
            String type = String.valueOf(resource.get("Type"));
            String prefix = "arn:aws:";
            switch (type) {
                case "AWS::DynamoDB::Table" -> {
                    String name = properties.containsKey("TableName") ? early.string(properties.get("TableName")) : STACK + "-" + id;
                    refs.put(id, name);
                    attributes.put(id + ".Arn", prefix + "dynamodb:" + region + ":" + ACCOUNT + ":table/" + name);
                }
                case "AWS::Events::EventBus" -> {
                    String name = early.string(properties.get("Name"));
                    refs.put(id, name);
                    attributes.put(id + ".Arn", prefix + "events:" + region + ":" + ACCOUNT + ":event-bus/" + name);
                    attributes.put(id + ".Name", name);
                }
                case "AWS::SNS::Topic" -> {
                    String name = properties.containsKey("TopicName") ? early.string(properties.get("TopicName")) : STACK + "-" + id;
                    refs.put(id, prefix + "sns:" + region + ":" + ACCOUNT + ":" + name);
                    attributes.put(id + ".TopicName", name);
                }
                case "AWS::S3::Bucket" -> {
                    // Bucket names are lower case.
                    String name = (STACK + "-" + id).toLowerCase(Locale.ROOT);
                    refs.put(id, name);
                    attributes.put(id + ".Arn", prefix + "s3:::" + name);
                }
                case "AWS::SQS::Queue" -> {
                    String name = STACK + "-" + id;
                    refs.put(id, "http://127.0.0.1/" + ACCOUNT + "/" + name);
                    attributes.put(id + ".Arn", prefix + "sqs:" + region + ":" + ACCOUNT + ":" + name);
                    attributes.put(id + ".QueueName", name);
                }
                case Template.SERVERLESS_LAYER -> refs.put(id, layerArn(region, id));
                case Template.SERVERLESS_FUNCTION, "AWS::Lambda::Function" -> {
                    String codeUri = String.valueOf(properties.get("CodeUri"));
                    String name = Path.of(codeUri).getFileName().toString();
                    String arn = prefix + "lambda:" + region + ":" + ACCOUNT + ":function:" + name;
                    refs.put(id, name);
                    refs.put(id + ".Alias", arn + ":live");
                    attributes.put(id + ".Arn", arn);
                }
                default -> {
                    refs.put(id, STACK + "-" + id);
                    attributes.put(id + ".Arn", prefix + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + region + ":"
                            + ACCOUNT + ":" + STACK + "-" + id);
                }
            }
        });
    }

    private static String busLogicalId(Template template) {
        return template.resourcesOfType("AWS::Events::EventBus").keySet().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no AWS::Events::EventBus"));
    }

    private static String tableLogicalId(Template template) {
        return template.resourcesOfType("AWS::DynamoDB::Table").keySet().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no AWS::DynamoDB::Table"));
    }

    private void banner(boolean seeded) {
        StringBuilder b = new StringBuilder();
        String rule = "-".repeat(78);
        b.append(rule).append('\n').append("social-desk is running locally").append(options.remoteEndpoint() == null
                ? " (no AWS account, no Docker)" : " against " + options.remoteEndpoint()).append('\n').append(rule).append('\n');
        b.append("Function URLs (same paths as on AWS):\n");
        functions.values().stream().filter(f -> f.url() != null).forEach(f ->
                b.append(String.format("  %-22s %s%n", f.function().name(), f.url().url())));
        if (functions.values().stream().noneMatch(f -> f.url() != null)) {
            b.append("  (none in template.yaml yet)\n");
        }
        b.append("Web console:        ").append(webConsole == null
                ? "not built (mvn -pl console package builds console/dist; needs npm)"
                : webConsole.url() + "   (local sign-in: any name)").append('\n');
        b.append("Schedules:\n");
        scheduler.describe().forEach(line -> b.append("  ").append(line).append('\n'));
        b.append("Functions (cold start: JVM start / init / ready after spawn):\n");
        functions.values().forEach(f -> b.append(String.format("  %-22s %s%n", f.function().name(), f.function().timings())));
        b.append("Sandbox platform:   ").append(sandbox.url()).append("   (posts: ").append(sandbox.file()).append(")\n");
        b.append("Topics:             ").append(String.join(", ", topics.keySet())).append(" -> console and ")
                .append(topic().file()).append('\n');
        b.append("Credentials:        ").append(secrets.file()).append("   (Parameter Store; edit to use real platform credentials)\n");
        b.append("DynamoDB:           ").append(dynamoEndpoint).append("   table ").append(tableName).append('\n');
        if (seeded) {
            b.append("Demo:               ").append(demo.describe()).append('\n');
        }
        b.append("Data lives in ").append(options.dataDir().toAbsolutePath()).append(" (--fresh wipes it). Stop with Ctrl-C.\n");
        b.append(rule);
        console.banner(b.toString());
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T track(T closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
        return closeable;
    }

    /** Stops everything: schedules first, then the servers and the function JVMs, dynalite last. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (endpointsFile != null) {
            try {
                Files.deleteIfExists(endpointsFile);
            } catch (IOException e) {
                // A stale file only makes the command line try a stack that is gone, and say so.
            }
        }
        List<AutoCloseable> all;
        synchronized (closeables) {
            all = new ArrayList<>(closeables);
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (demo != null) {
            demo.close();
        }
        functions.values().forEach(f -> console.line("local", "cold start of " + f.function().name() + ": " + f.function().timings()));
        java.util.Collections.reverse(all);
        // Function JVMs stop in parallel; each has a short grace before a forced kill.
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (AutoCloseable c : all) {
            if (c instanceof DynaliteProcess) {
                continue;
            }
            stopping.add(CompletableFuture.runAsync(() -> closeQuietly(c)));
        }
        stopping.forEach(CompletableFuture::join);
        all.stream().filter(c -> c instanceof DynaliteProcess).forEach(LocalDesk::closeQuietly);
        async.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Stopping anyway.
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }

    /** Hands out ports: consecutive from a base, or free ones. */
    static final class Ports {
        private int next;

        Ports(int base) {
            this.next = base;
        }

        int next() {
            if (next == 0) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    return socket.getLocalPort();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next++;
        }
    }

    /** Placeholders the Scheduler fills in a schedule's Input. */
    static String schedulerInput(String input, Instant scheduled, String scheduleArn) {
        return input.replace("<aws.scheduler.scheduled-time>", scheduled.toString())
                .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                .replace("<aws.scheduler.schedule-arn>", scheduleArn)
                .replace("<aws.scheduler.attempt-number>", "1");
    }

    static ZoneId zone(Object timezone) {
        return timezone == null ? ZoneId.of("UTC") : ZoneId.of(String.valueOf(timezone));
    }

    static String json(Object value) {
        return Json.write(value);
    }
}
