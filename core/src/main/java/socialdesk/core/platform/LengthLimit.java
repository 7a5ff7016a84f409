package socialdesk.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;

/**
 * The usual rule: text must be present and at most {@code max} units long, counted by a platform's
 * own measure. The reason names the platform, the count, the unit and the limit.
 */
abstract class LengthLimit implements ContentRules {
    private final Platform platform;
    private final int max;
    private final String unit;
    private final ToIntFunction<String> measure;

    LengthLimit(Platform platform, int max, String unit, ToIntFunction<String> measure) {
        this.platform = platform;
        this.max = max;
        this.unit = unit;
        this.measure = measure;
    }

    @Override
    public final Platform platform() {
        return platform;
    }

    public final int max() {
        return max;
    }

    /** The length the platform compares with its limit. */
    public final int length(String text) {
        return measure.applyAsInt(text);
    }

    @Override
    public List<String> problems(PostContent content) {
        String text = content.fullText();
        List<String> problems = new ArrayList<>(2);
        if (text.isBlank() && !blankAllowed(content)) {
            problems.add(platform.id() + ": text is empty");
        }
        int length = length(text);
        if (length > max) {
            problems.add(platform.id() + ": text is " + length + " " + unit + ", the limit is " + max);
        }
        more(content, problems);
        problems.addAll(images().problems(content));
        return List.copyOf(problems);
    }

    @Override
    public List<TextCount> counts(PostContent content) {
        return List.of(new TextCount(length(content.fullText()), max, unit));
    }

    /** Whether a post with no text is acceptable (an image post, say). */
    boolean blankAllowed(PostContent content) {
        return false;
    }

    /** Platform-specific problems beyond the length. */
    void more(PostContent content, List<String> problems) {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[max=" + max + " " + unit + "]";
    }
}
