package socialdesk.core.engagement;

/**
 * Who wrote or did something, as the platform names them.
 *
 * @param id   the platform's id of the account (may be null when the platform does not say)
 * @param name a display name or handle (may be null)
 */
public record Author(String id, String name) {
    public static final Author UNKNOWN = new Author(null, null);

    /** The best short label for a person reading a notification. */
    public String label() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return id == null ? "unknown" : id;
    }
}
