package socialdesk.core.publish;

import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;

/** Sends a post to one platform. Implementations live in infra/platforms and speak HTTP. */
public interface PlatformPublisher {
    Platform platform();

    /** The rules this publisher checks before sending. */
    ContentRules rules();

    /**
     * Sends the post once. Must not throw for anything the platform or network does: every failure
     * is classified into a {@link PublishOutcome}. The request's idempotency key is stable across
     * retries of the same post on the same platform, so a retried send cannot create a second post
     * where the platform supports idempotency.
     */
    PublishOutcome publish(PublishRequest request);

    /**
     * How to find out whether a send whose answer was lost reached the platform. Without one of its
     * own, a platform cannot be asked: such a delivery becomes UNCERTAIN and a person decides.
     */
    default SentPostLookup sentPosts() {
        return SentPostLookup.impossible(platform().id() + ": the desk has no way to look for a sent post");
    }
}
