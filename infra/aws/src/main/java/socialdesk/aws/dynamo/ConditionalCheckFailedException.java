package socialdesk.aws.dynamo;

import socialdesk.aws.client.AwsServiceException;

/** A write whose condition expression was false: nothing was written. */
public final class ConditionalCheckFailedException extends AwsServiceException {
    public ConditionalCheckFailedException(String message) {
        super("DYNAMODB", 400, "ConditionalCheckFailedException", message);
    }
}
