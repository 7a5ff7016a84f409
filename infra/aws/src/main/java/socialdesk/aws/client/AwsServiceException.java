package socialdesk.aws.client;

/**
 * The service answered with an error: its status, its error code (the shape name in {@code __type},
 * such as {@code ConditionalCheckFailedException}) and its message.
 */
public class AwsServiceException extends RuntimeException {
    private final String service;
    private final int status;
    private final String code;

    public AwsServiceException(String service, int status, String code, String message) {
        super(service + " " + code + " (" + status + "): " + message);
        this.service = service;
        this.status = status;
        this.code = code;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Worth another attempt: the service was busy or throttled us. */
    public boolean retryable() {
        return status >= 500 || status == 429 || code.contains("Throttl") || code.equals("ProvisionedThroughputExceededException")
                || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException");
    }
}
