package socialdesk.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API, served on loopback for one function's runtime (the Runtime Interface
 * Client in a child JVM): {@code GET /2018-06-01/runtime/invocation/next} hands out the next event
 * (blocking until there is one), {@code POST .../invocation/<id>/response} and {@code .../error}
 * answer it, and {@code POST .../init/error} reports a failed init. A runtime started as SnapStart
 * starts one ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) runs its {@code beforeCheckpoint}
 * hooks after init and then asks {@code GET .../restore/next}, answered at once, as a restore would
 * be, so its {@code afterRestore} hooks run before its first {@code /next}; a failing hook is
 * reported with {@code POST .../restore/error}. One invocation at a time, as a Lambda execution
 * environment does; callers queue.
 */
public final class RuntimeApiServer implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";

    /** The answer of one invocation: the response bytes, or the function's error document. */
    public record Result(byte[] body, boolean error, String errorType) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Invocation(String requestId, byte[] event, long deadlineMs, CompletableFuture<Result> result) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final LinkedBlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean closed;

    public RuntimeApiServer(String functionArn) {
        this.functionArn = functionArn;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback: " + e.getMessage(), e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Completes with System.nanoTime() of the runtime's first {@code /next}: init is over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes with the error document the runtime reported from {@code /init/error} (or {@code /restore/error}). */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Queues an event; the future completes when the runtime answers it. */
    public CompletableFuture<Result> submit(byte[] event, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("runtime API closed"));
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
        pending.add(invocation);
        return invocation.result();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("restore/next")) {
                send(exchange, 200, "");
            } else if (method.equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                String body = body(exchange);
                initError.complete(body);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = parts.length == 3 ? inFlight.remove(parts[1]) : null;
                if (invocation == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                switch (parts[2]) {
                    case "response" -> invocation.result().complete(new Result(body, false, null));
                    case "error" -> invocation.result().complete(new Result(body, true,
                            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                    default -> {
                        inFlight.put(invocation.requestId(), invocation);
                        send(exchange, 404, "{\"errorMessage\":\"not found\"}");
                        return;
                    }
                }
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"not found\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Invocation invocation;
        try {
            do {
                invocation = pending.poll(500, TimeUnit.MILLISECONDS);
            } while (invocation == null && !closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length == 0 ? -1 : invocation.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event());
        }
    }

    /**
     * Fails every waiting and running invocation, e.g. when the runtime process died. Those the
     * runtime never took fail with {@link NotDeliveredException}: they never ran, so the caller may
     * hand them to a fresh environment, as Lambda does.
     */
    public void failAll(String reason) {
        Invocation invocation;
        while ((invocation = pending.poll()) != null) {
            invocation.result().completeExceptionally(new NotDeliveredException(reason));
        }
        IllegalStateException failure = new IllegalStateException(reason);
        inFlight.values().forEach(i -> i.result().completeExceptionally(failure));
        inFlight.clear();
    }

    /** An invocation that failed before the runtime took it: the function never saw the event. */
    public static final class NotDeliveredException extends IllegalStateException {
        NotDeliveredException(String reason) {
            super(reason);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        failAll("runtime API closed");
        server.stop(0);
        executor.shutdownNow();
    }
}
