package socialdesk.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.IngestReport;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.log.JsonLog;
import socialdesk.core.webhook.LinkedInPayloadParser;
import socialdesk.core.webhook.MalformedPayloadException;
import socialdesk.core.webhook.MetaPayloadParser;
import socialdesk.core.webhook.ParsedDelivery;
import socialdesk.core.webhook.PayloadParser;
import socialdesk.core.webhook.WebhookSignatures;
import socialdesk.core.webhook.XPayloadParser;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The three webhook routes. Every request is answered with a status that tells the platform what
 * to do: 200 only once everything the delivery carries is stored; 4xx (nothing stored) for what a
 * retry cannot fix; 500 only when the infrastructure failed, so the platform retries.
 *
 * <table>
 *   <tr><td>404</td><td>unknown route, or a platform this deployment has no secret for</td></tr>
 *   <tr><td>405</td><td>a method other than GET (handshake) or POST (delivery)</td></tr>
 *   <tr><td>413</td><td>a body over 256 KB</td></tr>
 *   <tr><td>401</td><td>no signature header</td></tr>
 *   <tr><td>403</td><td>a signature or verify token that does not match</td></tr>
 *   <tr><td>400</td><td>a handshake without its parameter; a body that is not UTF-8 JSON of the platform's shape</td></tr>
 *   <tr><td>500</td><td>the table, the bus or Parameter Store failed</td></tr>
 * </table>
 */
final class PlatformWebhooks {
    /** Largest body accepted, in bytes (after base64 decoding). */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** Longest handshake challenge echoed back. */
    private static final int MAX_CHALLENGE_CHARS = 256;

    enum Route {
        META("/webhooks/meta", "x-hub-signature-256", new MetaPayloadParser()),
        X("/webhooks/x", "x-twitter-webhooks-signature", new XPayloadParser()),
        LINKEDIN("/webhooks/linkedin", "x-li-signature", new LinkedInPayloadParser());

        final String path;
        final String signatureHeader;
        final PayloadParser parser;

        Route(String path, String signatureHeader, PayloadParser parser) {
            this.path = path;
            this.signatureHeader = signatureHeader;
            this.parser = parser;
        }

