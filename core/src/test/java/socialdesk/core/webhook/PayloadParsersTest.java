package socialdesk.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.EngagementEvent;
import socialdesk.core.json.Json;
import socialdesk.core.post.Platform;

class PayloadParsersTest {
    private static final Instant RECEIVED = Instant.parse("2025-11-26T09:45:12Z");

    private static ParsedDelivery meta(String json) {
        return new MetaPayloadParser().parse(Json.parse(json), RECEIVED);
    }

    @Test
    void metaReplyToACommentIsAReplyUnderThePost() {
        ParsedDelivery d = meta("""
                {"object":"page","entry":[{"id":"1","time":1764150310,"changes":[{"field":"feed","value":{
                 "item":"comment","verb":"add","post_id":"1_2","comment_id":"2_9","parent_id":"2_8",
                 "from":{"id":"7","name":"A"},"message":"hi","created_time":1764150301}}]}]}""");

        EngagementEvent.CommentAdded added = assertInstanceOf(EngagementEvent.CommentAdded.class, d.events().getFirst());
        assertEquals("1_2", added.remotePostId());
        assertEquals(CommentKind.REPLY, added.comment().kind());
        assertEquals(Instant.ofEpochSecond(1764150301), added.at());
    }

    @Test
    void thePagesOwnCommentsAndRepliesAreIgnored() {
        ParsedDelivery d = meta("""
                {"object":"page","entry":[{"id":"1","time":1764150310,"changes":[
                  {"field":"feed","value":{"item":"comment","verb":"add","post_id":"1_2","comment_id":"2_9","parent_id":"2_8",
                   "from":{"id":"1","name":"Our Page"},"message":"Thanks, we are on it","created_time":1764150301}},
                  {"field":"feed","value":{"item":"comment","verb":"edited","post_id":"1_2","comment_id":"2_9",
                   "from":{"id":"1","name":"Our Page"},"message":"Thanks, fixed","created_time":1764150302}},
                  {"field":"feed","value":{"item":"comment","verb":"add","post_id":"1_2","comment_id":"2_10",
                   "from":{"id":"7","name":"A"},"message":"hi","created_time":1764150303}}]}]}""");

        assertEquals(1, d.events().size());
        assertEquals("7", assertInstanceOf(EngagementEvent.CommentAdded.class, d.events().getFirst()).comment().author().id());
        assertEquals(2, d.ignored());
    }

    @Test
    void theInstagramAccountsOwnCommentsAreIgnored() {
        ParsedDelivery d = meta("""
                {"object":"instagram","entry":[{"id":"17841400000000001","time":1764150330,"changes":[
                  {"field":"comments","value":{"from":{"id":"17841400000000001","username":"our.brand"},
                   "media":{"id":"17895695668004550","media_product_type":"FEED"},"id":"17865799348089040",
                   "parent_id":"17865799348089039","text":"Xin lỗi bạn, chúng tôi sẽ kiểm tra"}},
                  {"field":"comments","value":{"from":{"id":"17841455500000077","username":"hoa.nguyen"},
                   "media":{"id":"17895695668004550","media_product_type":"FEED"},"id":"17865799348089039","text":"Đơn hàng chưa tới"}}]}]}""");

        assertEquals(1, d.events().size());
        assertEquals("17841455500000077",
                assertInstanceOf(EngagementEvent.CommentAdded.class, d.events().getFirst()).comment().author().id());
        assertEquals(1, d.ignored());
    }

    @Test
    void metaLikeUnlikeAndLikeAgainAreThreeDistinctEvents() {
        String template = """
                {"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"feed","value":{
                 "item":"reaction","verb":"%s","post_id":"1_2","from":{"id":"7"},"reaction_type":"like","created_time":%d}}]}]}""";

        List<String> ids = List.of(meta(template.formatted("add", 100)), meta(template.formatted("remove", 101)),
                meta(template.formatted("add", 102))).stream().map(d -> d.events().getFirst().eventId()).distinct().toList();

        assertEquals(3, ids.size());
        assertInstanceOf(EngagementEvent.ReactionRemoved.class, meta(template.formatted("remove", 101)).events().getFirst());
    }

