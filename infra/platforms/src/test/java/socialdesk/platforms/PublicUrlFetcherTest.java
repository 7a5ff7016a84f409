package socialdesk.platforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import socialdesk.platforms.PublicUrlFetcher.FetchFailed;
import socialdesk.platforms.PublicUrlFetcher.Fetched;

/**
 * Each refusal the fetcher promises, against a server on 127.0.0.1. The tests' policy allows that
 * one loopback address so the server can be reached at all; everything else is judged as in
 * production.
 */
class PublicUrlFetcherTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final PublicUrlFetcher.AddressPolicy TEST_POLICY =
            a -> a.equals(LOOPBACK) || PublicUrlFetcher.isPublic(a);
    private static final Predicate<String> HTML = "text/html"::equals;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();
    private final String base = "http://127.0.0.1:" + server.getAddress().getPort();
    /** Names resolve from this table, never from DNS. */
    private static final PublicUrlFetcher.Resolver NAMES = host -> switch (host) {
        case "page.test" -> List.of(LOOPBACK);
        case "metadata.test" -> List.of(address("169.254.169.254"));
        case "intranet.test" -> List.of(address("10.20.30.40"));
        case "v6-private.test" -> List.of(address("fd00::5"));
        case "mixed.test" -> List.of(address("93.184.215.14"), address("192.168.1.1"));
        default -> throw new java.net.UnknownHostException(host);
    };
    private final PublicUrlFetcher fetcher = new PublicUrlFetcher(Duration.ofSeconds(2), TEST_POLICY, NAMES);

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record Route(int status, Map<String, String> headers, byte[] body, boolean chunked, Duration delay) {
    }

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.createContext("/", this::answer);
            s.start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            served.add(exchange.getRequestURI().getPath());
            Route route = routes.get(exchange.getRequestURI().getPath());
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try {
                Thread.sleep(route.delay());
            } catch (InterruptedException e) {
                return;
            }
            route.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(route.status(), route.chunked() ? 0 : route.body().length == 0 ? -1 : route.body().length);
            if (route.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(route.body());
                }
            }
        } catch (IOException e) {
            // the fetcher gave up: nothing to answer
        }
    }

    private void route(String path, int status, Map<String, String> headers, String body) {
        routes.put(path, new Route(status, headers, body.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO));
    }

    private void redirect(String path, String location) {
        route(path, 302, Map.of("Location", location), "");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesAPageAndFollowsARelativeRedirect() throws Exception {
        redirect("/old", "/new");
        route("/new", 200, Map.of("Content-Type", "text/html; charset=utf-8"), "<title>ok</title>");

        Fetched fetched = fetcher.fetch(URI.create(base + "/old"), HTML, 1000);

        assertEquals("text/html", fetched.contentType());
        assertEquals(URI.create(base + "/new"), fetched.uri());
        assertArrayEquals("<title>ok</title>".getBytes(StandardCharsets.UTF_8), fetched.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.251", "239.255.255.250", "255.255.255.255",
        "240.0.0.1", "192.0.0.170", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
        "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "ff0e::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1", "::a9fe:a9fe",
        "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "2002:7f00:1::", "2001:0:4136:e378::1", "2001:db8::1", "100::1"})
    void refusesAddressesThatAreNotPublic(String literal) throws Exception {
        assertFalse(PublicUrlFetcher.isPublic(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.253.1.1",
        "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void acceptsPublicAddresses(String literal) throws Exception {
        assertTrue(PublicUrlFetcher.isPublic(InetAddress.getByName(literal)), literal);
    }

    @Test
    void inProductionLoopbackIsRefusedBeforeAnyRequest() {
        route("/page", 200, Map.of("Content-Type", "text/html"), "secret");
        PublicUrlFetcher production = new PublicUrlFetcher(Duration.ofSeconds(2), PublicUrlFetcher.PUBLIC_ADDRESSES, NAMES);

        FetchFailed literal = assertThrows(FetchFailed.class, () -> production.fetch(URI.create(base + "/page"), HTML, 1000));
        FetchFailed named = assertThrows(FetchFailed.class, () -> production.fetch(
                URI.create("http://page.test:" + server.getAddress().getPort() + "/page"), HTML, 1000));

        assertTrue(literal.getMessage().contains("not a public address"), literal.getMessage());
        assertTrue(named.getMessage().contains("not a public address"), named.getMessage());
        assertEquals(List.of(), served, "nothing reached the server");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://10.0.0.1/admin", "http://100.64.1.1/", "http://[::1]:9/", "http://[fe80::1]/", "http://[fd00::1]/",
        "http://0.0.0.0:9/", "http://224.0.0.1/"})
    void aRedirectToAnAddressThatIsNotPublicIsRefused(String target) {
        redirect("/go", target);

        FetchFailed failed = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/go"), HTML, 1000));

        assertTrue(failed.getMessage().contains("not a public address"), failed.getMessage());
        assertEquals(List.of("/go"), served);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.test", "intranet.test", "v6-private.test", "mixed.test"})
    void aNameIsJudgedByEveryAddressItResolvesTo(String host) {
        FetchFailed direct = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create("http://" + host + "/x"), HTML, 1000));
        redirect("/go", "http://" + host + "/latest/meta-data/");
        FetchFailed redirected = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/go"), HTML, 1000));

        assertTrue(direct.getMessage().contains("not a public address"), direct.getMessage());
        assertTrue(redirected.getMessage().contains("not a public address"), redirected.getMessage());
    }

    @Test
    void aNameThatResolvesToAnAllowedAddressIsFetched() throws Exception {
        route("/page", 200, Map.of("Content-Type", "text/html"), "hello");

        Fetched fetched = fetcher.fetch(URI.create("http://page.test:" + server.getAddress().getPort() + "/page"), HTML, 1000);

        assertEquals("hello", new String(fetched.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1:6379/_INFO", "jar:file:/x!/y"})
    void onlyHttpAndHttpsAreFetchedEvenAfterARedirect(String target) {
        redirect("/go", target);

        assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(target), HTML, 1000));
        FetchFailed failed = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/go"), HTML, 1000));

        assertTrue(failed.getMessage().contains("only http and https"), failed.getMessage());
    }

    @Test
    void redirectsAreBounded() {
        redirect("/loop", "/loop");

        FetchFailed failed = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/loop"), HTML, 1000));

        assertTrue(failed.getMessage().contains("redirects"), failed.getMessage());
        assertEquals(PublicUrlFetcher.MAX_REDIRECTS + 1, served.size());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherOrNotItsLengthIsDeclared() {
        String big = "x".repeat(5000);
        route("/declared", 200, Map.of("Content-Type", "text/html"), big);
        routes.put("/chunked", new Route(200, Map.of("Content-Type", "text/html"), big.getBytes(StandardCharsets.UTF_8),
                true, Duration.ZERO));

        FetchFailed declared = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/declared"), HTML, 4096));
        FetchFailed chunked = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/chunked"), HTML, 4096));

        assertTrue(declared.getMessage().contains("limit is 4096"), declared.getMessage());
        assertTrue(chunked.getMessage().contains("more than 4096 bytes"), chunked.getMessage());
    }

    @Test
    void anUnexpectedContentTypeIsRefused() {
        route("/file", 200, Map.of("Content-Type", "application/octet-stream"), "MZ");

        FetchFailed failed = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/file"), HTML, 1000));

        assertTrue(failed.getMessage().contains("application/octet-stream"), failed.getMessage());
    }

    @Test
    void aSlowServerIsGivenUpOnAtTheDeadline() {
        routes.put("/slow", new Route(200, Map.of("Content-Type", "text/html"), "late".getBytes(StandardCharsets.UTF_8),
                false, Duration.ofSeconds(5)));
        PublicUrlFetcher impatient = new PublicUrlFetcher(Duration.ofMillis(300), TEST_POLICY, NAMES);

        FetchFailed failed = assertThrows(FetchFailed.class, () -> impatient.fetch(URI.create(base + "/slow"), HTML, 1000));

        assertTrue(failed.getMessage().contains("within 300 ms"), failed.getMessage());
    }

    @Test
    void aCallerCanAskForLessTimeThanTheFetchersOwnLimitButNotMore() {
        routes.put("/slow", new Route(200, Map.of("Content-Type", "text/html"), "late".getBytes(StandardCharsets.UTF_8),
                false, Duration.ofSeconds(5)));
        PublicUrlFetcher impatient = new PublicUrlFetcher(Duration.ofMillis(400), TEST_POLICY, NAMES);

        FetchFailed shorter = assertThrows(FetchFailed.class,
                () -> fetcher.fetch(URI.create(base + "/slow"), HTML, 1000, Duration.ofMillis(200)));
        FetchFailed longer = assertThrows(FetchFailed.class,
                () -> impatient.fetch(URI.create(base + "/slow"), HTML, 1000, Duration.ofSeconds(30)));

        assertTrue(shorter.getMessage().contains("within 200 ms"), shorter.getMessage());
        assertTrue(longer.getMessage().contains("within 400 ms"), longer.getMessage());
    }

    @Test
    void anErrorStatusIsAFailure() {
        FetchFailed failed = assertThrows(FetchFailed.class, () -> fetcher.fetch(URI.create(base + "/missing"), HTML, 1000));

        assertTrue(failed.getMessage().contains("404"), failed.getMessage());
    }
}
