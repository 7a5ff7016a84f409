package socialdesk.core.json;

/** Thrown for text that is not valid JSON, or that is too deep or too large to accept. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message, null, false, false);
    }
}
