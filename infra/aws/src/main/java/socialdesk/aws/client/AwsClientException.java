package socialdesk.aws.client;

/** A request that got no answer from the service: no credentials, no connection, a timeout. */
public class AwsClientException extends RuntimeException {
    public AwsClientException(String message) {
        super(message);
    }

    public AwsClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
