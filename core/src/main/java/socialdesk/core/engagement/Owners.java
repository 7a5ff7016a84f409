package socialdesk.core.engagement;

import socialdesk.core.post.Platform;

/**
 * Engagement is kept under an owner: our post's id when the remote index knows the platform's post,
 * otherwise the platform's "unmatched" owner, so nothing a platform sends is ever dropped.
 */
public final class Owners {
    private static final String UNMATCHED_PREFIX = "unmatched#";

    private Owners() {
    }

    /** The owner of engagement on posts that are not ours (or not known yet), one per platform. */
    public static String unmatched(Platform platform) {
        return UNMATCHED_PREFIX + platform.id();
    }

    public static boolean isUnmatched(String ownerId) {
        return ownerId.startsWith(UNMATCHED_PREFIX);
    }
}
