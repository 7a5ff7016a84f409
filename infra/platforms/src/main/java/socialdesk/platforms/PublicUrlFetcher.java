package socialdesk.platforms;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a URL a user gave (a link card's page and image) from inside the desk's network: a
 * server-side request that must not reach what only the desk can reach (the Lambda metadata and
 * credentials endpoint at 169.254.169.254, loopback, private networks).
 *
 * <p>Only {@code http} and {@code https}. The host name is resolved here, every address it
 * resolves to is checked, and the socket connects to one of those very addresses (so a name that
 * resolves elsewhere a second time, DNS rebinding, gains nothing); TLS still verifies the
 * certificate against the name. Redirects are followed here, at most {@value #MAX_REDIRECTS}, each
 * hop checked the same way. One deadline covers the whole fetch, redirects included; the body has
 * a size limit (nothing past it is read) and an expected content type. No proxy, no cookies, no
 * compression. A plain HTTP/1.1 GET over a socket: the JDK's HTTP client cannot be told which
 * address to connect to (docs/decisions/2026-12-06-bluesky-peer-tier.md).
 */
public final class PublicUrlFetcher {
    public static final int MAX_REDIRECTS = 5;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final String USER_AGENT = "social-desk/0.1 (link preview; +https://github.com/socialdesk)";

    /** Which addresses a fetch may connect to. Production uses {@link #PUBLIC_ADDRESSES}; only tests widen it. */
    @FunctionalInterface
    public interface AddressPolicy {
        boolean allows(InetAddress address);
    }

    /** Turns a host name into addresses: the system's DNS in production; a fixed table in tests, which never ask DNS. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

    /** Addresses on the public internet: see {@link #isPublic}. */
    public static final AddressPolicy PUBLIC_ADDRESSES = PublicUrlFetcher::isPublic;

    /** A fetched body, read in full within its limit. */
    public record Fetched(URI uri, String contentType, byte[] body) {
    }

    /** The fetch was refused or failed; the message says why in words safe to log (the URL's host, never a header). */
    public static final class FetchFailed extends IOException {
        FetchFailed(String message) {
            super(message);
        }
    }

    /** One answer: status, headers (names lower case, first value) and the stream positioned at the body. */
    private record Head(int status, Map<String, String> headers) {
    }

    private final AddressPolicy policy;
    private final Resolver resolver;
    private final Duration timeout;

    /** Public addresses only; {@code timeout} bounds a whole fetch, redirects included. */
    public PublicUrlFetcher(Duration timeout) {
        this(timeout, PUBLIC_ADDRESSES, SYSTEM_DNS);
    }

    public PublicUrlFetcher(Duration timeout, AddressPolicy policy, Resolver resolver) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** How long one fetch may take, redirects included. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * GETs {@code uri}, following redirects, and answers its body when the final answer is a 2xx of
     * an accepted content type no longer than {@code maxBytes}.
     *
     * @param acceptedType tested on the media type, lower case, without parameters ({@code text/html})
     */
    public Fetched fetch(URI uri, Predicate<String> acceptedType, long maxBytes) throws FetchFailed, InterruptedException {
        return fetch(uri, acceptedType, maxBytes, timeout);
    }

    /** As {@link #fetch(URI, Predicate, long)}, within {@code within} when that is shorter than this fetcher's timeout. */
    public Fetched fetch(URI uri, Predicate<String> acceptedType, long maxBytes, Duration within)
            throws FetchFailed, InterruptedException {
        Duration limit = within.compareTo(timeout) < 0 ? within : timeout;
        long deadline = System.nanoTime() + limit.toNanos();
        URI url = checkedUrl(uri.toString());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try (Socket socket = connect(url, deadline)) {
                send(socket, url);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                Head head = readHead(in, socket, deadline);
                if (head.status() >= 300 && head.status() < 400 && head.status() != 304) {
                    url = checkedUrl(redirectTarget(url, head));
                    continue;
                }
                if (head.status() < 200 || head.status() >= 300) {
                    throw new FetchFailed(url.getHost() + " answered " + head.status());
                }
                return new Fetched(url, checkedType(url, head, acceptedType), readBody(url, head, in, socket, deadline, maxBytes));
            } catch (SocketTimeoutException e) {
                throw new FetchFailed("no answer from " + url.getHost() + " within " + limit.toMillis() + " ms");
            } catch (FetchFailed e) {
                throw e;
            } catch (IOException e) {
                throw new FetchFailed("could not fetch from " + url.getHost() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new FetchFailed("more than " + MAX_REDIRECTS + " redirects from " + uri.getHost());
    }

    /** A socket to one of the host's addresses, every one of which the policy allows; TLS for https. */
    private Socket connect(URI url, long deadline) throws IOException {
        String host = hostOf(url);
        InetAddress literal = literal(host);
        List<InetAddress> addresses;
        if (literal != null) {
            addresses = List.of(literal);
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new FetchFailed(host + " does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            if (!policy.allows(address)) {
                throw new FetchFailed(literal != null ? host + " is not a public address"
                        : host + " resolves to " + address.getHostAddress() + ", which is not a public address");
            }
        }
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
        IOException last = new FetchFailed(host + " has no address");
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                socket.setSoTimeout(remainingMillis(deadline));
                if (!tls) {
                    return socket;
                }
                // Layered on the socket to the checked address; SNI and certificate checks use the name.
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                return ssl;
            } catch (SocketTimeoutException e) {
                socket.close();
                throw e;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    private static void send(Socket socket, URI url) throws IOException {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        String hostHeader = url.getRawAuthority().replaceFirst("^.*@", ""); // never send user info
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: text/html, image/*;q=0.9, */*;q=0.1\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Head readHead(InputStream in, Socket socket, long deadline) throws IOException {
        String statusLine = readLine(in, socket, deadline);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new FetchFailed("not an HTTP/1.x answer");
        }
        Map<String, String> headers = new HashMap<>();
        int total = statusLine.length();
        for (String line = readLine(in, socket, deadline); !line.isEmpty(); line = readLine(in, socket, deadline)) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new FetchFailed("headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return new Head(Integer.parseInt(parts[1]), headers);
    }

    /** One CRLF-ended line of the head, ISO-8859-1 as HTTP/1.1 has it, bounded. */
    private static String readLine(InputStream in, Socket socket, long deadline) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int b = in.read();
            if (b == -1) {
                throw new FetchFailed("the connection closed in the middle of the answer's head");
            }
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            if (line.length() >= MAX_HEADER_BYTES) {
                throw new FetchFailed("a header line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.append((char) b);
        }
    }

    private static String checkedType(URI url, Head head, Predicate<String> acceptedType) throws FetchFailed {
        String header = head.headers().getOrDefault("content-type", "");
        String type = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!acceptedType.test(type)) {
            throw new FetchFailed(url.getHost() + " answered " + (type.isEmpty() ? "without a content type" : type)
                    + ", not what was asked for");
        }
        return type;
    }

    private static byte[] readBody(URI url, Head head, InputStream in, Socket socket, long deadline, long maxBytes)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String encoding = head.headers().getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in, socket, deadline).split(";", 2)[0].strip();
                long size;
                try {
                    size = Long.parseLong(sizeLine, 16);
                } catch (NumberFormatException e) {
                    throw new FetchFailed(url.getHost() + " sent a malformed chunk");
                }
                if (size == 0) {
                    return body.toByteArray();
                }
                if (body.size() + size > maxBytes) {
                    throw new FetchFailed(url.getHost() + " answered more than " + maxBytes + " bytes");
                }
                copy(in, body, size, socket, deadline, url);
                readLine(in, socket, deadline);
            }
        }
        String length = head.headers().get("content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new FetchFailed(url.getHost() + " sent a malformed Content-Length");
            }
            if (declared > maxBytes) {
                throw new FetchFailed(url.getHost() + " answered " + declared + " bytes, the limit is " + maxBytes);
            }
            copy(in, body, declared, socket, deadline, url);
            return body.toByteArray();
        }
        byte[] buffer = new byte[8192];
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n == -1) {
                return body.toByteArray();
            }
            if (body.size() + n > maxBytes) {
                throw new FetchFailed(url.getHost() + " answered more than " + maxBytes + " bytes");
            }
            body.write(buffer, 0, n);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long count, Socket socket, long deadline, URI url)
            throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == -1) {
                throw new FetchFailed(url.getHost() + " closed the connection before the whole body");
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Milliseconds to the deadline, at least 1 (0 would mean no timeout to a socket); past the deadline, a timeout. */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Where a redirect points, resolved against the URL that answered; any scheme, for {@link #checkedUrl} to judge. */
    private static String redirectTarget(URI from, Head head) throws FetchFailed {
        String location = head.headers().get("location");
        if (location == null || location.isBlank()) {
            throw new FetchFailed(from.getHost() + " redirected (" + head.status() + ") without a Location");
        }
        try {
            return from.resolve(location.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new FetchFailed(from.getHost() + " redirected (" + head.status() + ") to something that is not a URL");
        }
    }

    /** An absolute http(s) URL with a host, in its ASCII form (an IRI's letters percent-encoded). */
    private URI checkedUrl(String text) throws FetchFailed {
        URI uri;
        try {
            uri = new URI(text);
            uri = new URI(uri.toASCIIString());
        } catch (URISyntaxException e) {
            throw new FetchFailed("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailed("only http and https URLs are fetched, not " + (scheme.isEmpty() ? "a relative URL" : scheme));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchFailed("not a URL with a host: " + uri.getScheme() + "://" + uri.getRawAuthority());
        }
        return uri;
    }

    /** The host without an IPv6 literal's brackets. */
    private static String hostOf(URI url) {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address of an IP literal host, or null for a name. */
    private static InetAddress literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * True for an address on the public internet. False for the unspecified address, loopback,
     * link-local (169.254.0.0/16, where the instance metadata lives; fe80::/10), private ranges
     * (10/8, 172.16/12, 192.168/16; fc00::/7 and the old fec0::/10), carrier-grade NAT (100.64/10),
     * multicast, broadcast and reserved space (0/8, 192.0.0/24, 198.18/15, 240/4), documentation
     * ranges, and IPv6 forms that carry an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible
     * {@code ::a.b.c.d}, NAT64 64:ff9b::/96, 6to4 2002::/16), which are judged by that IPv4 address;
     * Teredo (2001::/32) is refused since its IPv4 part is obfuscated.
     */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return false;
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return false; // ::a.b.c.d (deprecated), and the rest of ::/96
        }
        if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return isPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // 64:ff9b::a.b.c.d NAT64
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicV4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff); // 2002:AABB:CCDD::/48 6to4
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && allZero(b, 2, 4)) {
            return false; // 2001::/32 Teredo
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // 2001:db8::/32 documentation
        }
        if (first == 0x01 && allZero(b, 1, 8)) {
            return false; // 100::/64 discard
        }
        return (first & 0xe0) == 0x20; // 2000::/3 is the only global unicast space allocated
    }

    private static boolean isPublicV4(int a, int b, int c) {
        return !(a == 0                                  // 0/8 this network, 0.0.0.0 unspecified
                || a == 10                               // private
                || a == 127                              // loopback
                || (a == 100 && (b & 0xc0) == 64)        // 100.64/10 carrier-grade NAT
                || (a == 169 && b == 254)                // link-local, instance metadata
                || (a == 172 && (b & 0xf0) == 16)        // private
                || (a == 192 && b == 0 && c == 0)        // IETF protocol assignments
                || (a == 192 && b == 0 && c == 2)        // documentation
                || (a == 192 && b == 168)                // private
                || (a == 198 && (b & 0xfe) == 18)        // 198.18/15 benchmarking
                || (a == 198 && b == 51 && c == 100)     // documentation
                || (a == 203 && b == 0 && c == 113)      // documentation
                || a >= 224);                            // multicast, reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
