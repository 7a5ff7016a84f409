package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/** The counts the composer shows are the very lengths the rules judge: over the limit exactly when a length problem is reported. */
class TextCountTest {
    private final Map<Platform, ContentRules> rules = PlatformRules.standard();

    @Test
    void everyPlatformCountsItsOwnWay() {
        PostContent content = new PostContent("Chào 👨‍👩‍👧 https://example.com/a/very/long/path/that/is/long", null);
        assertEquals(List.of(new TextCount(30, 500, "characters (links count as 23)")), rules.get(Platform.MASTODON).counts(content));
        List<TextCount> bluesky = rules.get(Platform.BLUESKY).counts(content);
        assertEquals(new TextCount(56, 300, "graphemes"), bluesky.get(0));
        assertEquals(TextMeasure.utf8Length(content.fullText()), bluesky.get(1).count());
        assertEquals(3000, bluesky.get(1).limit());
        for (ContentRules platformRules : rules.values()) {
            assertFalse(platformRules.counts(content).isEmpty(), platformRules.platform() + " shows a count");
        }
    }

    @Test
    void overTheLimitExactlyWhenTheRulesRefuseTheLength() {
        for (ContentRules platformRules : rules.values()) {
            int limit = platformRules.counts(new PostContent("a", null)).getFirst().limit();
            for (int length : new int[] {limit, limit + 1}) {
                PostContent content = new PostContent("a".repeat(length), null);
                boolean over = platformRules.counts(content).stream().anyMatch(TextCount::over);
                boolean refused = platformRules.problems(content).stream().anyMatch(p -> p.contains("the limit is") || p.contains("allows"));
                assertEquals(refused, over, platformRules.platform() + " at " + length);
                assertEquals(length > limit, over, platformRules.platform() + " at " + length);
            }
        }
        assertTrue(new TextCount(301, 300, "graphemes").over());
    }
}
