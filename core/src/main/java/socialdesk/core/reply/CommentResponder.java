package socialdesk.core.reply;

import java.time.Duration;
import socialdesk.core.engagement.Author;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;

/**
 * Answers and moderates comments on one platform, the platform's way. Implementations live in
 * infra/platforms beside the publishers and speak HTTP. Like a publisher, they never throw for what
 * the platform or the network does: every failure is a {@link PublishOutcome}.
 */
public interface CommentResponder {
    Platform platform();

    /** The rules a reply's text must pass before it is sent (the publisher's rules for the platform). */
    ContentRules rules();

    /**
     * True when a resend with the same {@link ReplyRequest#idempotencyKey()} cannot make a second
     * reply (for at least {@link #idempotencyWindow()} after the first send), so a send whose answer
     * was lost may be repeated.
     */
    boolean idempotent();

    /** How long after the first send a resend is still recognised as the same reply; zero when never. */
    default Duration idempotencyWindow() {
        return Duration.ZERO;
    }

    /**
     * The text as it goes out in a reply to {@code author}, when the platform's threads need more
     * than the person wrote (Mastodon notifies only the accounts a status mentions); the rules are
     * checked on this, and it is what is stored and sent. Unchanged by default.
     */
    default String threadText(String text, Author author) {
        return text;
    }

    /** Posts the text as a reply in the comment's thread, once. */
    PublishOutcome reply(ReplyRequest request);

    /**
     * Hides ({@code hidden} true) or shows the comment again; {@link PublishOutcome.Permanent} when
     * the platform has no way to. The {@code Published} answer carries the comment's id.
     */
    PublishOutcome setHidden(HideRequest request, boolean hidden);
}
