package socialdesk.core.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;

/** The next steps a flagged comment's notification carries: a shell-safe command and a one-segment API path. */
class AnswerHintTest {

    @Test
    void aBlueskyUriIsOnePercentEncodedPathSegmentAndQuotedInTheCommand() {
        String uri = "at://did:plc:abc234/app.bsky.feed.post/3lbcomment2222";

        assertEquals("./social reply bluesky 'at://did:plc:abc234/app.bsky.feed.post/3lbcomment2222' --accept",
                AnswerHint.command(Platform.BLUESKY, uri, true));
        assertEquals("POST /comments/bluesky/at%3A%2F%2Fdid%3Aplc%3Aabc234%2Fapp.bsky.feed.post%2F3lbcomment2222/reply",
                AnswerHint.api(Platform.BLUESKY, uri, true));
    }

    @Test
    void aLinkedInUrnKeepsItsParenthesesInsideTheQuotesAndAQuoteInAnIdIsEscaped() {
        assertEquals("./social reply linkedin 'urn:li:comment:(urn:li:activity:1,2)' --accept",
                AnswerHint.command(Platform.LINKEDIN, "urn:li:comment:(urn:li:activity:1,2)", true));
        assertEquals("./social reply x 'it'\\''s' --accept", AnswerHint.command(Platform.X, "it's", true));
        assertEquals("POST /comments/x/a%20b/reply", AnswerHint.api(Platform.X, "a b", true));
    }

    @Test
    void aCommentWithNoSuggestedReplyIsToBeHiddenNotAnswered() {
        assertEquals("./social hide facebook '123_456'", AnswerHint.command(Platform.FACEBOOK, "123_456", false));
        assertEquals("POST /comments/facebook/123_456/hide", AnswerHint.api(Platform.FACEBOOK, "123_456", false));
    }
}
