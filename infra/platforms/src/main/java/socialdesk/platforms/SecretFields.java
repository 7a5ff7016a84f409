package socialdesk.platforms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;

/** Reads platform credentials (a JSON object per Parameter Store parameter); errors name the field and never echo a value. */
public final class SecretFields {
    private SecretFields() {
    }

    public static Map<String, Object> object(String json, String platform) {
        try {
            return Json.parseObject(json);
        } catch (JsonException e) {
            throw new IllegalArgumentException(platform + " secret is not a JSON object");
        }
    }

    public static String string(Map<String, Object> secret, String platform, String field) {
        Object value = secret.get(field);
        if (value == null) {
            throw new IllegalArgumentException(platform + " secret has no \"" + field + "\"");
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(platform + " secret field \"" + field + "\" must be a non-empty string");
        }
        return s.strip();
    }

    public static URI uri(Map<String, Object> secret, String platform, String field, URI fallback) {
        if (secret.get(field) == null && fallback != null) {
            return fallback;
        }
        String text = string(secret, platform, field);
        try {
            return baseUri(new URI(text), platform, field);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(platform + " secret field \"" + field + "\" is not a URL");
        }
    }

    public static int positiveInt(Map<String, Object> secret, String platform, String field, int fallback) {
        Object value = secret.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw new IllegalArgumentException(platform + " secret field \"" + field + "\" must be a positive integer");
    }

    /** An absolute http(s) URL with no query, fragment or trailing slash, so paths can be appended. */
    public static URI baseUri(URI uri, String platform, String field) {
        if (uri == null) {
            throw new IllegalArgumentException(platform + " account has no " + field);
        }
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(platform + " " + field + " must be an http(s) URL with a host and no query");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
