package socialdesk.platforms.mastodon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MastodonAccountTest {

    @Test
    void readsTheSecretWithDefaults() {
        MastodonAccount account = MastodonAccount.fromSecretJson(
                "{\"instanceUrl\":\"https://mastodon.example/\",\"accessToken\":\"s3cr3t\"}");

        assertEquals(URI.create("https://mastodon.example"), account.instance());
        assertEquals("s3cr3t", account.accessToken());
        assertEquals(500, account.maxChars());
    }

    @Test
    void readsAnInstanceSpecificLimit() {
        assertEquals(5000, MastodonAccount.fromSecretJson(
                "{\"instanceUrl\":\"https://m.example\",\"accessToken\":\"t\",\"maxChars\":5000}").maxChars());
    }

    @Test
    void aMissingFieldIsNamedAndNoValueIsEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MastodonAccount.fromSecretJson("{\"instanceUrl\":\"https://m.example\",\"token\":\"s3cr3t\"}"));
        assertEquals("mastodon secret has no \"accessToken\"", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> MastodonAccount.fromSecretJson("{\"accessToken\":\"s3cr3t\"}"));
        assertEquals("mastodon secret has no \"instanceUrl\"", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> MastodonAccount.fromSecretJson(
                "{\"instanceUrl\":\"https://m.example\",\"accessToken\":\"s3cr3t\",\"maxChars\":\"s3cr3t\"}"));
        assertEquals("mastodon secret field \"maxChars\" must be a positive integer", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> MastodonAccount.fromSecretJson("not json s3cr3t"));
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void refusesAnInstanceThatIsNotAnHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> MastodonAccount.fromSecretJson(
                "{\"instanceUrl\":\"mastodon.example\",\"accessToken\":\"t\"}"));
    }

    @Test
    void toStringHidesTheToken() {
        MastodonAccount account = new MastodonAccount(URI.create("https://m.example"), "s3cr3t", 500);
        assertFalse(account.toString().contains("s3cr3t"));
    }
}
