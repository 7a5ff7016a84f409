package socialdesk.postsapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.reply.ReplyRefusedException;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.InvalidCursorException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostConflictException;
import socialdesk.core.post.PostNotFoundException;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQueue;
import socialdesk.core.schedule.CadenceJson;
import socialdesk.core.schedule.InvalidCadenceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Lambda entry point of {@code posts-api}, behind a function URL (AuthType AWS_IAM, so every caller
 * is a signed IAM principal), and behind the console's HTTP API (a Cognito JWT authorizer): both send
 * payload format 2.0, so one handler serves both and logs who called ({@link Caller}). Reads the function URL event (payload format 2.0), routes it, and
 * answers a function URL response with a JSON body; errors are
 * {@code {"error": {"code", "message", "problems"?}}}, never an exception's text.
 *
 * <pre>
 * POST   /media                 where to upload an image: a presigned PUT and the media:// url a post's image then carries
 * POST   /posts                 create (201; 200 for a retry with the same clientToken)
 * POST   /posts/validate        each platform's counts and every problem, nothing saved (the composer)
 * GET    /posts                 list: ?status=QUEUED,FAILED&amp;from=&amp;to=&amp;limit=&amp;next=
 * GET    /posts/{id}            one post with its deliveries
 * PATCH  /posts/{id}            edit or reschedule while QUEUED
 * DELETE /posts/{id}            cancel while QUEUED
 * POST   /posts/{id}/deliveries/{platform}/confirm   an UNCERTAIN delivery is on the platform ({"url"?, "remoteId"?, "note"?})
 * POST   /posts/{id}/deliveries/{platform}/resend    an UNCERTAIN delivery is not: send it again ({"note"?})
 * GET    /cadence/{platform}    posting slots
 * PUT    /cadence/{platform}    set posting slots
 * GET    /comments              and /comments/{platform}/{commentId}[/reply|/hide|/unhide|/dismiss]: see {@link CommentRoutes}
 * GET    /engagement            what the posts published in ?from=&amp;to= drew, per post, platform and hour: see {@link EngagementRoutes}
 * GET    /accounts              per platform: credentials stored (never their values) and expiry, blocked or not, evergreen rotation: see {@link AccountsRoutes}
 * </pre>
 */
