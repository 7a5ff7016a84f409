package socialdesk.aws.dynamo;

import socialdesk.aws.client.AwsServiceException;

/** A write whose condition expression was false: nothing was written. */
public final class ConditionalCheckFailedException extends AwsServiceException {
    ConditionalCheckFailedException(AwsServiceException original) {
        super(original);
    }
}
