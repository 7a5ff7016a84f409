package socialdesk.platforms.fake;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakePlatformServer.Reply;

/**
 * Mastodon's media endpoints as {@link FakeMastodon} serves them: {@code POST /api/v2/media}
 * (multipart: a {@code file} part with a file name and an image type, an optional
 * {@code description} of at most {@value #MAX_DESCRIPTION} characters), answered 200 with the
 * attachment, or 202 without its {@code url} while {@link #processNext} says it is still processing;
 * {@code GET /api/v1/media/:id} answers 206 until processing is done, then 200. A status may name at
 * most {@value #MAX_ATTACHMENTS} attachments, each uploaded here, processed and not yet used:
 * otherwise 422 with Mastodon's validation text.
 */
public final class MastodonMediaEndpoints {
    static final String MEDIA = "/api/v2/media";
    static final String MEDIA_V1 = "/api/v1/media";
    public static final int MAX_DESCRIPTION = 1500;
    public static final int MAX_ATTACHMENTS = 4;

    /** One uploaded attachment; {@code statusId} is null until a status uses it. */
    public record Attachment(String id, String description, String fileName, String contentType, int bytes,
                             int checksLeft, String statusId) {
    }

    private final Supplier<URI> baseUri;
    private final Consumer<String> violation;
    private final Map<String, Attachment> attachments = new LinkedHashMap<>(); // guarded by this
    private long nextId = 110_000_000_000_000_000L;                             // guarded by this
    private int processing;                                                     // guarded by this

    MastodonMediaEndpoints(Supplier<URI> baseUri, Consumer<String> violation) {
        this.baseUri = baseUri;
        this.violation = violation;
    }

    /** The next {@code uploads} uploads answer 202 and need {@code checks} reads before they are ready. */
    public synchronized void processNext(int uploads) {
        processing = uploads;
    }

    /** Every attachment uploaded, in order. */
    public synchronized List<Attachment> uploads() {
        return List.copyOf(attachments.values());
    }

    synchronized Reply handle(RecordedRequest request, String accessToken) {
        if (!accessToken.equals(request.bearer())) {
            return Reply.json(401, Map.of("error", "The access token is invalid"));
        }
        if (request.method().equals("POST") && request.path().equals(MEDIA)) {
            return upload(request);
        }
        if (request.method().equals("GET") && request.path().startsWith(MEDIA_V1 + "/")) {
            Attachment attachment = attachments.get(request.path().substring(MEDIA_V1.length() + 1));
            if (attachment == null) {
                return Reply.json(404, Map.of("error", "Record not found"));
            }
            if (attachment.checksLeft() > 0) {
                attachments.put(attachment.id(), with(attachment, attachment.checksLeft() - 1, attachment.statusId()));
                return Reply.json(206, json(attachment, false));
            }
            return Reply.json(200, json(attachment, true));
        }
        violation.accept("unexpected " + request.method() + " " + request.path());
        return Reply.json(404, Map.of("error", "Record not found"));
    }

    private Reply upload(RecordedRequest request) {
        MultipartBody body = MultipartBody.parse(request.header("Content-Type"), request.bytes());
        if (body.problem() != null) {
            violation.accept("media upload: " + body.problem());
            return Reply.json(422, Map.of("error", "Validation failed: File can't be blank"));
        }
        MultipartBody.Part file = body.part("file");
        if (file == null || file.fileName() == null || file.bytes().length == 0) {
            violation.accept("media upload without a file part");
            return Reply.json(422, Map.of("error", "Validation failed: File can't be blank"));
        }
        if (file.contentType() == null || !file.contentType().startsWith("image/")) {
            return Reply.json(422, Map.of("error", "Validation failed: File content type is invalid"));
        }
        MultipartBody.Part description = body.part("description");
        String alt = description == null ? null : description.text();
        if (alt != null && alt.codePointCount(0, alt.length()) > MAX_DESCRIPTION) {
            return Reply.json(422, Map.of("error", "Validation failed: Description is too long (maximum is "
                    + MAX_DESCRIPTION + " characters)"));
        }
        boolean later = processing > 0;
        if (later) {
            processing--;
        }
        Attachment attachment = new Attachment(Long.toString(nextId++), alt, file.fileName(), file.contentType(),
                file.bytes().length, later ? 1 : 0, null);
        attachments.put(attachment.id(), attachment);
        return Reply.json(later ? 202 : 200, json(attachment, !later));
    }

    /** Null when a status may use these attachments; otherwise Mastodon's validation text. */
    synchronized String attachable(List<String> ids) {
        if (ids.size() > MAX_ATTACHMENTS) {
            return "Validation failed: Media attachments can't exceed " + MAX_ATTACHMENTS;
        }
        for (String id : ids) {
            Attachment attachment = attachments.get(id);
            if (attachment == null || attachment.statusId() != null) {
                return "Validation failed: Media attachments are invalid";
            }
            if (attachment.checksLeft() > 0) {
                return "Cannot attach files that have not finished processing. Try again in a moment!";
            }
        }
        return null;
    }

    /** Marks the attachments as used by {@code statusId}; their JSON, as a status shows them. */
    synchronized List<Object> attach(String statusId, List<String> ids) {
        List<Object> shown = new ArrayList<>();
        for (String id : ids) {
            Attachment attached = with(attachments.get(id), 0, statusId);
            attachments.put(id, attached);
            shown.add(json(attached, true));
        }
        return shown;
    }

    /** The {@code media_ids} of a status request (JSON list or form {@code media_ids[]}). */
    static List<String> mediaIds(RecordedRequest request) {
        String type = request.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            try {
                return JsonRead.list(request.json(), "media_ids").stream().map(String::valueOf).toList();
            } catch (JsonException e) {
                return List.of();
            }
        }
        List<String> ids = new ArrayList<>();
        for (String pair : request.body().split("&")) {
            if (pair.startsWith("media_ids%5B%5D=") || pair.startsWith("media_ids[]=")) {
                ids.add(pair.substring(pair.indexOf('=') + 1));
            }
        }
        return ids;
    }

    private static Attachment with(Attachment a, int checksLeft, String statusId) {
        return new Attachment(a.id(), a.description(), a.fileName(), a.contentType(), a.bytes(), checksLeft, statusId);
    }

    private Map<String, Object> json(Attachment attachment, boolean ready) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", attachment.id());
        json.put("type", "image");
        json.put("url", ready ? baseUri.get() + "/system/media_attachments/" + attachment.id() + "/original" : null);
        json.put("preview_url", baseUri.get() + "/system/media_attachments/" + attachment.id() + "/small");
        json.put("description", attachment.description());
        return json;
    }
}
