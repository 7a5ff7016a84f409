package socialdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;

/**
 * One SNS topic of the template on this machine: every message is printed as one readable line
 * naming the topic and appended to a JSON Lines file shared by all topics
 * ({@code {"time","topic","topicArn","messageId","subject","message"}}, {@code topic} the template's
 * logical id, the message exactly as the topic received it).
 */
public final class LocalTopic {
    private final String name;
    private final String arn;
    private final Path file;
    private final Consumer<String> console;
    private final Clock clock;

    /**
     * @param name    the topic's logical id in the template ({@code NotificationTopic}, {@code UrgentTopic})
     * @param console receives each message as readable text
     */
    public LocalTopic(String name, String arn, Path file, Consumer<String> console, Clock clock) {
        this.name = name;
        this.arn = arn;
        this.file = file;
        this.console = console;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public Path file() {
        return file;
    }

    public void publish(String subject, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("topic", name);
        line.put("topicArn", arn);
        line.put("messageId", UUID.randomUUID().toString());
        if (subject != null) {
            line.put("subject", subject);
        }
        line.put("message", message);
        // Every topic appends to the same file: one lock for all of them keeps lines whole.
        synchronized (LocalTopic.class) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }
        console.accept(readable(message));
    }

    /** A JSON string message (an input template in quotes) is shown as its text; anything else as sent. */
    static String readable(String message) {
        try {
            if (Json.parse(message) instanceof String text) {
                return text;
            }
        } catch (JsonException e) {
            // Plain text.
        }
        return message;
    }
}
