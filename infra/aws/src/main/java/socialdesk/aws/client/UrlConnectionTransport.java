package socialdesk.aws.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Map;

/**
 * The JDK's {@link HttpURLConnection}: already in every JVM, far fewer classes to load than any
 * other client, and connections are kept alive and reused between requests to the same host.
 */
public final class UrlConnectionTransport implements Transport {
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public UrlConnectionTransport(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMs = Math.toIntExact(readTimeout.toMillis());
    }

    public static UrlConnectionTransport standard() {
        return new UrlConnectionTransport(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        connection.setConnectTimeout(connectTimeoutMs);
        connection.setReadTimeout(readTimeoutMs);
        connection.setRequestMethod(request.method());
        connection.setUseCaches(false);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
        }
        if (request.body().length > 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(request.body().length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.body());
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return new Response(status, new byte[0]);
        }
        try (in) {
            return new Response(status, in.readAllBytes());
        }
    }
}
