package socialdesk.platforms;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body (RFC 7578) of text fields and files, for the uploads that take
 * one (Mastodon's media, X's media, Discord's attachments). The JDK's HTTP client has no builder for
 * it (docs/decisions/2026-12-06-image-publishing.md). The boundary is random, so no file can contain
 * it by accident in practice.
 */
public final class MultipartForm {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public MultipartForm() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "social-desk-" + HexFormat.of().formatHex(random);
    }

    /** A text field, UTF-8. */
    public MultipartForm field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n");
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(crlf());
        return this;
    }

    /** A file field: its bytes, its media type and the file name the server is told. */
    public MultipartForm file(String name, String fileName, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(fileName) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n");
        body.writeBytes(content);
        body.writeBytes(crlf());
        return this;
    }

    /** The {@code Content-Type} header value, boundary included. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, closing boundary included. */
    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        whole.writeBytes(body.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.BodyPublishers.ofByteArray(whole.toByteArray());
    }

    private void head(String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] crlf() {
        return new byte[] {'\r', '\n'};
    }

    /** A name inside a quoted header parameter: quotes and line breaks percent-encoded as browsers do (RFC 7578 §2). */
    private static String quoted(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
