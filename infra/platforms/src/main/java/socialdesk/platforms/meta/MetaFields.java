package socialdesk.platforms.meta;

/** Checks of the ids and versions Meta accounts carry; errors name the field, never the value. */
public final class MetaFields {
    private MetaFields() {
    }

    /** A Graph version such as {@code v24.0}. */
    public static String version(String version, String platform, String field) {
        if (version == null || !version.strip().matches("v\\d{1,2}\\.\\d")) {
            throw new IllegalArgumentException(platform + " " + field + " must look like v24.0");
        }
        return version.strip();
    }

    /** A numeric node id (page, Instagram user, Threads user). */
    public static String nodeId(String id, String platform, String field) {
        if (id == null || !id.strip().matches("\\d{1,30}")) {
            throw new IllegalArgumentException(platform + " " + field + " must be a numeric id");
        }
        return id.strip();
    }
}