    @Test
    void ignoredAndSkippedEntriesAreCountedNotStored() {
        ParsedDelivery d = meta("""
                {"object":"page","entry":[{"id":"1","time":1,"changes":[
                  {"field":"feed","value":{"item":"status","verb":"add","post_id":"1_2"}},
                  {"field":"feed","value":{"item":"comment","verb":"add","post_id":"1_2"}},
                  {"field":"feed","value":{"item":"comment","verb":"add","post_id":"1_2","comment_id":"has space"}},
                  {"field":"ratings","value":{}}]}]}""");

        assertEquals(0, d.events().size());
        assertEquals(2, d.ignored());
        assertEquals(2, d.skipped());
    }

    @Test
    void absurdTimesFallBackToTheDeliveryTime() {
        ParsedDelivery d = meta("""
                {"object":"page","entry":[{"id":"1","time":99999999999999999,"changes":[{"field":"feed","value":{
                 "item":"comment","verb":"add","post_id":"1_2","comment_id":"2_9","message":"x","created_time":-5}}]}]}""");

        assertEquals(RECEIVED, d.events().getFirst().at());
    }

    @Test
    void envelopesThatAreNotThePlatformsAreMalformed() {
        assertThrows(MalformedPayloadException.class, () -> meta("{\"object\":\"page\"}"));
        assertThrows(MalformedPayloadException.class, () -> meta("[]"));
        assertThrows(MalformedPayloadException.class, () -> new XPayloadParser().parse(Json.parse("{\"tweet_create_events\":[]}"), RECEIVED));
        assertThrows(MalformedPayloadException.class, () -> new LinkedInPayloadParser().parse(Json.parse("{\"notifications\":{}}"), RECEIVED));
    }

    @Test
    void xIgnoresOurOwnTweetsAndReadsRetweetsAsShares() {
        ParsedDelivery d = new XPayloadParser().parse(Json.parse("""
                {"for_user_id":"1","tweet_create_events":[
                  {"id_str":"10","text":"our post","user":{"id_str":"1","screen_name":"us"}},
                  {"id_str":"11","text":"RT","user":{"id_str":"2","screen_name":"fan"},"retweeted_status":{"id_str":"10"},"timestamp_ms":"1764150302000"},
                  {"id_str":"12","text":"quote","user":{"id_str":"3"},"quoted_status_id_str":"10","created_at":"Wed Nov 26 09:45:02 +0000 2025"}],
                 "direct_message_events":[{}]}"""), RECEIVED);

        assertEquals(2, d.ignored());
        EngagementEvent.Shared share = assertInstanceOf(EngagementEvent.Shared.class, d.events().get(0));
        assertEquals("10", share.remotePostId());
        assertEquals(Instant.ofEpochMilli(1764150302000L), share.at());
        EngagementEvent.CommentAdded quote = assertInstanceOf(EngagementEvent.CommentAdded.class, d.events().get(1));
        assertEquals(CommentKind.MENTION, quote.comment().kind());
        assertEquals("10", quote.remotePostId());
        assertEquals(Instant.parse("2025-11-26T09:45:02Z"), quote.at());
    }

    @Test
    void linkedInCommentDeleteAndMentionAreParsedAndAdminCommentsIgnored() {
        ParsedDelivery d = new LinkedInPayloadParser().parse(Json.parse("""
                {"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[
                  {"notificationId":1,"action":"COMMENT_DELETE","sourcePost":"urn:li:share:9","generatedActivity":"urn:li:comment:(x,1)","lastModifiedAt":1764150370000},
                  {"notificationId":2,"action":"SHARE_MENTION","sourcePost":"urn:li:share:77","actor":"urn:li:person:p"},
                  {"notificationId":3,"action":"ADMIN_COMMENT","sourcePost":"urn:li:share:9"}]}"""), RECEIVED);

        assertInstanceOf(EngagementEvent.CommentRemoved.class, d.events().get(0));
        EngagementEvent.CommentAdded mention = assertInstanceOf(EngagementEvent.CommentAdded.class, d.events().get(1));
        assertEquals(CommentKind.MENTION, mention.comment().kind());
        assertEquals(Platform.LINKEDIN, mention.platform());
        assertEquals("notification:2", mention.eventId());
        assertEquals(1, d.ignored());
    }
}
