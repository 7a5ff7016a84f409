package socialdesk.aws.client;

/**
 * The service answered with an error: its status, its error code (the shape name in {@code __type},
 * such as {@code ConditionalCheckFailedException}) and its message.
 */
public class AwsServiceException extends RuntimeException {
    private final String service;
    private final int status;
    private final String code;
    private final String serviceMessage;

    public AwsServiceException(String service, int status, String code, String serviceMessage) {
        super(service + " " + code + " (" + status + "): " + serviceMessage);
        this.service = service;
        this.status = status;
        this.code = code;
        this.serviceMessage = serviceMessage;
    }

    /** The same error as a subclass that names it, keeping the original as the cause. */
    protected AwsServiceException(AwsServiceException original) {
        this(original.service, original.status, original.code, original.serviceMessage);
        initCause(original);
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

    /** The message as the service wrote it. */
    public String serviceMessage() {
        return serviceMessage;
    }

    /** Worth another attempt: the service was busy or throttled us. */
    public boolean retryable() {
        return status >= 500 || status == 429 || code.contains("Throttl") || code.equals("ProvisionedThroughputExceededException")
                || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException");
    }
}
