package socialdesk.aws.priming;

import socialdesk.aws.AwsClients;
import socialdesk.aws.testing.MotoServer;
import socialdesk.aws.testing.RequiresMoto;

/** The priming steps' tests on moto's DynamoDB: the refused writes are refused there too, and change nothing. */
@RequiresMoto
class PrimingStepsOnMotoTest extends PrimingStepsTest {

    @Override
    AwsClients clients(Outcomes outcomes) {
        return MotoServer.shared().clients(outcomes);
    }

    @Override
    String createTable() {
        return MotoServer.shared().createTable();
    }
}
