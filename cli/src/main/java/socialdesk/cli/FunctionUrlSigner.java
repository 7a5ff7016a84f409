package socialdesk.cli;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Signs requests to a function URL with AuthType AWS_IAM: SigV4 for the service {@code lambda} by the
 * SDK's own signer, with the credentials of a provider (the default chain with {@code --aws}). The
 * payload is hashed into the signature and sent as {@code x-amz-content-sha256}, so a body changed on
 * the way fails the check.
 */
final class FunctionUrlSigner {
    static final String SERVICE = "lambda";
    /** Asks the SDK's signer to put the payload's hash in this header; it replaces the value with the hash. */
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String service;
    private final Clock clock;

    FunctionUrlSigner(AwsCredentialsProvider credentials, String region) {
        this(credentials, region, SERVICE, Clock.systemUTC());
    }

    /** With another service name and a fixed clock: published SigV4 examples are for other services and dates. */
    FunctionUrlSigner(AwsCredentialsProvider credentials, String region, String service, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /** The headers to send: {@code headers}, the payload hash, Host, X-Amz-Date, the session token if any, and Authorization. */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        request.putHeader(CONTENT_SHA256, "required");
        SdkHttpRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body == null ? new byte[0] : body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request();
        Map<String, String> out = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }
}
