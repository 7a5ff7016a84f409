package socialdesk.platforms.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakePlatformServer.Reply;

/**
 * X's v2 media endpoints as {@link FakeX} serves them: {@code POST /2/media/upload} (multipart, a
 * {@code media} part of at most {@value #MAX_IMAGE_BYTES} bytes and {@code media_category}
 * {@code tweet_image}), answered {@code {"data": {"id", "media_key", ...}}}; {@code POST
 * /2/media/metadata} ({@code {"id", "metadata": {"alt_text": {"text"}}}}, the text at most
 * {@value #MAX_ALT} characters) for an uploaded id. A post's {@code media.media_ids} must name 1 to
 * {@value #MAX_MEDIA} uploaded ids.
 */
public final class XMediaEndpoints {
    static final String MEDIA = "/2/media/";
    public static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ALT = 1000;
    public static final int MAX_MEDIA = 4;

    /** One upload; {@code altText} is null until its metadata is set. */
    public record Upload(String id, String contentType, int bytes, String altText) {
    }

    private final Consumer<String> violation;
    private final Map<String, Upload> uploads = new LinkedHashMap<>(); // guarded by this
    private long nextId = 1_880_000_000_000_000_000L;                  // guarded by this

    XMediaEndpoints(Consumer<String> violation) {
        this.violation = violation;
    }

    public synchronized List<Upload> uploads() {
        return List.copyOf(uploads.values());
    }

    synchronized Reply handle(RecordedRequest request) {
        if (request.path().equals("/2/media/upload")) {
            return upload(request);
        }
        if (request.path().equals("/2/media/metadata")) {
            return metadata(request);
        }
        violation.accept("unexpected POST " + request.path());
        return Reply.json(404, FakeX.problem(404, "Not Found Error", "Sorry, that page does not exist."));
    }

    private Reply upload(RecordedRequest request) {
        MultipartBody body = MultipartBody.parse(request.header("Content-Type"), request.bytes());
        MultipartBody.Part media = body.problem() == null ? body.part("media") : null;
        if (media == null || media.bytes().length == 0) {
            violation.accept("media upload without a media part: " + body.problem());
            return invalid("media is required");
        }
        MultipartBody.Part category = body.part("media_category");
        if (category != null && !category.text().equals("tweet_image")) {
            violation.accept("media_category " + category.text() + " for an image");
        }
        if (media.bytes().length > MAX_IMAGE_BYTES) {
            return invalid("File size exceeds " + MAX_IMAGE_BYTES + " bytes.");
        }
        String id = Long.toString(nextId++);
        uploads.put(id, new Upload(id, media.contentType(), media.bytes().length, null));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("media_key", "3_" + id);
        data.put("size", media.bytes().length);
        data.put("expires_after_secs", 86_400);
        return Reply.json(200, Map.of("data", data));
    }

    private Reply metadata(RecordedRequest request) {
        String id;
        String alt;
        try {
            Map<String, Object> body = request.json();
            id = JsonRead.string(body, "id");
            alt = JsonRead.string(body, "metadata", "alt_text", "text");
        } catch (JsonException e) {
            violation.accept("metadata body is not JSON");
            return invalid("body is not JSON");
        }
        if (id == null || !uploads.containsKey(id)) {
            return invalid("The media id " + id + " was not found.");
        }
        if (alt == null || alt.codePointCount(0, alt.length()) > MAX_ALT) {
            return invalid("alt_text.text must be 1 to " + MAX_ALT + " characters.");
        }
        Upload upload = uploads.get(id);
        uploads.put(id, new Upload(id, upload.contentType(), upload.bytes(), alt));
        return Reply.json(200, Map.of("data", Map.of("id", id, "associated_metadata", Map.of("alt_text", Map.of("text", alt)))));
    }

    /** Null when a post may carry this {@code media} object (or none); otherwise X's detail. */
    synchronized String usable(Object media) {
        if (media == null) {
            return null;
        }
        if (!(JsonRead.at(media, "media_ids") instanceof List<?> ids) || ids.isEmpty() || ids.size() > MAX_MEDIA) {
            violation.accept("media.media_ids is not a list of 1 to " + MAX_MEDIA + ": " + media);
            return "media.media_ids must hold 1 to " + MAX_MEDIA + " ids.";
        }
        for (Object id : ids) {
            if (!(id instanceof String text) || !uploads.containsKey(text)) {
                return "Your media IDs are invalid.";
            }
        }
        return null;
    }

    private static Reply invalid(String detail) {
        return Reply.json(400, FakeX.problem(400, "Invalid Request", detail));
    }
}
