package socialdesk.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;

/**
 * The posts API over HTTP: the local stack's function URL (no credentials) or the deployed one,
 * each request signed with SigV4 by a {@link FunctionUrlSigner}. Answers status and parsed JSON body; an API
 * that cannot be reached is a {@link CliException} with {@code unreachable} as its message.
 */
final class PostsApi {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** An answer: the status and the JSON body (null when there was none). */
    record Response(int status, Object body) {
        String errorCode() {
            return JsonRead.string(body, "error", "code");
        }

        String errorMessage() {
            String message = JsonRead.string(body, "error", "message");
            return message != null ? message : "HTTP " + status;
        }

        List<String> problems() {
            List<Object> problems = JsonRead.list(body, "error", "problems");
            return problems == null ? List.of() : problems.stream().map(String::valueOf).toList();
        }

        /** The API's reason in one line: its problems when it gave some, its message otherwise. */
        String reason() {
            List<String> problems = problems();
            return problems.isEmpty() ? errorMessage() : String.join("; ", problems);
        }
    }

    /** Longer than the function's own timeout (60 s): a reply waits for the platform. */
    static final Duration TIMEOUT = Duration.ofSeconds(65);

    private final URI base;
    private final FunctionUrlSigner signer;
    private final String unreachable;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base        the function URL (with or without the trailing slash)
     * @param signer      signs each request; null for the local stack
     * @param unreachable the message when nothing answers at {@code base}
     */
    PostsApi(URI base, FunctionUrlSigner signer, String unreachable) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.signer = signer;
        this.unreachable = unreachable;
    }

    URI base() {
        return base;
    }

    Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    /**
     * {@code PUT}s {@code body} to a presigned URL the API handed out (an upload to the media bucket):
     * not signed again, since the URL carries its own signature. Answers the status.
     */
    int put(URI presigned, Map<String, Object> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(presigned).timeout(TIMEOUT).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            // Content-Length is signed too; java.net.http sends it itself, from the body.
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, String.valueOf(value));
            }
        });
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (HttpTimeoutException e) {
            throw CliException.failed("the upload to " + presigned.getHost() + " did not finish within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw CliException.failed("cannot upload to " + presigned.getHost() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    Response send(String method, String pathAndQuery, Object jsonBody) {
        URI uri = URI.create(base + pathAndQuery);
        byte[] body = jsonBody == null ? new byte[0] : Json.write(jsonBody).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("accept", "application/json");
        if (body.length > 0) {
            headers.put("content-type", "application/json");
        }
        if (signer != null) {
            headers = signer.sign(method, uri, headers, body);
        }
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw CliException.failed(unreachable);
        } catch (HttpTimeoutException e) {
            throw CliException.failed("the posts API at " + base + " did not answer within " + TIMEOUT.toSeconds()
                    + " s (a reply is safe to ask for again: it is never posted twice)");
        } catch (IOException e) {
            throw CliException.failed(e.getCause() instanceof ConnectException ? unreachable
                    : "cannot reach the posts API at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        Object parsed = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                parsed = Json.parse(text);
            } catch (JsonException e) {
                throw CliException.failed("the posts API at " + base + " answered HTTP " + response.statusCode()
                        + " with a body that is not JSON" + (response.statusCode() == 403 ? " (is the request signed by an allowed principal?)" : ""));
            }
        }
        if (response.statusCode() == 403 && JsonRead.string(parsed, "error", "code") == null) {
            String message = JsonRead.string(parsed, "Message") != null ? JsonRead.string(parsed, "Message") : JsonRead.string(parsed, "message");
            throw CliException.failed("the posts API refused the request (403" + (message == null ? "" : ": " + message)
                    + "); the credentials need lambda:InvokeFunctionUrl on the function");
        }
        return new Response(response.statusCode(), parsed);
    }
}
