package socialdesk.platforms.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.platforms.fake.FakePlatformServer.RecordedRequest;
import socialdesk.platforms.fake.FakePlatformServer.Reply;

/**
 * A webhook execution with files, as Discord reads it: {@code multipart/form-data} with a
 * {@code payload_json} part (the message JSON, whose {@code attachments} list gives each file's
 * {@code id}, {@code filename} and {@code description}, the alt text, at most {@value #MAX_DESCRIPTION}
 * characters) and one {@code files[n]} part per attachment id {@code n}. At most {@value #MAX_FILES}
 * files of at most {@value #MAX_FILE_BYTES} bytes each.
 */
final class DiscordUploads {
    static final int MAX_FILES = 10;
    static final int MAX_DESCRIPTION = 1024;
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** The payload and the attachments as the message will show them, or Discord's refusal. */
    record Parsed(Map<String, Object> payload, List<Object> attachments, Reply refusal) {
    }

    private DiscordUploads() {
    }

    static Parsed parse(RecordedRequest request, Consumer<String> violation) {
        MultipartBody body = MultipartBody.parse(request.header("Content-Type"), request.bytes());
        MultipartBody.Part payloadPart = body.problem() == null ? body.part("payload_json") : null;
        if (payloadPart == null) {
            violation.accept("multipart webhook without payload_json: " + body.problem());
            return refused("Cannot send an empty message", 50006);
        }
        Map<String, Object> payload = Json.parseObject(payloadPart.text());
        List<Object> declared = JsonRead.list(payload, "attachments");
        List<MultipartBody.Part> files = body.parts().stream().filter(p -> p.name().startsWith("files[")).toList();
        if (files.size() > MAX_FILES || declared.size() != files.size()) {
            violation.accept(files.size() + " files for " + declared.size() + " declared attachments");
            return refused("Invalid Form Body", 50035);
        }
        List<Object> shown = new ArrayList<>();
        for (Object attachment : declared) {
            String id = JsonRead.id(attachment, "id");
            MultipartBody.Part file = body.part("files[" + id + "]");
            if (file == null || file.fileName() == null) {
                violation.accept("attachment " + id + " has no files[" + id + "] part with a file name");
                return refused("Invalid Form Body", 50035);
            }
            String description = JsonRead.string(attachment, "description");
            if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
                return refused("Invalid Form Body", 50035);
            }
            if (file.bytes().length > MAX_FILE_BYTES) {
                return new Parsed(null, null, Reply.json(413, Map.of("message", "Request entity too large", "code", 40005)));
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", id);
            view.put("filename", JsonRead.string(attachment, "filename"));
            view.put("description", description);
            view.put("content_type", file.contentType());
            view.put("size", (long) file.bytes().length);
            shown.add(view);
        }
        return new Parsed(payload, shown, null);
    }

    private static Parsed refused(String message, int code) {
        return new Parsed(null, null, Reply.json(400, Map.of("message", message, "code", code)));
    }
}
