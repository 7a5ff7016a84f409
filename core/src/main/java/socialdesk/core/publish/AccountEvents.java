package socialdesk.core.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.post.Platform;

/** Events about platform accounts: what a person must do so posts keep going out. */
public final class AccountEvents {
    public static final String SOURCE = "social.accounts";
    public static final String CREDENTIALS_REJECTED = "PlatformCredentialsRejected";
    public static final String CREDENTIALS_RESTORED = "PlatformCredentialsRestored";
    public static final String CREDENTIALS_EXPIRING = "CredentialsExpiring";

    private AccountEvents() {
    }

    public static DomainEvent rejected(Platform platform, String reason, Instant since, Instant nextCheck) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", platform.id());
        detail.put("reason", reason);
        detail.put("blockedSince", since.toString());
        detail.put("nextCheckAt", nextCheck.toString());
        detail.put("action", "Reconnect the " + platform.id() + " account and put the new credentials in its secret."
                + " Posts for " + platform.id() + " are held, not failed, and go out once the account works again.");
        return DomainEvent.of(SOURCE, CREDENTIALS_REJECTED, platform.id() + "/" + since.toEpochMilli(), detail);
    }

    /** @param at when the block was cleared: one block ends once */
    public static DomainEvent restored(Platform platform, Instant at) {
        return DomainEvent.of(SOURCE, CREDENTIALS_RESTORED, platform.id() + "/" + at.toEpochMilli(), Map.of("platform", platform.id(),
                "action", "Nothing to do: held posts for " + platform.id() + " are going out again."));
    }

    public static DomainEvent expiring(Platform platform, Instant expiresAt, Instant now) {
        long days = Math.max(0, Duration.between(now, expiresAt).toDays());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("platform", platform.id());
        detail.put("expiresAt", expiresAt.toString());
        detail.put("daysLeft", days);
        detail.put("action", "Renew the " + platform.id() + " access token before " + expiresAt
                + " and update its secret (with the new expiresAt), or posts will be held from then on.");
        return DomainEvent.of(SOURCE, CREDENTIALS_EXPIRING, platform.id() + "/" + expiresAt, detail);
    }
}
