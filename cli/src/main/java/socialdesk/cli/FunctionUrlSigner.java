package socialdesk.cli;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests to a function URL with AuthType AWS_IAM: SigV4 for the service {@code lambda}, by
 * the AWS SDK's own signer, with the credentials of a provider (the default chain in use, static
 * ones in tests). The payload is hashed into the signature and sent as {@code x-amz-content-sha256}.
 */
final class SigV4 {
    static final String SERVICE = "lambda";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;

    SigV4(AwsCredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** The headers to send: {@code headers} plus Authorization, X-Amz-Date, Host and, with session credentials, the token. */
    Map<String, List<String>> sign(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw CliException.failed("no AWS credentials: " + firstSentence(e.getMessage())
                    + " (set AWS_PROFILE, or run aws configure / aws sso login)");
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        request.putHeader("x-amz-content-sha256", "required");
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        return new LinkedHashMap<>(signed.request().headers());
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "none found";
        }
        int dot = message.indexOf(". ");
        return dot > 0 ? message.substring(0, dot) : message;
    }
}
