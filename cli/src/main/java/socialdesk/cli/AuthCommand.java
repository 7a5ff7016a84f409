package socialdesk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.platform.token.OAuthTokens;
import socialdesk.template.Template;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code social auth x}: the one-time authorisation of the desk's X app for the account it posts as.
 * Runs OAuth 2.0 with PKCE and a loopback redirect, asks for {@code offline.access} so the publisher
 * can refresh the two-hour token by itself, and stores the first tokens in the platform's credentials
 * parameter: the local stack's {@code .local/secrets.json} by default, Parameter Store (a
 * SecureString, the account's {@code aws/ssm} key) with {@code --aws}.
 */
final class AuthCommand {
    static final String USAGE = """
            usage: social auth x --client-id ID [--client-secret SECRET] [--port N] [--aws [--region R]] [--parameter NAME]

            Opens X's consent page (the URL is printed: open it in a browser signed in as the account to post as),
            receives the answer on http://127.0.0.1:N/callback (default N 8765; register exactly that callback URL
            in the X app's "User authentication settings", type Web App or Native App), and stores
            accessToken, refreshToken, expiresAt, clientId (and clientSecret) in the X credentials parameter, NAME
            (default /social-desk/platforms/x, under the template's CredentialsPath): .local/secrets.json, or
            Parameter Store (SecureString) with --aws.
            Scopes: tweet.read tweet.write users.read offline.access.
            """;
    static final List<String> X_SCOPES = List.of("tweet.read", "tweet.write", "users.read", "offline.access");
    static final URI X_AUTHORIZE = URI.create("https://x.com/i/oauth2/authorize");
    static final URI X_API = URI.create("https://api.x.com");
    static final String DEFAULT_PARAMETER = "/social-desk/platforms/x";
    static final Duration WAIT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final Clock clock;
    private final URI authorizeEndpoint;
    private final URI apiUrl;

    AuthCommand() {
        this(HttpClient.newHttpClient(), Clock.systemUTC(), X_AUTHORIZE, X_API);
    }

    /** For tests: X's endpoints elsewhere (a loopback fake). */
    AuthCommand(HttpClient http, Clock clock, URI authorizeEndpoint, URI apiUrl) {
        this.http = http;
        this.clock = clock;
        this.authorizeEndpoint = authorizeEndpoint;
        this.apiUrl = apiUrl;
    }

    int run(String[] argv, PrintStream out, java.util.function.Consumer<URI> browser) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return args.isEmpty() ? SocialCli.USAGE : 0;
        }
        if (!args.removeFirst().equals("x")) {
            throw CliException.usage("only x is authorised this way for now (LinkedIn, Threads: store their tokens with "
                    + "expiresAt, and refreshToken, clientId, clientSecret for LinkedIn, and the publisher keeps them fresh)");
        }
        String clientId = null;
        String clientSecret = null;
        int port = 8765;
        boolean aws = false;
        String region = null;
        String parameterName = DEFAULT_PARAMETER;
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--client-id" -> clientId = Target.value(args, ++i, "--client-id");
                case "--client-secret" -> clientSecret = Target.value(args, ++i, "--client-secret");
                case "--port" -> port = port(Target.value(args, ++i, "--port"));
                case "--aws" -> aws = true;
                case "--region" -> region = Target.value(args, ++i, "--region");
                case "--parameter" -> parameterName = Target.value(args, ++i, "--parameter");
                case "--data-dir" -> dataDir = Path.of(Target.value(args, ++i, "--data-dir")).toAbsolutePath();
                default -> throw CliException.usage("unknown option " + args.get(i));
            }
        }
        if (clientId == null) {
            throw CliException.usage("--client-id is required (the X app's OAuth 2.0 Client ID)");
        }
        OAuthTokens tokens;
        try (PkceAuthorization flow = new PkceAuthorization(authorizeEndpoint, URI.create(apiUrl + "/2/oauth2/token"),
                clientId, clientSecret, X_SCOPES, port, http, clock)) {
            out.println("Open this URL in a browser signed in as the X account the desk posts as:");
            out.println();
            out.println("  " + flow.authorizeUri());
            out.println();
            out.println("Waiting for X to redirect to " + flow.redirectUri() + " (up to " + WAIT.toMinutes() + " minutes)...");
            out.flush();
            browser.accept(flow.authorizeUri());
            tokens = flow.exchange(flow.awaitCode(WAIT));
        }
        if (tokens.refreshToken() == null) {
            throw CliException.failed("X gave no refresh token: is offline.access allowed for the app?");
        }
        Map<String, Object> secret = new LinkedHashMap<>();
        if (!apiUrl.equals(X_API)) {
            secret.put("apiUrl", apiUrl.toString());
        }
        secret.put("accessToken", tokens.accessToken());
        secret.put("refreshToken", tokens.refreshToken());
        secret.put("expiresAt", tokens.expiresAt().toString());
        secret.put("clientId", clientId);
        if (clientSecret != null) {
            secret.put("clientSecret", clientSecret);
        }
        String json = Json.write(secret);
        if (aws) {
            storeInParameterStore(parameterName, json, region);
            out.println("Stored in Parameter Store as " + parameterName + "; the publisher refreshes the token from now on.");
        } else {
            Path file = (dataDir != null ? dataDir : Template.findRoot(Path.of("")).resolve(".local")).resolve("secrets.json");
            storeLocally(file, parameterName, secret);
            out.println("Stored in " + file + " as " + parameterName + "; the local stack uses it on its next tick.");
        }
        return 0;
    }

    /** Replaces one entry of the local stack's parameters file, keeping the others. */
    static void storeLocally(Path file, String parameterName, Map<String, Object> secret) {
        try {
            Map<String, Object> all = Files.exists(file) ? new LinkedHashMap<>(Json.parseObject(Files.readString(file)))
                    : new LinkedHashMap<>();
            all.put(parameterName, secret);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A new version of the parameter, or the parameter itself the first time (a SecureString under the aws/ssm key). */
    private static void storeInParameterStore(String parameterName, String json, String region) {
        var builder = SsmClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        try (SsmClient client = builder.build()) {
            client.putParameter(r -> r.name(parameterName).value(json).type(ParameterType.SECURE_STRING).overwrite(true)
                    .description("X credentials for social-desk, written by ./social auth x"));
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw CliException.usage("--port must be 0 to 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw CliException.usage("--port must be a number");
        }
    }
}
