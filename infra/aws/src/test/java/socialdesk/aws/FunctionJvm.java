package socialdesk.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A JVM started with a function's environment variables and nothing else of AWS's, which does what
 * a function does with AwsClients: the real {@code System.getenv()} path, which a test cannot set in
 * its own JVM. Its main reads one key of a table, renews the credentials, and reads it again.
 */
final class FunctionJvm {
    private FunctionJvm() {
    }

    public static void main(String[] args) {
        AwsClients clients = AwsClients.fromEnvironment(new AwsCallBudget(Duration.ofSeconds(20), 1));
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("PROBE#"), "SK", AttributeValue.fromS("PROBE#"));
        clients.dynamoDb().getItem(b -> b.tableName(args[0]).key(key));
        clients.renewCredentials();
        clients.dynamoDb().getItem(b -> b.tableName(args[0]).key(key));
        System.out.println("read twice");
    }

    /** Runs {@link #main} with {@code env} as the only AWS variables; answers its output, or fails with it. */
    static String run(Map<String, String> env, String table) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FunctionJvm.class.getName(), table).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("the function JVM failed: " + output);
        }
        return output;
    }

    static List<String> lines(String output) {
        return output.lines().toList();
    }
}
