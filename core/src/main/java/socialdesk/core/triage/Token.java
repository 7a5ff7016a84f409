package socialdesk.core.triage;

/**
 * One token of a comment after normalisation.
 *
 * @param text     lower case, letters repeated three or more times cut to two ("sooo" -> "soo")
 * @param fold     {@code text} without Vietnamese diacritics ("đ" -> "d")
 * @param text1    lower case with every repeated letter cut to one, or null when it was never repeated
 * @param fold1    {@code text1} without diacritics, or null
 * @param shape    what kind of token it is
 * @param accented whether the token carries diacritics
 * @param quoted   whether it sits inside quotation marks ('on time', "top rated")
 */
record Token(String text, String fold, String text1, String fold1, Shape shape, boolean accented, boolean quoted) {

    enum Shape { WORD, NUMBER, MONEY, URL, MENTION, EMOJI, PUNCT }

    boolean isPunct() {
        return shape == Shape.PUNCT;
    }

    /** True when this token is any of the given folded words. */
    boolean is(String... words) {
        for (String w : words) {
            if (w.equals(fold) || w.equals(fold1)) {
                return true;
            }
        }
        return false;
    }
}
