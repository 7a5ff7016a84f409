package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostImage;

/** The length rules of LinkedIn, Facebook, Instagram, Discord, Slack and Telegram, at their boundaries. */
class ChannelRulesTest {
    private static final String FAMILY = "👨\u200D👩\u200D👧\u200D👦"; // 7 code points, 11 UTF-16 units

    private static PostContent text(String text) {
        return new PostContent(text, null);
    }

    @Test
    void linkedInCountsUtf16UnitsUpTo3000() {
        LinkedInRules rules = new LinkedInRules();
        assertEquals(List.of(), rules.problems(text("a".repeat(3000))));
        assertEquals(List.of("linkedin: text is 3001 characters (UTF-16 units; emoji count 2), the limit is 3000"),
                rules.problems(text("a".repeat(3001))));
        assertEquals(List.of(), rules.problems(text("😀".repeat(1500))));
        assertEquals(1, rules.problems(text("😀".repeat(1500) + "a")).size());
        assertEquals(List.of(), rules.problems(text("字".repeat(3000))));
        assertEquals(List.of(), rules.problems(text("e\u0301".repeat(1500))));
        assertEquals(1, rules.problems(text("e\u0301".repeat(1500) + "a")).size());
    }

    @Test
    void linkedInCountsTheLinkLine() {
        LinkedInRules rules = new LinkedInRules();
        String link = "https://example.com/" + "p".repeat(80); // 100 characters, plus the blank line before it
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(2898), link)));
        assertEquals(1, rules.problems(new PostContent("a".repeat(2899), link)).size());
    }

    @Test
    void discordCountsCodePointsUpTo2000() {
        DiscordRules rules = new DiscordRules();
        assertEquals(List.of(), rules.problems(text("😀".repeat(2000))));
        assertEquals(List.of("discord: text is 2001 characters (code points), the limit is 2000"),
                rules.problems(text("😀".repeat(2001))));
        assertEquals(List.of(), rules.problems(text(FAMILY.repeat(285) + "12345")));
        assertEquals(1, rules.problems(text(FAMILY.repeat(285) + "123456")).size());
        assertEquals(List.of(), rules.problems(text("e\u0301".repeat(1000))));
        assertEquals(1, rules.problems(text("e\u0301".repeat(1000) + "a")).size());
    }

    @Test
    void telegramCountsUtf16UnitsUpTo4096() {
        TelegramRules rules = new TelegramRules();
        assertEquals(List.of(), rules.problems(text("字".repeat(4096))));
        assertEquals(1, rules.problems(text("字".repeat(4097))).size());
        assertEquals(List.of(), rules.problems(text("😀".repeat(2048))));
        assertEquals(List.of("telegram: text is 4097 characters (UTF-16 units; emoji count 2), the limit is 4096"),
                rules.problems(text("😀".repeat(2048) + "a")));
        assertEquals(List.of("telegram: text is empty"), rules.problems(text("")));
    }

    @Test
    void slackRefusesWhatItWouldTruncate() {
        SlackRules rules = new SlackRules();
        assertEquals(List.of(), rules.problems(text("a".repeat(40_000))));
        assertEquals(1, rules.problems(text("a".repeat(40_001))).size());
        assertEquals(1, rules.problems(text("😀".repeat(20_000) + "a")).size());
    }

    @Test
    void facebookAllowsLongMessages() {
        FacebookRules rules = new FacebookRules();
        assertEquals(List.of(), rules.problems(text("a".repeat(63_206))));
        assertEquals(1, rules.problems(text("a".repeat(63_207))).size());
        assertEquals(List.of("facebook: text is empty"), rules.problems(text(" ")));
    }

    @Test
    void instagramNeedsAnImage() {
        InstagramRules rules = new InstagramRules();
        assertEquals(List.of("instagram: a post needs an image; Instagram cannot publish text alone"),
                rules.problems(text("A caption")));
        assertEquals(List.of(), rules.problems(imagePost("https://cdn.example/a.jpg")));
    }

    @Test
    void instagramTakesJpegImagesOnly() {
        InstagramRules rules = new InstagramRules();
        assertEquals(List.of(), rules.problems(imagePost("https://cdn.example/a.JPG?v=2")));
        assertEquals(List.of(), rules.problems(imagePost("https://cdn.example/photos/a.jpeg#top")));
        assertEquals(List.of("instagram: image 1 is PNG (by its file name); instagram takes JPEG images"),
                rules.problems(imagePost("https://cdn.example/a.png")));
        assertEquals(1, rules.problems(imagePost("https://cdn.example/a.webp?w=1080")).size());
        assertEquals(1, rules.problems(imagePost("https://cdn.example/a.HEIC")).size());
        assertEquals(1, rules.problems(imagePost("https://cdn.example/anim.gif")).size());
    }

    @Test
    void instagramCaptionLimits() {
        InstagramRules rules = new InstagramRules();
        List<PostImage> image = List.of(new PostImage("https://cdn.example/a.jpg", "A photo"));
        assertEquals(List.of(), rules.problems(new PostContent("a".repeat(2200), null, image)));
        assertEquals(List.of("instagram: text is 2201 characters (UTF-16 units), the limit is 2200"),
                rules.problems(new PostContent("😀".repeat(1100) + "a", null, image)));
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            tags.append("#tag").append(i).append(' ');
        }
        assertEquals(List.of(), rules.problems(new PostContent(tags + "#1 C# a&#39;b", null, image)));
        assertEquals(List.of("instagram: caption has 31 hashtags, the limit is 30"),
                rules.problems(new PostContent(tags + "#café", null, image)));
        assertEquals(List.of("instagram: caption has 21 @-mentions, the limit is 20"),
                rules.problems(new PostContent("@a ".repeat(21) + "me@example.com", null, image)));
    }

    /** A post with no text and one image at {@code url}. */
    private static PostContent imagePost(String url) {
        return new PostContent("", null, List.of(new PostImage(url, "A photo")));
    }
}
