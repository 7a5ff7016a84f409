package socialdesk.platforms.meta;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;

/**
 * Calls one Graph host ({@code https://graph.facebook.com/v24.0}, {@code https://graph.threads.net/v1.0})
 * with one access token. POSTs send form fields, GETs query parameters, each with
 * {@code access_token} as the Graph API documents; the token never appears in a reason, and URLs
 * are never put in reasons either.
 */
public final class GraphClient {
    private final PlatformHttp http;
    private final URI versionedBase;
    private final String accessToken;

    /** @param versionedBase base URL including the version segment, no trailing slash */
    public GraphClient(PlatformHttp http, URI versionedBase, String accessToken) {
        this.http = Objects.requireNonNull(http, "http");
        this.versionedBase = Objects.requireNonNull(versionedBase, "versionedBase");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    }

    public PlatformHttp http() {
        return http;
    }

    public Response post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("access_token", accessToken);
        return http.send(http.request(URI.create(versionedBase + "/" + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all)))
                .build());
    }

    public Response get(String path, Map<String, String> params) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("access_token", accessToken);
        return http.send(http.request(URI.create(versionedBase + "/" + path + "?" + form(all))).GET().build());
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The outcome of an unsuccessful answer, with Graph's codes understood. */
    public PublishOutcome failure(Response response) {
        return GraphErrors.outcome(http, response);
    }

    /**
     * Waits for a media container to be ready to publish: reads {@code statusField} of the
     * container every {@code interval} until it is {@code FINISHED}. Null when ready; otherwise the
     * outcome to return ({@code ERROR}: permanent with the platform's message; {@code EXPIRED}, still
     * {@code IN_PROGRESS} after {@code maxWait}, or a failed read: transient, a retry makes a new container).
     */
    public PublishOutcome awaitContainer(String containerId, String statusField, Duration interval, Duration maxWait)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(maxWait);
        String p = http.platform();
        while (true) {
            Response response = get(containerId, Map.of("fields", statusField + ",id"));
            if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS) {
                return failure(response);
            }
            String status = JsonRead.string(response.json(), statusField);
            if ("FINISHED".equals(status)) {
                return null;
            }
            if ("ERROR".equals(status)) {
                String why = JsonRead.string(response.json(), "error_message");
                return new Permanent(p + ": the platform could not process the media" + (why == null ? "" : ": " + why));
            }
            if ("EXPIRED".equals(status) || "PUBLISHED".equals(status)) {
                return new Transient(p + ": media container " + status.toLowerCase(java.util.Locale.ROOT)
                        + " before it was published; a retry makes a new one", null);
            }
            if (!Instant.now().plus(interval).isBefore(deadline)) {
                return new Transient(p + ": media container still " + (status == null ? "not ready" : status)
                        + " after " + maxWait.toSeconds() + " s", null);
            }
            Thread.sleep(interval);
        }
    }

    /**
     * The two-step publish Instagram and Threads share: create a media container under
     * {@code userId}, wait until {@code statusField} says it is ready, publish it, and answer the
     * media id with its permalink.
     *
     * @param containerEdge the edge that creates containers ({@code media}, {@code threads})
     * @param publishEdge   the edge that publishes one ({@code media_publish}, {@code threads_publish})
     */
    public PublishOutcome publishContainer(String userId, String containerEdge, Map<String, String> fields,
                                           String publishEdge, String statusField, ContainerWait wait)
            throws IOException, InterruptedException {
        Response created = post(userId + "/" + containerEdge, fields);
        String containerId = successId(created);
        if (containerId == null) {
            return failureOrMissingId(created, "container");
        }
        PublishOutcome notReady = awaitContainer(containerId, statusField, wait.interval(), wait.maxWait());
        if (notReady != null) {
            return notReady;
        }
        Response published = post(userId + "/" + publishEdge, Map.of("creation_id", containerId));
        String mediaId = successId(published);
        if (mediaId == null) {
            return failureOrMissingId(published, "media");
        }
        return new PublishOutcome.Published(mediaId, permalink(mediaId));
    }

    private static String successId(Response response) {
        return response.statusClass() == PlatformHttp.StatusClass.SUCCESS ? JsonRead.id(response.json(), "id") : null;
    }

    private PublishOutcome failureOrMissingId(Response response, String what) {
        if (response.statusClass() == PlatformHttp.StatusClass.SUCCESS && JsonRead.object(response.json(), "error") == null) {
            return new Transient(http.platform() + ": answer " + response.status() + " carried no " + what + " id", null);
        }
        return failure(response);
    }

    /** The {@code permalink} of a published media, or null when it cannot be read (the post is published either way). */
    public String permalink(String mediaId) {
        try {
            Response response = get(mediaId, Map.of("fields", "permalink"));
            return response.statusClass() == PlatformHttp.StatusClass.SUCCESS
                    ? JsonRead.string(response.json(), "permalink") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
