package socialdesk.core.platform;

import java.util.List;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * What a platform accepts, counted the platform's way. Checked when a post is queued and again
 * just before it is sent, so an invalid post never reaches the platform.
 */
public interface ContentRules {
    Platform platform();

    /** Every reason this content would be refused, each a sentence a person can act on; empty when it is fine. */
    List<String> problems(PostContent content);

    /** Each length this platform limits, counted its way, whether or not it is over (the composer shows them as you type). */
    List<TextCount> counts(PostContent content);

    /** What this platform accepts of a post's images; {@link #problems} includes what can be checked before fetching them. */
    default ImageRules images() {
        return ImageRules.of(platform());
    }
}
