package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One region and one key for the whole local stack, from the environment, with the documented defaults. */
class LocalIdentityTest {
    @Test
    void regionComesFromAwsRegionThenAwsDefaultRegionThenUsEast1() {
        assertEquals("eu-west-1", LocalIdentity.resolve(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "ap-south-1"), true).region());
        assertEquals("ap-south-1", LocalIdentity.resolve(Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", "ap-south-1"), true).region());
        assertEquals("us-east-1", LocalIdentity.resolve(Map.of(), true).region());
        assertEquals("us-east-1", LocalIdentity.resolve(Map.of(), false).region());
    }

    @Test
    void keyComesFromTheEnvironmentOnlyAsAPairElseTheModesDefault() {
        LocalIdentity mine = LocalIdentity.resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t"), true);
        assertEquals(new LocalIdentity("us-east-1", "AKIDEXAMPLE", "s3cr3t"), mine);
        assertEquals(new LocalIdentity("us-east-1", "test", "test"),
                LocalIdentity.resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), true), "half a pair is not used");
        assertEquals(new LocalIdentity("us-east-1", "local", "local"), LocalIdentity.resolve(Map.of(), false));
        assertFalse(mine.toString().contains("s3cr3t"), "the secret is never printed: " + mine);
    }

    @Test
    void functionsGetTheSameRegionAndKeyTheStackUses() {
        LocalIdentity identity = LocalIdentity.resolve(Map.of("AWS_DEFAULT_REGION", "eu-central-1"), true);
        assertEquals(Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), identity.environment());
        assertEquals("test", identity.credentials().resolveCredentials().accessKeyId());
    }

    @Test
    void schedulesAndTheirEventsCarryTheStacksRegion() {
        Object event = socialdesk.core.json.Json.parse(Scheduler.event("tick", null, true, java.time.Instant.EPOCH, "eu-west-3"));
        assertEquals("eu-west-3", socialdesk.core.json.JsonRead.string(event, "region"));
    }
}
