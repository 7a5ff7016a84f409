package socialdesk.core.webhook;

/** A delivery whose envelope is not what the platform sends; the caller answers 400 and stores nothing. */
public final class MalformedPayloadException extends RuntimeException {
    public MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
