package socialdesk.platforms.fake;

import java.util.List;
import java.util.function.UnaryOperator;
import socialdesk.core.json.JsonRead;

/**
 * What Slack checks of a message's {@code blocks} (Block Kit), for the blocks the desk sends: at
 * most {@value #MAX_BLOCKS}; a {@code section} with a {@code mrkdwn} or {@code plain_text} text of
 * 1 to {@value #MAX_SECTION_TEXT} characters (its escaping checked like the message text); an
 * {@code image} with an http(s) {@code image_url} of at most {@value #MAX_URL} characters and an
 * {@code alt_text} of 1 to {@value #MAX_ALT} characters. Anything else is an invalid block.
 */
final class SlackBlocks {
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_URL = 3000;
    static final int MAX_ALT = 2000;

    private SlackBlocks() {
    }

    /** Null when Slack would take the blocks; otherwise its error text. */
    static String problem(Object blocks, UnaryOperator<String> escapingChecked) {
        if (!(blocks instanceof List<?> list) || list.isEmpty() || list.size() > MAX_BLOCKS) {
            return "blocks must be a list of 1 to " + MAX_BLOCKS + " blocks";
        }
        for (int i = 0; i < list.size(); i++) {
            Object block = list.get(i);
            String type = JsonRead.string(block, "type");
            if ("section".equals(type)) {
                String text = JsonRead.string(block, "text", "text");
                if (text == null || text.isEmpty() || text.length() > MAX_SECTION_TEXT) {
                    return "must be between 1 and " + MAX_SECTION_TEXT + " characters [json-pointer:/blocks/" + i + "/text/text]";
                }
                escapingChecked.apply(text);
            } else if ("image".equals(type)) {
                String url = JsonRead.string(block, "image_url");
                String alt = JsonRead.string(block, "alt_text");
                if (url == null || !url.matches("https?://\\S+") || url.length() > MAX_URL) {
                    return "invalid image_url [json-pointer:/blocks/" + i + "/image_url]";
                }
                if (alt == null || alt.isEmpty() || alt.length() > MAX_ALT) {
                    return "must be between 1 and " + MAX_ALT + " characters [json-pointer:/blocks/" + i + "/alt_text]";
                }
            } else {
                return "unsupported block type " + type + " [json-pointer:/blocks/" + i + "]";
            }
        }
        return null;
    }
}
