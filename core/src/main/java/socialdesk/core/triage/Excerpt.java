package socialdesk.core.triage;

/** Short single-line excerpts of comments, for notifications and logs. */
public final class Excerpt {
    private Excerpt() {
    }

    /**
     * The text on one line (runs of whitespace collapsed), cut at a word boundary so that it is at
     * most {@code maxChars} characters including a trailing ellipsis. Never splits a surrogate pair.
     */
    public static String of(String text, int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2");
        }
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= maxChars) {
            return flat;
        }
        int limit = maxChars - 1;
        int cut = flat.lastIndexOf(' ', limit);
        if (cut < maxChars / 2) {
            cut = limit;
            if (Character.isLowSurrogate(flat.charAt(cut)) && Character.isHighSurrogate(flat.charAt(cut - 1))) {
                cut--;
            }
        }
        return flat.substring(0, cut).stripTrailing() + "\u2026";
    }
}
