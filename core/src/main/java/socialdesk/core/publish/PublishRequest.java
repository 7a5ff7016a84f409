package socialdesk.core.publish;

import java.time.Instant;
import socialdesk.core.post.PostContent;

/**
 * One send of one post to one platform.
 *
 * @param idempotencyKey stable for this post and platform across every retry
 * @param dueAt          the post's due instant, stable across retries (Bluesky derives its record key from it)
 */
public record PublishRequest(String postId, PostContent content, String idempotencyKey, Instant dueAt) {
}
