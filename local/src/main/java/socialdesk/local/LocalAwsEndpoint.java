package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;

/**
 * The AWS calls the functions make besides DynamoDB, served on loopback in the AWS JSON 1.1 protocol
 * the SDK speaks: {@code AWSEvents.PutEvents} (routed by the {@link LocalBus}) and Parameter Store's
 * {@code AmazonSSM.GetParameter}, {@code GetParametersByPath} and {@code PutParameter} (over
 * {@link LocalSecrets}, SecureString values answered decrypted). The functions reach it through
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE} and {@code AWS_ENDPOINT_URL_SSM}; the operation is told by the
 * {@code X-Amz-Target} header, so one port serves them all. Requests are not signature-checked.
 * It also answers Lambda's {@code Invoke} ({@code POST /2015-03-31/functions/{name}/invocations},
 * synchronous) for the running functions, so {@code ./social invoke} and
 * {@code aws lambda invoke --endpoint-url} reach a function with its template environment.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, LocalBus> buses;
    private final LocalSecrets secrets;
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private volatile Function<String, LocalFunction> functions = name -> null;
    private volatile Consumer<List<Object>> beforePutEvents = entries -> { };
    private final List<LocalMediaBucket> mediaBuckets = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param buses by name; PutEvents entries without EventBusName go to "default" */
    public LocalAwsEndpoint(int port, Map<String, LocalBus> buses, LocalSecrets secrets) {
        this.buses = Map.copyOf(buses);
        this.secrets = secrets;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code Invoke} for the functions {@code lookup} finds by name (null when there is none). */
    public void serveInvocations(Function<String, LocalFunction> lookup) {
        this.functions = lookup;
    }

    /**
     * Runs {@code check} on the entries of every PutEvents request before the bus accepts any of
     * them (crash tests: kill the caller mid-request, or refuse). When it throws, the request is
     * answered 500 InternalFailure and no entry is accepted, as when EventBridge itself fails.
     */
    public void beforePutEvents(Consumer<List<Object>> check) {
        this.beforePutEvents = check;
    }

    /**
     * Serves the media bucket {@code bucket} path-style from {@code dir} (see {@link LocalMediaBucket}),
     * taking URLs presigned with {@code credentials} only.
     */
    public void serveMediaBucket(String bucket, java.nio.file.Path dir, java.time.Clock clock,
                                 software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        LocalMediaBucket media = new LocalMediaBucket(bucket, dir, clock, credentials);
        mediaBuckets.add(media);
        server.createContext(media.context(), media::handle);
    }

    /** The CORS rule of every media bucket served: pages from {@code origin} (the web console's) may upload. */
    public void allowBrowserUploadsFrom(String origin) {
        mediaBuckets.forEach(bucket -> bucket.allowBrowserUploadsFrom(origin));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher invoke = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            if (invoke.matches()) {
                invoke(exchange, invoke.group(1));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Object request;
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                request = body.isBlank() ? Map.of() : Json.parse(body);
            } catch (JsonException e) {
                send(exchange, 400, error("SerializationException", "request body is not JSON"));
                return;
            }
            if (target == null) {
                send(exchange, 400, error("MissingAction", "no X-Amz-Target header"));
                return;
            }
            switch (target) {
                case "AWSEvents.PutEvents" -> putEvents(exchange, request);
                case "AmazonSSM.GetParameter" -> getParameter(exchange, request);
                case "AmazonSSM.GetParametersByPath" -> getParametersByPath(exchange, request);
                case "AmazonSSM.PutParameter" -> putParameter(exchange, request);
                default -> send(exchange, 400, error("UnknownOperationException", target
                        + " is not served by the local stack (PutEvents, GetParameter, GetParametersByPath and PutParameter are)"));
            }
        }
    }

    private void putEvents(HttpExchange exchange, Object request) throws IOException {
        List<Object> entries = JsonRead.list(request, "Entries");
        if (entries == null || entries.isEmpty() || entries.size() > 10) {
            send(exchange, 400, error("ValidationException", "Entries must hold 1 to 10 entries"));
            return;
        }
        try {
            beforePutEvents.accept(List.copyOf(entries));
        } catch (RuntimeException e) {
            send(exchange, 500, error("InternalFailure", "the request could not be processed"));
            return;
        }
        List<Object> results = new ArrayList<>();
        int failed = 0;
        for (Object entry : entries) {
            String busName = busName(JsonRead.string(entry, "EventBusName"));
            LocalBus bus = buses.get(busName);
            String source = JsonRead.string(entry, "Source");
            String detailType = JsonRead.string(entry, "DetailType");
            String detail = JsonRead.string(entry, "Detail");
            Map<String, Object> result = new LinkedHashMap<>();
            if (bus == null) {
                failed++;
                result.put("ErrorCode", "ResourceNotFoundException");
                result.put("ErrorMessage", "Event bus " + busName + " does not exist.");
            } else if (source == null || detailType == null || detail == null) {
                failed++;
                result.put("ErrorCode", "MalformedDetail");
                result.put("ErrorMessage", "Source, DetailType and Detail are required");
            } else {
                try {
                    List<String> resources = new ArrayList<>();
                    List<Object> raw = JsonRead.list(entry, "Resources");
                    if (raw != null) {
                        raw.forEach(r -> resources.add(String.valueOf(r)));
                    }
                    Object time = JsonRead.at(entry, "Time");
                    Instant at = time instanceof Number n ? Instant.ofEpochMilli((long) (n.doubleValue() * 1000)) : null;
                    result.put("EventId", bus.put(source, detailType, detail, resources, at));
                } catch (JsonException e) {
                    failed++;
                    result.put("ErrorCode", "MalformedDetail");
                    result.put("ErrorMessage", "Detail is not a JSON object");
                }
            }
            results.add(result);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedEntryCount", failed);
        response.put("Entries", results);
        send(exchange, 200, Json.write(response));
    }

    /** Lambda's synchronous Invoke: the payload is the answer; a function error is flagged by a header, as on AWS. */
    private void invoke(HttpExchange exchange, String name) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, error("MethodNotAllowed", "Invoke is a POST"));
            return;
        }
        LocalFunction function = functions.apply(name);
        if (function == null) {
            send(exchange, 404, error("ResourceNotFoundException", "Function not found: " + name));
            return;
        }
        byte[] payload = exchange.getRequestBody().readAllBytes();
        byte[] answer;
        try {
            answer = function.invoke(payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload);
        } catch (LocalFunction.ThrottledException e) {
            send(exchange, 429, error("TooManyRequestsException", "Rate Exceeded."));
            return;
        } catch (LocalFunction.InvocationException e) {
            String document = e.errorDocument() != null ? e.errorDocument()
                    : Json.write(Map.of("errorMessage", String.valueOf(e.getMessage()), "errorType", "Runtime.Unknown"));
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            sendBytes(exchange, 200, "application/json", document.getBytes(StandardCharsets.UTF_8));
            return;
        }
        sendBytes(exchange, 200, "application/json", answer);
    }

    /** A bus named by name or ARN. */
    private static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            return "default";
        }
        int slash = nameOrArn.lastIndexOf('/');
        return nameOrArn.startsWith("arn:") && slash > 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }

    /** The most parameters one GetParametersByPath page holds, and the page size when MaxResults is not given. */
    private static final int MAX_RESULTS = 10;

    /** Parameter Store's GetParameter: one parameter by name or ARN; a {@code name:version} selector names the current version only. */
    private void getParameter(HttpExchange exchange, Object request) throws IOException {
        String requested = JsonRead.string(request, "Name");
        if (requested == null || requested.isBlank()) {
            send(exchange, 400, error("ValidationException", "Name is required"));
            return;
        }
        if (!decrypting(exchange, request)) {
            return;
        }
        // Names cannot hold ':'; after the ARN is taken off, one introduces a version selector.
        String name = LocalSecrets.nameOf(requested);
        String selector = null;
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            selector = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        Optional<LocalSecrets.Parameter> parameter = secrets.parameter(name);
        if (parameter.isEmpty()) {
            send(exchange, 400, error("ParameterNotFound", "Parameter " + LocalSecrets.nameOf(name) + " not found (see " + secrets.file() + ")"));
            return;
        }
        if (selector != null && !selector.equals(Long.toString(parameter.get().version()))) {
            send(exchange, 400, error("ParameterVersionNotFound", "the local stack keeps the current version of "
                    + parameter.get().name() + " only (version " + parameter.get().version() + ")"));
            return;
        }
        send(exchange, 200, Json.write(Map.of("Parameter", describe(parameter.get()))));
    }

    /** Parameter Store's GetParametersByPath: the parameters under a path, at most ten a page, NextToken between pages. */
    private void getParametersByPath(HttpExchange exchange, Object request) throws IOException {
        String path = JsonRead.string(request, "Path");
        if (path == null || !path.startsWith("/")) {
            send(exchange, 400, error("ValidationException", "Path must start with /"));
            return;
        }
        if (!decrypting(exchange, request)) {
            return;
        }
        Object maxResults = request instanceof Map<?, ?> map ? map.get("MaxResults") : null;
        int pageSize = maxResults instanceof Number n ? n.intValue() : MAX_RESULTS;
        if (pageSize < 1 || pageSize > MAX_RESULTS) {
            send(exchange, 400, error("ValidationException", "MaxResults must be between 1 and " + MAX_RESULTS));
            return;
        }
        int from;
        try {
            String token = JsonRead.string(request, "NextToken");
            from = token == null ? 0 : Integer.parseInt(token);
        } catch (NumberFormatException e) {
            send(exchange, 400, error("InvalidNextToken", "the NextToken is not one this endpoint gave"));
            return;
        }
        boolean recursive = request instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("Recursive"));
        List<LocalSecrets.Parameter> all = secrets.under(path, recursive);
        if (from < 0 || from > all.size()) {
            send(exchange, 400, error("InvalidNextToken", "the NextToken is not one this endpoint gave"));
            return;
        }
        List<Object> page = new ArrayList<>();
        for (LocalSecrets.Parameter parameter : all.subList(from, Math.min(all.size(), from + pageSize))) {
            page.add(describe(parameter));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Parameters", page);
        if (from + pageSize < all.size()) {
            response.put("NextToken", Integer.toString(from + pageSize));
        }
        send(exchange, 200, Json.write(response));
    }

    /**
     * Parameter Store's PutParameter, SecureString only: a new parameter, or with {@code Overwrite} the
     * next version of an existing one (ParameterAlreadyExists without it). The value goes to the local file.
     */
    private void putParameter(HttpExchange exchange, Object request) throws IOException {
        String name = JsonRead.string(request, "Name");
        String value = JsonRead.string(request, "Value");
        if (name == null || value == null || !LocalSecrets.nameOf(name).startsWith("/")) {
            send(exchange, 400, error("ValidationException", "Name (a path starting with /) and Value are required"));
            return;
        }
        String type = JsonRead.string(request, "Type");
        if (type != null && !"SecureString".equals(type)) {
            send(exchange, 400, error("UnsupportedParameterType", "the local stack keeps SecureString parameters only, not " + type));
            return;
        }
        boolean overwrite = request instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("Overwrite"));
        if (type == null && !secrets.configured(LocalSecrets.nameOf(name))) {
            send(exchange, 400, error("ValidationException", "Type is required to create parameter " + name));
            return;
        }
        switch (secrets.put(name, value, overwrite)) {
            case LocalSecrets.PutOutcome.Stored stored -> send(exchange, 200, Json.write(Map.of("Version", stored.version(), "Tier", "Standard")));
            case LocalSecrets.PutOutcome.AlreadyExists ignored -> send(exchange, 400, error("ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."));
        }
    }

    /**
     * Whether the request asks for decrypted values; answers a refusal when it does not. Parameter
     * Store would answer the KMS ciphertext, which a stand-in without KMS cannot make.
     */
    private static boolean decrypting(HttpExchange exchange, Object request) throws IOException {
        if (request instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("WithDecryption"))) {
            return true;
        }
        send(exchange, 400, error("ValidationException", "the local stack answers SecureString values decrypted only: set WithDecryption"));
        return false;
    }

    /** A parameter as GetParameter and GetParametersByPath describe it. */
    private static Map<String, Object> describe(LocalSecrets.Parameter parameter) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("Name", parameter.name());
        described.put("Type", "SecureString");
        described.put("Value", parameter.value());
        described.put("Version", parameter.version());
        described.put("LastModifiedDate", Instant.now().getEpochSecond());
        described.put("ARN", LocalSecrets.arn(parameter.name()));
        described.put("DataType", "text");
        return described;
    }

    private static String error(String type, String message) {
        return Json.write(Map.of("__type", type, "message", message));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        sendBytes(exchange, status, "application/x-amz-json-1.1", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
