package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.local.LocalIdentity;

/**
 * The command line reads a running local stack's table in the region the stack recorded (an
 * emulator keeps tables per region), whatever this shell's region, with the key the stack's mode
 * resolves from the same environment.
 */
class LocalStackIdentityTest {
    @Test
    void theStacksRecordedRegionWinsAndTheKeyIsResolvedAsTheStackResolvesIt() {
        LocalIdentity emulator = Target.localIdentity(Map.of("region", "eu-west-1", "emulator", "http://127.0.0.1:4566"));
        LocalIdentity shell = LocalIdentity.fromEnvironment(true);
        assertEquals(new LocalIdentity("eu-west-1", shell.accessKeyId(), shell.secretAccessKey()), emulator);

        assertEquals("ap-south-1", Target.localIdentity(Map.of("region", "ap-south-1")).region());
        assertEquals(LocalIdentity.fromEnvironment(false), Target.localIdentity(Map.of()), "a stack that recorded no region: the shell's");
    }
}
