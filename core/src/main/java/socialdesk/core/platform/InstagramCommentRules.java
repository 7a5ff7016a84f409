package socialdesk.core.platform;

import java.util.List;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * A reply to an Instagram comment: text only, not blank, at most {@value InstagramRules#MAX_CHARS}
 * characters (UTF-16 units). The caption's image requirement does not apply; a comment is a
 * caption-sized text.
 */
public final class InstagramCommentRules extends LengthLimit {
    public InstagramCommentRules() {
        super(Platform.INSTAGRAM, InstagramRules.MAX_CHARS, "characters (UTF-16 units)", TextMeasure::utf16Units);
    }

    @Override
    void more(PostContent content, List<String> problems) {
        if (content.hasImage()) {
            problems.add("instagram: a reply to a comment is text only");
        }
    }
}
