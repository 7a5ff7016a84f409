package socialdesk.local;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The one region and key the local stack uses everywhere: for its table, in every function's
 * environment, for the bus, topics, queues and secrets on an emulator, in the ARNs it makes up, and
 * for the command line reading its table. An emulator keeps resources per region (LocalStack also
 * per account, taken from the access key id), so one part in another region or under another key
 * sees nothing of the rest.
 *
 * @param region          {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else {@link #DEFAULT_REGION}
 * @param accessKeyId     {@code AWS_ACCESS_KEY_ID} with its secret, else the mode's default key
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 */
public record LocalIdentity(String region, String accessKeyId, String secretAccessKey) {
    public static final String DEFAULT_REGION = "us-east-1";
    /** The key emulators document (Floci, LocalStack): any key works, this one is the one they expect. */
    static final String EMULATOR_KEY = "test";
    /** In-process nothing checks a signature; a key that is obviously not a real one. */
    static final String IN_PROCESS_KEY = "local";

    /**
     * Resolves the identity from an environment ({@code System.getenv()}). A key is taken only
     * with its secret: half a key pair would sign nothing an emulator accepts.
     *
     * @param emulator whether the stack runs against an emulator ({@code AWS_ENDPOINT_URL} set)
     */
    public static LocalIdentity resolve(Map<String, String> env, boolean emulator) {
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        String keyId = first(env, "AWS_ACCESS_KEY_ID");
        String secret = first(env, "AWS_SECRET_ACCESS_KEY");
        String fallbackKey = emulator ? EMULATOR_KEY : IN_PROCESS_KEY;
        boolean keyPair = keyId != null && secret != null;
        return new LocalIdentity(region == null ? DEFAULT_REGION : region, keyPair ? keyId : fallbackKey,
                keyPair ? secret : fallbackKey);
    }

    /** The environment of the running process, in the given mode. */
    public static LocalIdentity fromEnvironment(boolean emulator) {
        return resolve(System.getenv(), emulator);
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** The variables a function gets so its SDK clients sign for the same region with the same key. */
    Map<String, String> environment() {
        return Map.of("AWS_REGION", region, "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", secretAccessKey);
    }

    @Override
    public String toString() {
        return "LocalIdentity[region=" + region + ", accessKeyId=" + accessKeyId + "]";
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
