package socialdesk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.template.Template;

/**
 * {@code social invoke FUNCTION --event events/FILE.json}: one synchronous invocation of a function
 * of template.yaml in the running local stack, as {@code sam local invoke} would (the function's
 * template environment, the stack's table, bus and secrets). It calls Lambda's Invoke API, which the
 * local stack serves on its AWS endpoint, so the function that runs is the one the stack already
 * started (warm, same logs in the stack's console). FUNCTION is the logical id
 * ({@code PostsApiFunction}) or the module name ({@code posts-api}).
 */
final class InvokeCommand {
    static final String USAGE = """
            usage: social invoke FUNCTION --event FILE [--data DIR]
              FUNCTION      a function of template.yaml: logical id (PostsApiFunction) or module (posts-api)
              --event FILE  the event, JSON (see events/); - reads it from stdin
            Runs against the local stack (./social local). On AWS use aws lambda invoke.
            """;

    int run(String[] argv, java.io.InputStream in, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (args.contains("--aws") || args.contains("--url")) {
            throw CliException.usage("invoke runs against the local stack; on AWS use: aws lambda invoke --function-name ...");
        }
        Target target = Target.parse(args);
        String function = null;
        String eventFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--event") || a.equals("-e")) {
                eventFile = Target.value(args, ++i, "--event");
            } else if (a.startsWith("-")) {
                throw CliException.usage("unknown option '" + a + "'");
            } else if (function == null) {
                function = a;
            } else {
                throw CliException.usage("one function at a time");
            }
        }
        if (function == null || eventFile == null) {
            throw CliException.usage(function == null ? "which function? social invoke FUNCTION --event FILE" : "--event FILE is required");
        }
        byte[] event = readEvent(eventFile, in);
        String endpoint = target.localLambdaEndpoint();
        URI uri = URI.create(endpoint + "/2015-03-31/functions/" + PostsCommands.encode(function) + "/invocations");
        HttpResponse<String> response;
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(16))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw CliException.failed(Target.notRunning(endpoint));
        } catch (IOException e) {
            throw CliException.failed(e.getCause() instanceof ConnectException ? Target.notRunning(endpoint)
                    : "cannot reach the local stack at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        if (response.statusCode() == 404) {
            throw CliException.failed("no function " + function + " in the running local stack (use a logical id of template.yaml, like PostsApiFunction, or a module name, like posts-api)");
        }
        if (response.statusCode() != 200) {
            throw CliException.failed("the local stack answered HTTP " + response.statusCode() + ": " + Target.oneLine(response.body()));
        }
        out.println(response.body());
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            String type = null;
            String message = null;
            try {
                Object doc = Json.parse(response.body());
                type = JsonRead.string(doc, "errorType");
                message = JsonRead.string(doc, "errorMessage");
            } catch (JsonException e) {
                // Shown as it came, above.
            }
            err.println("social invoke: " + function + " failed" + (type == null ? "" : ": " + type) + (message == null ? "" : ": " + message));
            return 1;
        }
        return 0;
    }

    private static byte[] readEvent(String name, java.io.InputStream in) {
        byte[] bytes;
        try {
            if (name.equals("-")) {
                bytes = in.readAllBytes();
            } else {
                Path path = Path.of(name);
                if (!Files.exists(path) && !path.isAbsolute()) {
                    Path fromRoot = Template.findRoot(Path.of("")).resolve(name);
                    path = Files.exists(fromRoot) ? fromRoot : path;
                }
                bytes = Files.readAllBytes(path);
            }
        } catch (NoSuchFileException e) {
            throw CliException.usage("no such event file: " + name);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + name + ": " + e.getMessage());
        }
        try {
            Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw CliException.usage(name + " is not JSON: " + e.getMessage());
        }
        return bytes;
    }
}