        static Optional<Route> of(String rawPath) {
            if (rawPath == null) {
                return Optional.empty();
            }
            String p = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
            for (Route r : values()) {
                if (r.path.equals(p)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    private final WebhookSecrets secrets;
    private final EngagementIngestion ingestion;
    private final Clock clock;

    PlatformWebhooks(WebhookSecrets secrets, EngagementIngestion ingestion, Clock clock) {
        this.secrets = secrets;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    WebhookResponse handle(WebhookRequest request, String requestId) {
        Optional<Route> found = Route.of(request.path());
        if (found.isEmpty()) {
            return WebhookResponse.error(404, "not_found", "no such route");
        }
        Route route = found.get();
        boolean get = "GET".equals(request.method());
        if (!get && !"POST".equals(request.method())) {
            return WebhookResponse.error(405, "method_not_allowed", "use GET for the handshake and POST for deliveries")
                    .withHeader("allow", "GET, POST");
        }
        Optional<Credentials> credentials = credentials(route);
        if (credentials.isEmpty()) {
            return WebhookResponse.error(404, "not_configured", "platform not configured");
        }
        return get ? handshake(route, credentials.get(), request) : delivery(route, credentials.get(), request, requestId);
    }

    /** A route's secret: the signing key, and Meta's verify token. */
    private record Credentials(String signingSecret, String verifyToken) {
    }

    private Optional<Credentials> credentials(Route route) {
        return switch (route) {
            case META -> secrets.meta().map(m -> new Credentials(m.appSecret(), m.verifyToken()));
            case X -> secrets.xConsumerSecret().map(s -> new Credentials(s, null));
            case LINKEDIN -> secrets.linkedInClientSecret().map(s -> new Credentials(s, null));
        };
    }

    // ---------------------------------------------------------------- GET: handshakes

    private WebhookResponse handshake(Route route, Credentials credentials, WebhookRequest request) {
        return switch (route) {
            case META -> {
                String mode = request.query().get("hub.mode");
                String challenge = request.query().get("hub.challenge");
                if (!"subscribe".equals(mode) || !challengeLike(challenge)) {
                    yield WebhookResponse.error(400, "bad_handshake", "expected hub.mode=subscribe and hub.challenge");
                }
                if (!WebhookSignatures.sameSecret(request.query().get("hub.verify_token"), credentials.verifyToken())) {
                    yield WebhookResponse.error(403, "forbidden", "verify token does not match");
                }
                yield WebhookResponse.text(200, challenge);
            }
            case X -> {
                String token = request.query().get("crc_token");
                if (!challengeLike(token)) {
                    yield WebhookResponse.error(400, "bad_handshake", "expected crc_token");
                }
                yield WebhookResponse.json(200, Map.of("response_token",
                        WebhookSignatures.xCrcResponseToken(token, credentials.signingSecret())));
            }
            case LINKEDIN -> {
                String code = request.query().get("challengeCode");
                if (!challengeLike(code)) {
                    yield WebhookResponse.error(400, "bad_handshake", "expected challengeCode");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("challengeCode", code);
                body.put("challengeResponse", WebhookSignatures.linkedInChallengeResponse(code, credentials.signingSecret()));
                yield WebhookResponse.json(200, body);
            }
        };
    }

    /** Challenges are short tokens of printable ASCII; anything else is not echoed back. */
    private static boolean challengeLike(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_CHALLENGE_CHARS) {
            return false;
        }
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    // ---------------------------------------------------------------- POST: deliveries

    private WebhookResponse delivery(Route route, Credentials credentials, WebhookRequest request, String requestId) {
        String raw = request.body() == null ? "" : request.body();
        // Cheap bound before decoding: base64 is 4/3 the size, UTF-8 up to 3 bytes per char.
        if ((request.base64Encoded() ? raw.length() / 4 * 3 : raw.length()) > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body;
        if (request.base64Encoded()) {
            try {
                body = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                return WebhookResponse.error(400, "malformed", "body is not valid base64");
            }
        } else {
            body = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        String signature = request.header(route.signatureHeader);
        if (signature == null || signature.isBlank()) {
            return WebhookResponse.error(401, "unsigned", "missing " + route.signatureHeader);
        }
        boolean valid = switch (route) {
            case META -> WebhookSignatures.verifyMeta(signature, body, credentials.signingSecret());
            case X -> WebhookSignatures.verifyX(signature, body, credentials.signingSecret());
            case LINKEDIN -> WebhookSignatures.verifyLinkedIn(signature, body, credentials.signingSecret());
        };
        if (!valid) {
            JsonLog.warn("webhook signature mismatch", "requestId", requestId, "route", route.path);
            return WebhookResponse.error(403, "bad_signature", "signature does not match");
        }
        ParsedDelivery parsed;
        try {
            parsed = route.parser.parse(Json.parse(strictUtf8(body)), clock.instant());
        } catch (CharacterCodingException e) {
            return WebhookResponse.error(400, "malformed", "body is not UTF-8");
        } catch (JsonException e) {
            return WebhookResponse.error(400, "malformed", "body is not JSON");
        } catch (MalformedPayloadException e) {
            return WebhookResponse.error(400, "malformed", e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug on odd input: nothing is stored, and the input is what a retry would repeat.
            JsonLog.error("payload parser failed", "requestId", requestId, "route", route.path,
                    "error", e.getClass().getName());
            return WebhookResponse.error(400, "malformed", "payload not understood");
        }
        if (parsed.skipped() > 0) {
            JsonLog.warn("delivery entries skipped", "requestId", requestId, "route", route.path, "skipped", parsed.skipped());
        }
        IngestReport report;
        try {
            report = ingestion.ingest(parsed.events());
        } catch (DynamoDbException e) {
            if (e.statusCode() == 400 && e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                // The table refused what the payload carries (too large, a key too long): a retry cannot help.
                JsonLog.error("delivery refused by the table", "requestId", requestId, "route", route.path);
                return WebhookResponse.error(400, "unstorable", "payload cannot be stored");
            }
            throw e;
        }
        JsonLog.info("webhook delivery stored", "requestId", requestId, "route", route.path,
                "events", parsed.events().size(), "stored", report.stored(), "unchanged", report.unchanged(),
                "duplicates", report.duplicates(), "flagged", report.flagged(), "unmatched", report.unmatched(),
                "ignored", parsed.ignored(), "skipped", parsed.skipped());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("events", parsed.events().size());
        summary.put("stored", report.stored());
        summary.put("duplicates", report.duplicates() + report.unchanged());
        summary.put("flagged", report.flagged());
        return WebhookResponse.json(200, summary);
    }

    private static WebhookResponse tooLarge() {
        return WebhookResponse.error(413, "too_large", "body over " + MAX_BODY_BYTES + " bytes");
    }

    private static String strictUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }
}
