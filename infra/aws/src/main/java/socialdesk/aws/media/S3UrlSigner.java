package socialdesk.aws.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 in S3's presigned-URL form, by the SDK's own signer: the signature in the query string,
 * an unsigned payload, the path signed as sent (no double encoding, no normalisation). Every header
 * on the request is signed. The media bucket signs its URLs with it; the local stack's bucket signs
 * a request again with it to check the signature it came with.
 */
public final class S3UrlSigner {
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** {@code request} with the X-Amz-* query parameters that make it valid for {@code validFor} from {@code at}. */
    public SdkHttpRequest sign(SdkHttpRequest request, AwsCredentialsIdentity credentials, String region, Duration validFor, Instant at) {
        return signer.sign(r -> r
                        .identity(credentials)
                        .request(request)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validFor)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request();
    }
}
