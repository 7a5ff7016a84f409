package socialdesk.platforms;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Fetches a URL a user gave (a link card's page and image) from inside the desk's network: a
 * server-side request that must not reach what only the desk can reach (the Lambda metadata and
 * credentials endpoint at 169.254.169.254, loopback, private networks).
 *
 * <p>Only {@code http} and {@code https}. Every host name is resolved here and the connection goes
 * to one of the addresses just checked (OkHttp connects to what its {@link Dns} returns, so a name
 * that resolves differently a second time gains nothing); an address literal is checked before
 * the request. Redirects are followed here, at most {@value #MAX_REDIRECTS}, each hop checked the
 * same way. The whole fetch, redirects included, has one deadline; the body has a size limit (read
 * no further than it) and an expected content type. No proxy, no cookies.
 */
public final class PublicUrlFetcher {
    public static final int MAX_REDIRECTS = 5;
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

    /** The fetch was refused or failed; the message says why in words safe to log (the URL, never a header). */
    public static final class FetchFailed extends IOException {
        FetchFailed(String message) {
            super(message);
        }
    }

    /** A name that resolved to an address the policy refuses. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private final AddressPolicy policy;
    private final Resolver resolver;
    private final Duration timeout;
    private volatile OkHttpClient client;

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
     * Built on first use: most publisher containers never fetch a link, and OkHttp's first load
     * (its Kotlin runtime with it) would cost them init time for nothing.
     */
    private OkHttpClient client() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = newClient();
                    client = c;
                }
            }
        }
        return c;
    }

    private OkHttpClient newClient() {
        Dns checked = host -> {
            List<InetAddress> addresses = resolver.resolve(host);
            for (InetAddress address : addresses) {
                if (!policy.allows(address)) {
                    throw new RefusedAddress(host + " resolves to " + address.getHostAddress() + ", which is not a public address");
                }
            }
            return addresses;
        };
        return new OkHttpClient.Builder()
                .dns(checked)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build();
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
        HttpUrl url = checkedUrl(uri.toString());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new FetchFailed("no answer from " + url.host() + " within " + limit.toMillis() + " ms");
            }
            Call call = client().newCall(new Request.Builder().url(url).get()
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "text/html, image/*;q=0.9, */*;q=0.1")
                    .build());
            call.timeout().timeout(left, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    url = checkedUrl(redirectTarget(url, response));
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new FetchFailed(url.host() + " answered " + response.code());
                }
                return read(url, response.body(), acceptedType, maxBytes);
            } catch (RefusedAddress e) {
                throw new FetchFailed(e.getMessage());
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                throw new FetchFailed("no answer from " + url.host() + " within " + limit.toMillis() + " ms");
            } catch (FetchFailed e) {
                throw e;
            } catch (IOException e) {
                throw new FetchFailed("could not fetch from " + url.host() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new FetchFailed("more than " + MAX_REDIRECTS + " redirects from " + uri.getHost());
    }

    /** Where a redirect points, resolved against the URL that answered; any scheme, for {@link #checkedUrl} to judge. */
    private static String redirectTarget(HttpUrl from, Response response) throws FetchFailed {
        String location = response.header("Location");
        if (location == null || location.isBlank()) {
            throw new FetchFailed(from.host() + " redirected (" + response.code() + ") without a Location");
        }
        try {
            return from.uri().resolve(location.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new FetchFailed(from.host() + " redirected (" + response.code() + ") to something that is not a URL");
        }
    }

    private static Fetched read(HttpUrl url, ResponseBody body, Predicate<String> acceptedType, long maxBytes)
            throws IOException {
        String type = body.contentType() == null ? "" : (body.contentType().type() + "/" + body.contentType().subtype())
                .toLowerCase(Locale.ROOT);
        if (!acceptedType.test(type)) {
            throw new FetchFailed(url.host() + " answered " + (type.isEmpty() ? "without a content type" : type)
                    + ", not what was asked for");
        }
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw new FetchFailed(url.host() + " answered " + declared + " bytes, the limit is " + maxBytes);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= maxBytes) {
            if (source.read(buffer, maxBytes + 1 - buffer.size()) == -1) {
                return new Fetched(url.uri(), type, buffer.readByteArray());
            }
        }
        throw new FetchFailed(url.host() + " answered more than " + maxBytes + " bytes");
    }

    /** An http(s) URL whose host, when it is an address literal, the policy allows (names are checked when resolved). */
    private HttpUrl checkedUrl(String text) throws FetchFailed {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new FetchFailed("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailed("only http and https URLs are fetched, not " + (scheme.isEmpty() ? "a relative URL" : scheme));
        }
        HttpUrl url = HttpUrl.parse(text);
        if (url == null) {
            throw new FetchFailed("not a URL with a host: " + uri.getScheme() + "://" + uri.getRawAuthority());
        }
        InetAddress literal = literal(url.host());
        if (literal != null && !policy.allows(literal)) {
            throw new FetchFailed(url.host() + " is not a public address");
        }
        return url;
    }

    /** The address of an IP literal host (OkHttp gives IPv6 without brackets), or null for a name. */
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
