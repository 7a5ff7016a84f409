package socialdesk.core.publish;

import java.time.Instant;

/**
 * Asks a platform whether it holds a post whose send had an unknown outcome (the run that sent it
 * died before recording the answer). Implementations live in each platform's adapter package.
 */
public interface SentPostLookup {

    /**
     * Looks among the account's posts created since {@code sentSince} (the post's due time: no send
     * of it starts earlier; implementations allow a few minutes for clock skew) for the one
     * {@code request} describes. Must not throw for anything the platform or network does.
     */
    Reconciliation find(PublishRequest request, Instant sentSince);

    /** A platform that cannot be asked (a Telegram bot, a Discord webhook): a person decides. */
    static SentPostLookup impossible(String reason) {
        Reconciliation.CannotLook answer = new Reconciliation.CannotLook(reason);
        return (request, sentSince) -> answer;
    }

    /** A platform whose send is idempotent (a key, a record key of our choosing): sending again is the lookup. */
    static SentPostLookup resendIsSafe(String why) {
        Reconciliation.ResendIsSafe answer = new Reconciliation.ResendIsSafe(why);
        return (request, sentSince) -> answer;
    }

    /** What a lookup found. */
    sealed interface Reconciliation {
        /** The platform holds the post: the earlier send succeeded. */
        record Found(String remoteId, String url) implements Reconciliation {
        }

        /** None of the account's posts since the send is this one. */
        record NotFound() implements Reconciliation {
        }

        /** The lookup itself failed (network, 5xx, rate limit): ask again later, never guess. */
        record LookupFailed(String reason, Instant notBefore) implements Reconciliation {
        }

        /** The platform offers no way to look with the credentials the desk holds. */
        record CannotLook(String reason) implements Reconciliation {
        }

        /** No lookup needed: a repeated send is recognised by the platform as the same post. */
        record ResendIsSafe(String why) implements Reconciliation {
        }
    }
}
