package socialdesk.core.platform;

/**
 * One measure a platform compares with its limit, as the composer shows it: "287 / 300 graphemes".
 *
 * @param count the text's length in {@code unit}
 * @param limit the most the platform accepts
 * @param unit  how the platform counts, in words ("weighted characters (links 23, emoji and CJK 2)")
 */
public record TextCount(int count, int limit, String unit) {
    public boolean over() {
        return count > limit;
    }
}
