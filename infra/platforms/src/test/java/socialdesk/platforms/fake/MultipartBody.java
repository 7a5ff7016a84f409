package socialdesk.platforms.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body as a server reads it (RFC 7578), for the fakes that take
 * uploads: the boundary from the {@code Content-Type}, each part's {@code name}, {@code filename},
 * {@code Content-Type} and bytes. A malformed body (no boundary, a part without a name, no closing
 * boundary) is reported by {@link #problem()}, as a server would refuse it.
 */
public final class MultipartBody {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

    /** One part. {@code fileName} and {@code contentType} are null when the part did not state them. */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final List<Part> parts = new ArrayList<>();
    private String problem;

    private MultipartBody() {
    }

    public static MultipartBody parse(String contentType, byte[] body) {
        MultipartBody parsed = new MultipartBody();
        Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundary.find()) {
            parsed.problem = "not multipart/form-data with a boundary: " + contentType;
            return parsed;
        }
        // ISO-8859-1 maps every byte to one char, so offsets in the text are offsets in the bytes.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        int at = text.indexOf(delimiter);
        if (at != 0) {
            parsed.problem = "the body does not start with the boundary";
            return parsed;
        }
        while (true) {
            int afterDelimiter = at + delimiter.length();
            if (text.startsWith("--", afterDelimiter)) {
                return parsed;
            }
            if (!text.startsWith("\r\n", afterDelimiter)) {
                parsed.problem = "a boundary not followed by CRLF";
                return parsed;
            }
            int headersEnd = text.indexOf("\r\n\r\n", afterDelimiter);
            int next = text.indexOf("\r\n" + delimiter, afterDelimiter);
            if (headersEnd < 0 || next < 0 || next < headersEnd) {
                parsed.problem = "a part without headers or without a closing boundary";
                return parsed;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(afterDelimiter + 2, headersEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            String disposition = headers.getOrDefault("content-disposition", "");
            Matcher name = NAME.matcher(disposition.replaceFirst("(?i)^form-data", ""));
            if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || !name.find()) {
                parsed.problem = "a part without Content-Disposition: form-data; name=...";
                return parsed;
            }
            Matcher fileName = FILENAME.matcher(disposition);
            parsed.parts.add(new Part(name.group(1), fileName.find() ? fileName.group(1) : null, headers.get("content-type"),
                    Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2;
        }
    }

    /** What is wrong with the body, or null when it parsed. */
    public String problem() {
        return problem;
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /** The first part of this name, or null. */
    public Part part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
