package socialdesk.aws.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Sends one HTTP request and reads the whole answer. */
@FunctionalInterface
public interface Transport {
    Response send(Request request) throws IOException;

    /** {@code method} GET or POST; {@code body} may be empty, never null. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    }

    record Response(int status, byte[] body) {
    }
}
