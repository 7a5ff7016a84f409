package socialdesk.platforms.fake;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakePlatformServer.Reply;

/**
 * LinkedIn's Images API as {@link FakeLinkedIn} serves it: {@code POST
 * /rest/images?action=initializeUpload} ({@code {"initializeUploadRequest": {"owner"}}}, the owner
 * the post's author) answers {@code value.uploadUrl} and {@code value.image}; a {@code PUT} of the
 * bytes to that URL (bearer token, an image type) makes the image usable. A post's {@code content}
 * is either {@code media} ({@code id}, {@code altText}) or {@code multiImage.images} of
 * {@value #MIN_MULTI} to {@value #MAX_MULTI}, each an uploaded image URN, alt text at most
 * {@value #MAX_ALT} characters.
 */
public final class LinkedInImageUploads {
    static final String IMAGES = "/rest/images";
    static final String UPLOADS = "/upload/images/";
    static final int MIN_MULTI = 2;
    static final int MAX_MULTI = 20;
    static final int MAX_ALT = 4086;

    /** One registered image; {@code bytes} is -1 until it is uploaded. */
    public record Image(String urn, String contentType, int bytes) {
    }

    private final Consumer<String> violation;
    private final Map<String, Image> images = new LinkedHashMap<>(); // by upload token, guarded by this
    private long nextId = 4_000_000_000L;                             // guarded by this

    LinkedInImageUploads(Consumer<String> violation) {
        this.violation = violation;
    }

    public synchronized List<Image> registered() {
        return List.copyOf(images.values());
    }

    synchronized Reply handle(RecordedRequest request, URI base) {
        if (request.method().equals("POST") && request.path().equals(IMAGES)) {
            if (!"initializeUpload".equals(request.query("action"))) {
                violation.accept("images call without action=initializeUpload");
            }
            String owner;
            try {
                owner = JsonRead.string(request.json(), "initializeUploadRequest", "owner");
            } catch (JsonException e) {
                owner = null;
            }
            if (!FakeLinkedIn.AUTHOR.equals(owner)) {
                violation.accept("initializeUpload for owner " + owner);
                return Reply.json(403, FakeLinkedIn.error(403, "ACCESS_DENIED", 100, "Not enough permissions to upload for " + owner));
            }
            String token = Long.toString(nextId++);
            String urn = "urn:li:image:D4E10AQ" + token;
            images.put(token, new Image(urn, null, -1));
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("uploadUrlExpiresAt", 1_765_000_000_000L);
            value.put("uploadUrl", base + UPLOADS + token);
            value.put("image", urn);
            return Reply.json(200, Map.of("value", value));
        }
        if (request.method().equals("PUT") && request.path().startsWith(UPLOADS)) {
            Image image = images.get(request.path().substring(UPLOADS.length()));
            String type = request.header("Content-Type");
            if (image == null) {
                return Reply.json(404, FakeLinkedIn.error(404, "NOT_FOUND", 0, "Upload URL not found"));
            }
            if (type == null || !type.startsWith("image/") || request.bytes().length == 0) {
                violation.accept("upload of " + request.bytes().length + " bytes as " + type);
                return Reply.json(400, FakeLinkedIn.error(400, "BAD_REQUEST", 0, "Not an image"));
            }
            images.put(request.path().substring(UPLOADS.length()), new Image(image.urn(), type, request.bytes().length));
            return new Reply(201, Map.of(), null);
        }
        violation.accept("unexpected " + request.method() + " " + request.path());
        return Reply.json(404, FakeLinkedIn.error(404, "NOT_FOUND", 0, "Resource not found"));
    }

    /** Null when a post may carry this {@code content}; otherwise LinkedIn's message. */
    synchronized String contentProblem(Object content) {
        Object single = JsonRead.at(content, "media");
        Object multi = JsonRead.at(content, "multiImage", "images");
        if ((single == null) == (multi == null)) {
            violation.accept("content is neither media nor multiImage: " + content);
            return "ERROR :: /content :: exactly one of media or multiImage is required";
        }
        List<?> entries = single != null ? List.of(single) : (List<?>) multi;
        if (multi != null && (entries.size() < MIN_MULTI || entries.size() > MAX_MULTI)) {
            violation.accept("multiImage with " + entries.size() + " images");
            return "ERROR :: /content/multiImage/images :: must have " + MIN_MULTI + " to " + MAX_MULTI + " images";
        }
        for (Object entry : entries) {
            String urn = JsonRead.string(entry, "id");
            boolean uploaded = images.values().stream().anyMatch(i -> i.urn().equals(urn) && i.bytes() > 0);
            if (!uploaded) {
                return "ERROR :: /content :: image " + urn + " is not uploaded";
            }
            String alt = JsonRead.string(entry, "altText");
            if (alt != null && alt.length() > MAX_ALT) {
                return "ERROR :: /content :: altText is longer than " + MAX_ALT;
            }
        }
        return null;
    }
}
