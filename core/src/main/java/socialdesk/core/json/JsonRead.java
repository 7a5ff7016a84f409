package socialdesk.core.json;

import java.util.List;
import java.util.Map;

/**
 * Lenient navigation over a parsed JSON tree: each accessor answers {@code null} (or an empty
 * list) when a step is missing or has another type, so callers decide what is required.
 */
public final class JsonRead {
    private JsonRead() {
    }

    /** The value at a path of object keys, or null. */
    public static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    public static String string(Object node, String... path) {
        return at(node, path) instanceof String s ? s : null;
    }

    /** A string, or the decimal form of an integral number (platform ids arrive as either). */
    public static String id(Object node, String... path) {
        Object value = at(node, path);
        if (value instanceof String s) {
            return s;
        }
        return value instanceof Long l ? l.toString() : null;
    }

    public static Long integer(Object node, String... path) {
        return at(node, path) instanceof Long l ? l : null;
    }

    public static Boolean bool(Object node, String... path) {
        return at(node, path) instanceof Boolean b ? b : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object node, String... path) {
        return at(node, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node, String... path) {
        return at(node, path) instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
