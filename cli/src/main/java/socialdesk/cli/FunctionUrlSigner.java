package socialdesk.cli;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.SigV4;

/**
 * Signs requests to a function URL with AuthType AWS_IAM: SigV4 for the service {@code lambda}, by
 * infra/aws's signer (the one the functions use), with the credentials of a provider (the default
 * chain with {@code --aws}, fixed ones in tests). The payload is hashed into the signature and sent
 * as {@code x-amz-content-sha256}, so a body changed on the way fails the check.
 */
final class FunctionUrlSigner {
    static final String SERVICE = "lambda";

    private final CredentialsProvider credentials;
    private final String region;

    FunctionUrlSigner(CredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** The headers to send: {@code headers}, the payload hash, then X-Amz-Date, the session token if any, and Authorization. */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.put("x-amz-content-sha256", SigV4.payloadHash(body));
        signed.putAll(SigV4.sign(method, uri, signed, body, region, SERVICE, credentials.credentials(), Instant.now()));
        return signed;
    }
}
