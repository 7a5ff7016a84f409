package socialdesk.aws.client;

import java.net.URI;
import java.util.Map;

/**
 * Where one service is reached and how requests to it are signed: the regional endpoint by default,
 * or the standard overrides {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code AWS_ENDPOINT_URL} (dynalite,
 * Floci, LocalStack).
 *
 * @param service the name used in messages and in {@code AWS_ENDPOINT_URL_<SERVICE>}, such as {@code DYNAMODB}
 * @param signingName the SigV4 service name, such as {@code dynamodb} or {@code events}
 */
public record ServiceEndpoint(String service, URI uri, String region, String signingName) {

    /** {@code hostPrefix} such as {@code dynamodb}: {@code https://dynamodb.<region>.amazonaws.com}. */
    public static ServiceEndpoint fromEnvironment(Map<String, String> env, String service, String hostPrefix, String signingName) {
        String region = firstPresent(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (region == null) {
            throw new AwsClientException("no AWS region: set AWS_REGION (Lambda sets it)");
        }
        String override = firstPresent(env.get("AWS_ENDPOINT_URL_" + service), env.get("AWS_ENDPOINT_URL"));
        URI uri = override != null ? URI.create(override)
                : URI.create("https://" + hostPrefix + "." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            uri = uri.resolve("/");
        }
        return new ServiceEndpoint(service, uri, region, signingName);
    }

    private static String firstPresent(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }
}
