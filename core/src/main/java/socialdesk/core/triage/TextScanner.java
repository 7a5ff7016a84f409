package socialdesk.core.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a comment into tokens: HTML entities decoded, lower-cased, elongations cut, diacritics
 * folded for matching (while remembering that they were there), censored swear words restored,
 * emoji kept as tokens, URLs and mentions recognised.
 */
final class TextScanner {
    /** Folded form of every char from U+0000 to U+1EFF (Latin, Latin Extended, Vietnamese). */
    private static final char[] FOLD = buildFoldTable();
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-z0-9-]+\\.)+(?:com|net|org|vn|xyz|click|shop|io|co|me|info|biz|top|site|online|store|link|ly|app|pro|club|live|win|vip|asia|us|uk|tk|cc)(?:/\\S*)?");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\d(?:[ .-]?\\d){8,12}(?![\\w.])");
    private static final Pattern MONEY = Pattern.compile(
            "\\$?\\d+(?:[.,]\\d+)*(?:k|tr|trieu|triệu|m|mil|million|usd|vnd|vnđ|đ|d|dong|đồng|\\$|cu|củ|xu)");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    private TextScanner() {
    }

    /** The scan of one comment. */
    record Scan(List<Token> tokens, boolean vietnameseLetters, boolean allCaps, boolean phone, int exclamations) {
    }

    static Scan scan(String raw) {
        String text = Normalizer.normalize(decodeEntities(raw), Normalizer.Form.NFC);
        boolean vietnamese = false;
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
                if (isVietnameseOnly(Character.toLowerCase(c))) {
                    vietnamese = true;
                }
            }
        }
        boolean allCaps = letters >= 12 && upper * 10 >= letters * 7;
        boolean phone = PHONE.matcher(text).find();
        List<Token> tokens = new ArrayList<>(text.length() / 4 + 4);
        int exclamations = 0;
        boolean inQuote = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == '\n' && !tokens.isEmpty() && !tokens.getLast().isPunct()) {
                tokens.add(new Token(".", ".", null, null, Token.Shape.PUNCT, false, false));
                inQuote = false;
            }
            if (Character.isWhitespace(cp) || cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                i += len;
                continue;
            }
            if (isQuote(cp)) {
                boolean opens = !inQuote && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
                boolean closes = inQuote && (i + 1 >= n || !Character.isLetterOrDigit(text.charAt(i + 1)));
                if (opens || closes) {
                    inQuote = opens;
                }
                i += len;
                continue;
            }
            if (cp == '@' && i + 1 < n && isWordChar(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && (isWordChar(text.charAt(end)) || text.charAt(end) == '.' && end + 1 < n && isWordChar(text.charAt(end + 1)))) {
                    end++;
                }
                tokens.add(new Token("@", "@", null, null, Token.Shape.MENTION, false, inQuote));
                i = end;
                continue;
            }
            if (isWordChar(cp) || cp == '$' || cp == '#') {
                int end = i + 1;
                while (end < n) {
                    char c = text.charAt(end);
                    if (isWordChar(c) || c == '*') {
                        end++;
                    } else if ((c == '\'' || c == '\u2019' || c == '-' || c == '.' || c == ',' || c == '/' || c == ':')
                            && end + 1 < n && isWordChar(text.charAt(end + 1))
                            && joins(text, i, end, c)) {
                        end++;
                    } else {
                        break;
                    }
                }
                String word = text.substring(i, end);
                i = end;
                if (word.startsWith("#")) {
                    word = word.substring(1);
                    if (word.isEmpty()) {
                        continue;
                    }
                }
                tokens.add(word(word, inQuote));
                continue;
            }
            if (cp == '*' ) {
                i += len;
                continue;
            }
            if (isEmoji(cp)) {
                String e = new String(Character.toChars(cp));
                tokens.add(new Token(e, e, null, null, Token.Shape.EMOJI, false, inQuote));
                i += len;
                continue;
            }
            // punctuation: runs of the same mark make one token
            int end = i + len;
            while (end < n && text.charAt(end) == cp) {
                end++;
            }
            if (cp == '!') {
                exclamations += end - i;
            }
            String p = cp == '？' ? "?" : new String(Character.toChars(cp));
            if (cp == '?' || cp == '!' || cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '？' || cp == '…') {
                tokens.add(new Token(p, p, null, null, Token.Shape.PUNCT, false, inQuote));
            }
            i = end;
        }
        return new Scan(tokens, vietnamese, allCaps, phone, exclamations);
    }

    /** Whether a joiner char at {@code at} belongs inside the word that started at {@code start}. */
    private static boolean joins(String text, int start, int at, char c) {
        char before = text.charAt(at - 1);
        char after = text.charAt(at + 1);
        return switch (c) {
            case '.', ',', ':' -> Character.isDigit(before) && Character.isDigit(after)
                    || c == '.' && looksLikeDomain(text, start, at);
            case '/' -> Character.isDigit(before) && Character.isDigit(after) || looksLikeDomain(text, start, at);
            default -> true;
        };
    }

    private static boolean looksLikeDomain(String text, int start, int at) {
        int end = at + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String candidate = text.substring(start, end).toLowerCase(Locale.ROOT);
        return candidate.startsWith("http") || candidate.startsWith("www.") || DOMAIN.matcher(candidate).lookingAt()
                || candidate.contains("/") && candidate.indexOf('.') > 0 && candidate.indexOf('.') < candidate.indexOf('/');
    }

    static Token word(String original, boolean quoted) {
        String lower = original.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (lower.indexOf('*') >= 0) {
            lower = uncensor(lower);
        }
        if (lower.startsWith("http") || lower.startsWith("www.") || DOMAIN.matcher(lower).matches()) {
            return new Token("<url>", "<url>", null, null, Token.Shape.URL, false, quoted);
        }
        Token.Shape shape = Token.Shape.WORD;
        if (Character.isDigit(lower.charAt(lower.length() - 1)) && lower.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ',' || ch == '/' || ch == ':')) {
            shape = Token.Shape.NUMBER;
        } else if (MONEY.matcher(lower).matches()) {
            shape = Token.Shape.MONEY;
        }
        String text2 = collapse(lower, 3, 2);
        String text1 = collapse(lower, 2, 1);
        if (text1.equals(text2)) {
            text1 = null;
        }
        String fold2 = fold(text2);
        boolean accented = !fold2.equals(text2);
        return new Token(text2, fold2, text1, text1 == null ? null : fold(text1), shape, accented, quoted);
    }

    /** Restores the common censored spellings of swear words (f***, sh*t, b*tch). */
    private static String uncensor(String w) {
        String letters = w.replace("*", "");
        if (letters.isEmpty()) {
            return w;
        }
        char first = w.charAt(0);
        String suffix = w.endsWith("ing") || w.endsWith("in") ? "ing" : w.endsWith("ed") ? "ed" : "";
        return switch (first) {
            case 'f' -> "fuck" + suffix;
            case 's' -> w.endsWith("t") ? "shit" : w;
            case 'b' -> w.endsWith("h") || w.endsWith("s") ? "bitch" : w;
            case 'a' -> w.length() > 4 ? "asshole" : "ass";
            case 'c' -> w.endsWith("t") ? "cunt" : w;
            case 'd' -> w.endsWith("n") ? "damn" : w;
            default -> letters;
        };
    }

    /** Cuts runs of {@code min} or more equal letters (equal once folded) down to {@code keep}. */
    static String collapse(String s, int min, int keep) {
        StringBuilder out = null;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int j = i + 1;
            while (j < n && foldChar(s.charAt(j)) == foldChar(c) && Character.isLetter(c)) {
                j++;
            }
            int run = j - i;
            if (run >= min) {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.append(s, i, i + keep);
            } else if (out != null) {
                out.append(s, i, j);
            }
            i = j;
        }
        return out == null ? s : out.toString();
    }

    static String fold(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = foldChar(c);
            if (f != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(f);
            }
        }
        return out == null ? s : out.toString();
    }

    static char foldChar(char c) {
        return c < FOLD.length ? FOLD[c] : c;
    }

    private static char[] buildFoldTable() {
        char[] table = new char[0x1F00];
        for (char c = 0; c < table.length; c++) {
            table[c] = c;
        }
        // Only the Latin blocks hold letters whose decomposition starts with an ASCII letter
        // (Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional with Vietnamese).
        // Decomposing just those (656 instead of 7,744 characters) keeps the table cheap on a cold start.
        foldRange(table, (char) 0xC0, (char) 0x250);
        foldRange(table, (char) 0x1E00, (char) 0x1F00);
        table['đ'] = 'd';
        table['Đ'] = 'D';
        return table;
    }

    private static void foldRange(char[] table, char from, char to) {
        for (char c = from; c < to; c++) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            if (d.length() > 1 && d.charAt(0) < 0x80) {
                table[c] = d.charAt(0);
            }
        }
    }

    /** Letters only Vietnamese uses among the languages we see (not shared with French or Spanish). */
    private static boolean isVietnameseOnly(char c) {
        return c == 'đ' || c == 'ă' || c == 'ơ' || c == 'ư' || c == 'ĩ' || c == 'ũ'
                || (c >= 0x1EA0 && c <= 0x1EF9);
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK || cp == '_';
    }

    private static boolean isQuote(int cp) {
        return cp == '\'' || cp == '"' || cp == '\u2018' || cp == '\u2019' || cp == '\u201C' || cp == '\u201D';
    }

    private static boolean isEmoji(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x2600 && cp <= 0x27BF || cp == 0x2764
                || Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i + 1 && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String replacement = null;
                if (name.startsWith("#")) {
                    try {
                        int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                                ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                        if (Character.isValidCodePoint(code)) {
                            replacement = new String(Character.toChars(code));
                        }
                    } catch (NumberFormatException ignored) {
                        replacement = null;
                    }
                } else {
                    replacement = ENTITIES.get(name);
                }
                if (replacement != null) {
                    out.append(replacement);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
