package socialdesk.platforms.bluesky;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language of a post for the record's {@code langs} (BCP-47 tags, which Bluesky's feeds and
 * language filters read), told only where the text leaves no doubt: Vietnamese by the letters only
 * Vietnamese writes, Japanese, Korean and Thai by their scripts, English by its common function
 * words. Anything else gets no {@code langs}: a missing language hides a post from no one, a wrong
 * one hides it from the readers it was written for. (Why no detection library: see
 * docs/decisions/2026-12-06-bluesky-peer-tier.md.)
 */
final class PostLanguages {
    private static final Pattern LINKS_MENTIONS_TAGS = Pattern.compile("(https?://|[@#\\uFF03])\\S+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> ENGLISH = Set.of("the", "and", "to", "of", "is", "are", "for", "with", "our", "you",
            "your", "we", "in", "on", "this", "that", "it", "at", "new", "now", "from", "be", "will", "have", "has", "all",
            "a", "an", "or", "not", "can", "get", "today", "more", "what", "how", "just");

    private PostLanguages() {
    }

    /** Zero or one tag ({@code vi}, {@code ja}, {@code ko}, {@code th}, {@code en}). */
    static List<String> of(String text) {
        String words = LINKS_MENTIONS_TAGS.matcher(text).replaceAll(" ");
        boolean kana = false;
        boolean hangul = false;
        boolean thai = false;
        for (int i = 0; i < words.length(); ) {
            int cp = words.codePointAt(i);
            i += Character.charCount(cp);
            if (isVietnameseLetter(cp)) {
                return List.of("vi");
            }
            switch (Character.UnicodeScript.of(cp)) {
                case HIRAGANA, KATAKANA -> kana = true;
                case HANGUL -> hangul = true;
                case THAI -> thai = true;
                default -> { }
            }
        }
        if (kana) {
            return List.of("ja");
        }
        if (hangul) {
            return List.of("ko");
        }
        if (thai) {
            return List.of("th");
        }
        var m = WORD.matcher(words);
        int english = 0;
        int total = 0;
        while (m.find()) {
            total++;
            if (ENGLISH.contains(m.group().toLowerCase(Locale.ROOT))) {
                english++;
            }
        }
        return english >= 2 && english * 5 >= total ? List.of("en") : List.of();
    }

    /**
     * Letters of Vietnamese's alphabet and tone marks that French, Spanish, Portuguese and the
     * other Latin-script languages do not use: ă, đ, ơ, ư and the precomposed vowels with tones
     * (U+1EA0..U+1EF9), in either case.
     */
    private static boolean isVietnameseLetter(int cp) {
        return cp == 0x0103 || cp == 0x0102 || cp == 0x0111 || cp == 0x0110 || cp == 0x01A1 || cp == 0x01A0
                || cp == 0x01B0 || cp == 0x01AF || (cp >= 0x1EA0 && cp <= 0x1EF9);
    }
}
