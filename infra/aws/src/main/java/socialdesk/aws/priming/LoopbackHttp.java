package socialdesk.aws.priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A one-request HTTP/1.1 server on a loopback port, for priming an HTTP client's request and
 * response paths without reaching any other machine. It reads the request head and answers a fixed
 * small JSON document, then closes; a plain socket, so priming loads nothing the functions never use.
 */
final class LoopbackHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
            + "Connection: close\r\n\r\n{\"ok\":true}").getBytes(StandardCharsets.US_ASCII);

    private LoopbackHttp() {
    }

    /** Sends one POST with a small JSON body through {@code client} and reads the answer as a string. */
    static void roundTrip(HttpClient client) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TIMEOUT.toMillis());
            Thread answering = Thread.ofVirtual().start(() -> answerOnce(server));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/priming"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"priming\":true}"))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            answering.join(TIMEOUT);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("loopback answer " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in.readNBytes(contentLength(readHead(in)));
            out.write(ANSWER);
            out.flush();
        } catch (IOException e) {
            // The client reports the failure; priming counts it as a failed step.
        }
    }

    /** The request head, read up to the blank line that ends it. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        return head.toString();
    }

    /** The body's length from the head, so the body is read before the socket closes (an unread one would reset it). */
    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }
}
