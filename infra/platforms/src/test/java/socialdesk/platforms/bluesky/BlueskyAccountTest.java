package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BlueskyAccountTest {

    @Test
    void readsTheSecretWithTheDefaultService() {
        BlueskyAccount account = BlueskyAccount.fromSecretJson("{\"identifier\":\"desk.example.com\",\"appPassword\":\"abcd-efgh-ijkl-mnop\"}");

        assertEquals(URI.create("https://bsky.social"), account.service());
        assertEquals("desk.example.com", account.identifier());
        assertEquals("abcd-efgh-ijkl-mnop", account.appPassword());
    }

    @Test
    void readsAnOwnPds() {
        assertEquals(URI.create("https://pds.example.com"), BlueskyAccount.fromSecretJson(
                "{\"service\":\"https://pds.example.com/\",\"identifier\":\"d\",\"appPassword\":\"p\"}").service());
    }

    @Test
    void aMissingFieldIsNamedAndNoValueIsEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlueskyAccount.fromSecretJson("{\"identifier\":\"desk.example.com\",\"password\":\"s3cr3t\"}"));
        assertEquals("bluesky secret has no \"appPassword\"", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> BlueskyAccount.fromSecretJson("{\"appPassword\":\"s3cr3t\"}"));
        assertEquals("bluesky secret has no \"identifier\"", e.getMessage());
    }

    @Test
    void toStringHidesTheAppPassword() {
        BlueskyAccount account = new BlueskyAccount(null, "desk.example.com", "s3cr3t");
        assertFalse(account.toString().contains("s3cr3t"));
    }
}