public final class PostsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Larger bodies are refused (413): no post or cadence comes anywhere near it. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern POST_PATH = Pattern.compile("/posts/([^/]+)");
    private static final Pattern CADENCE_PATH = Pattern.compile("/cadence/([^/]+)");
    private static final Pattern DECISION_PATH = Pattern.compile("/posts/([^/]+)/deliveries/([^/]+)/(confirm|resend)");

    /** A read of a post that can never exist (ids are generated UUIDs): the whole GET path, 404, no data changed. */
    static final APIGatewayV2HTTPEvent PRIMING_EVENT = APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRawPath("/posts/priming-never-exists")
            .withRawQueryString("")
            .withHeaders(Map.of("accept", "application/json"))
            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/posts/priming-never-exists").build())
                    .build())
            .withIsBase64Encoded(false)
            .build();

    private final PostsService service;
    /** Null when built for the posts routes alone (tests of those). */
    private final CommentRoutes comments;
    /** Null when built for the posts routes alone (tests of those). */
    private final EngagementRoutes engagement;
    /** Null when built for the posts routes alone (tests of those). */
    private final AccountsRoutes accounts;
    private final DeskMetrics metrics;
    /** Kept: the CRaC context holds its resources weakly. Null when built by tests. */
    private final Priming priming;

    /**
     * Used by Lambda: the DynamoDB client and the stores are built once per container; before a
     * SnapStart snapshot the client is primed and a read-only request runs through the handler.
     */
    public PostsApiHandler() {
        this(PostsApiWiring.fromEnvironment());
    }

    private PostsApiHandler(PostsApiWiring.Wired wired) {
        this.service = wired.service();
        this.comments = wired.comments();
        this.engagement = wired.engagement();
        this.accounts = wired.accounts();
        this.metrics = wired.metrics();
        this.priming = withHandlerStep(wired.priming(), this).build().register();
    }

    /** The posts and cadence routes only. */
    PostsApiHandler(PostsService service) {
        this(service, null, DeskMetrics.NONE);
    }

    PostsApiHandler(PostsService service, CommentRoutes comments, DeskMetrics metrics) {
        this(service, comments, null, metrics);
    }

    PostsApiHandler(PostsService service, CommentRoutes comments, EngagementRoutes engagement, DeskMetrics metrics) {
        this(service, comments, engagement, null, metrics);
    }

    PostsApiHandler(PostsService service, CommentRoutes comments, EngagementRoutes engagement, AccountsRoutes accounts,
                    DeskMetrics metrics) {
        this.service = service;
        this.comments = comments;
        this.engagement = engagement;
        this.accounts = accounts;
        this.metrics = metrics;
        this.priming = null;
    }

    /** Adds the read-only handler request to the client's priming steps. */
    static Priming.Builder withHandlerStep(Priming.Builder priming, PostsApiHandler handler) {
        return priming.prime("handler GET /posts/{id} (404)", () -> handler.handleRequest(PRIMING_EVENT, null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        APIGatewayV2HTTPResponse response;
        String method = null;
        String path = null;
        try {
            if (event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
                method = event.getRequestContext().getHttp().getMethod();
                path = event.getRawPath();
            }
            if (method == null || path == null) {
                throw new ApiException(400, "invalid_event", "not a function URL request");
            }
            response = route(method, normalise(withoutStage(path, event)), event);
        } catch (ApiException e) {
            response = error(e.status(), e.code(), e.getMessage(), e.problems());
        } catch (ReplyRefusedException e) {
            response = error(CommentRoutes.status(e.reason()), e.reason().code(), e.getMessage(), e.problems());
        } catch (InvalidCadenceException e) {
            response = error(400, "validation_failed", "the cadence has " + e.problems().size() + " problem(s)", e.problems());
        } catch (PostConflictException e) {
            response = error(409, e.code(), e.getMessage(), List.of());
        } catch (PostNotFoundException e) {
            response = error(404, "post_not_found", e.getMessage(), List.of());
        } catch (InvalidCursorException e) {
            response = error(400, "invalid_cursor", e.getMessage(), List.of());
        } catch (JsonException e) {
            response = error(400, "invalid_json", "the body is not valid JSON", List.of());
        } catch (RuntimeException e) {
            JsonLog.error("posts-api request failed", "requestId", requestId, "method", method, "path", path,
                    "error", e.getClass().getName(), "detail", String.valueOf(e.getMessage()));
            response = storageUnavailable(e)
                    ? busy(requestId)
                    : error(500, "internal_error", "something went wrong on our side; try again (request " + requestId + ")", List.of());
        } finally {
            metrics.flush();
        }
        JsonLog.info("posts-api request", "requestId", requestId, "method", method, "path", path, "caller", Caller.of(event),
                "status", response.getStatusCode());
        return response;
    }

    private APIGatewayV2HTTPResponse route(String method, String path, APIGatewayV2HTTPEvent event) {
        if (path.equals("/posts")) {
            return switch (method) {
                case "POST" -> {
                    PostsService.Created created = service.create(body(event));
                    APIGatewayV2HTTPResponse response = json(created.created() ? 201 : 200, postJson(created.post()));
                    response.getHeaders().put("location", "/posts/" + created.post().id());
                    yield response;
                }
                case "GET" -> json(200, pageJson(service.list(queryParameters(event))));
                default -> notAllowed("GET, POST");
            };
        }
        if (path.equals("/media")) {
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            return json(201, service.offerUpload(body(event)));
        }
        if (comments != null && path.equals("/comments")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            CommentRoutes.Answer answer = comments.list(queryParameters(event));
            return json(answer.status(), answer.body());
        }
        if (engagement != null && path.equals("/engagement")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            return json(200, engagement.read(queryParameters(event)));
        }
        if (accounts != null && path.equals("/accounts")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            return json(200, accounts.read(queryParameters(event)));
        }
        Matcher comment = CommentRoutes.COMMENT_PATH.matcher(path);
        if (comments != null && comment.matches()) {
            Object body = method.equals("POST") ? optionalBody(event) : null;
            CommentRoutes.Answer answer = comments.route(method, comment, body, caller(event));
            return json(answer.status(), answer.body());
        }
        if (path.equals("/posts/validate")) {
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            return json(200, validationJson(service.validate(body(event))));
        }
        Matcher post = POST_PATH.matcher(path);
        if (post.matches()) {
            String id = post.group(1);
            if (!PostQueue.validId(id)) {
                throw new PostNotFoundException(id);
            }
            return switch (method) {
                case "GET" -> {
                    Post found = service.get(id);
                    Map<String, Object> body = postJson(found);
                    body.put("deliveries", service.deliveries(found).stream().map(PostsApiHandler::deliveryJson).toList());
                    yield json(200, body);
                }
                case "PATCH" -> json(200, postJson(service.update(id, body(event))));
                case "DELETE" -> {
                    PostsService.Cancellation cancellation = service.cancel(id);
                    Map<String, Object> body = postJson(cancellation.post());
                    body.put("alreadyCancelled", cancellation.alreadyCancelled());
                    yield json(200, body);
                }
                default -> notAllowed("GET, PATCH, DELETE");
            };
        }
        Matcher decision = DECISION_PATH.matcher(path);
        if (decision.matches()) {
            String id = decision.group(1);
            if (!PostQueue.validId(id)) {
                throw new PostNotFoundException(id);
            }
            Platform platform = platform(decision.group(2));
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            Object body = event.getBody() == null || event.getBody().isBlank() ? null : body(event);
            return json(200, deliveryJson(service.decide(id, platform, decision.group(3).equals("confirm"), body, caller(event))));
        }
        Matcher cadence = CADENCE_PATH.matcher(path);
        if (cadence.matches()) {
            Platform platform = platform(cadence.group(1));
            return switch (method) {
                case "GET" -> json(200, CadenceJson.write(service.getCadence(platform)));
                case "PUT" -> json(200, CadenceJson.write(service.putCadence(platform, body(event))));
                default -> notAllowed("GET, PUT");
            };
        }
        throw new ApiException(404, "route_not_found", "no route " + method + " " + path
                + "; the routes are /media, /posts, /posts/{id}, /posts/{id}/deliveries/{platform}/confirm|resend, /cadence/{platform}, /comments, /engagement and /accounts");
    }

    private static Platform platform(String id) {
        try {
            return Platform.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "platform_not_found", "no platform '" + id + "'; use one of "
                    + java.util.Arrays.stream(Platform.values()).map(Platform::id).toList());
        }
    }

    /** The body when there is one (hide and unhide need none), else an empty object. */
    private static Object optionalBody(APIGatewayV2HTTPEvent event) {
        return event.getBody() == null || event.getBody().isBlank() ? Map.of() : body(event);
    }

    /**
     * Who is asking: the IAM principal's ARN, or {@code console:<name>} for a console user (see
     * {@link Caller}); {@code local} on the local stack's function URL, which signs nothing.
     */
    static String caller(APIGatewayV2HTTPEvent event) {
        String caller = Caller.of(event);
        return caller == null ? "local" : caller;
    }

    /** The request body, parsed: base64 decoded when Lambda says so, at most {@link #MAX_BODY_BYTES}, UTF-8. */
    private static Object body(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null || raw.isBlank()) {
            throw new ApiException(400, "invalid_body", "a JSON body is required");
        }
        if (raw.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
            throw tooLarge();
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw.strip());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_body", "the body is marked base64 but is not");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return Json.parse(bytes);
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "body_too_large", "the body is larger than " + MAX_BODY_BYTES / 1024 + " KB");
    }

    private static Map<String, String> queryParameters(APIGatewayV2HTTPEvent event) {
        Map<String, String> out = new LinkedHashMap<>();
        if (event.getQueryStringParameters() != null) {
            out.putAll(event.getQueryStringParameters());
        }
        return out;
    }

    /**
     * The route's path: an HTTP API stage other than {@code $default} (the console's {@code api}
     * stage, reached at {@code /api/*} through CloudFront) prefixes the raw path with its name.
     */
    private static String withoutStage(String path, APIGatewayV2HTTPEvent event) {
        String stage = event.getRequestContext().getStage();
        if (stage == null || stage.isEmpty() || stage.equals("$default")) {
            return path;
        }
        String prefix = "/" + stage;
        return path.equals(prefix) ? "/" : path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static Map<String, Object> postJson(Post post) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", post.id());
        out.put("text", post.content().text());
        out.put("link", post.content().link());
        out.put("images", post.content().images().stream().map(i -> Map.of("url", i.url(), "alt", i.alt())).toList());
        out.put("platforms", post.platforms().stream().map(Platform::id).toList());
        out.put("dueAt", post.dueAt().toString());
        out.put("status", post.status().name());
        out.put("version", post.version());
        out.put("createdAt", post.createdAt() == null ? null : post.createdAt().toString());
        out.put("evergreen", post.evergreen());
        out.put("evergreenOf", post.evergreenOf());
        return out;
    }

    private static Map<String, Object> deliveryJson(Delivery d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platform", d.platform().id());
        out.put("status", d.status().name());
        out.put("attempts", d.attempts());
        out.put("remoteId", d.remoteId());
        out.put("url", d.remoteUrl());
        out.put("lastError", d.lastError());
        out.put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        out.put("inDoubtSince", d.inDoubtSince() == null ? null : d.inDoubtSince().toString());
        out.put("decision", d.decision());
        return out;
    }

    private static Map<String, Object> validationJson(PostsService.Validation validation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", validation.problems().isEmpty());
        out.put("problems", validation.problems());
        out.put("platforms", validation.counts().entrySet().stream().map(e -> {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("platform", e.getKey().id());
            platform.put("counts", e.getValue().stream().map(c -> {
                Map<String, Object> count = new LinkedHashMap<>();
                count.put("count", c.count());
                count.put("limit", c.limit());
                count.put("unit", c.unit());
                count.put("over", c.over());
                return count;
            }).toList());
            return platform;
        }).toList());
        return out;
    }

    private static Map<String, Object> pageJson(PostPage page) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("posts", page.posts().stream().map(PostsApiHandler::postJson).toList());
        out.put("next", page.next());
        return out;
    }

    private static APIGatewayV2HTTPResponse notAllowed(String allow) {
        APIGatewayV2HTTPResponse response = error(405, "method_not_allowed", "this route allows " + allow, List.of());
        response.getHeaders().put("allow", allow);
        return response;
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, List<String> problems) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!problems.isEmpty()) {
            error.put("problems", problems);
        }
        return json(status, Map.of("error", error));
    }

    /** DynamoDB or the media bucket timed out, throttled or failed on its side, every attempt the call budget allows. */
    private static boolean storageUnavailable(RuntimeException e) {
        return e instanceof S3MediaBucket.UnavailableException
                || e instanceof SdkClientException
                || e instanceof SdkServiceException service && (service.statusCode() >= 500 || service.isThrottlingException());
    }

    /**
     * The store timed out or throttled past the call budget: nothing about the request was wrong, so
     * a 503 with Retry-After says to send the same request again (a create with its clientToken
     * replays safely) instead of a 500 that reads as a fault.
     */
    private static APIGatewayV2HTTPResponse busy(String requestId) {
        APIGatewayV2HTTPResponse response = error(503, "busy",
                "the desk's storage did not answer in time; send the same request again (request " + requestId + ")", List.of());
        response.getHeaders().put("retry-after", "1");
        return response;
    }

    /** A JSON response; its headers stay mutable so a route can add {@code location} or {@code allow}. */
    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(body))
                .withIsBase64Encoded(false)
                .build();
    }
}
