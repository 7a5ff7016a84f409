package socialdesk.core.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cue phrases, loaded once from {@code lexicon.txt} next to this class, indexed by their first
 * word, and a longest-match scanner over a comment's tokens.
 */
final class Lexicon {
    private static final int MAX_GAP = 3;
    /**
     * Compiled once: {@code String.split} compiles a multi-character pattern on every call, which
     * for the lexicon's thousands of phrases was about 15 ms of the webhook's cold start.
     */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern FIELD_SEPARATOR = Pattern.compile(" \\| ");

    /** One word of a phrase. */
    private record Word(String text, String fold, boolean prefix, boolean gap, boolean exact, Token.Shape shape) {
    }

    private record Entry(Cue cue, Word[] words) {
    }

    /** A cue found in a comment, over tokens [start, end). */
    record Hit(Cue cue, int start, int end) {
        Cue.Kind kind() {
            return cue.kind();
        }
    }

    /**
     * Three layers scanned independently, so that a token can be part of one phrase in each: what a
     * comment says (complaint, insult, praise...), the words that qualify it (negators, softeners,
     * "but"), and who or what it is about (targets, groups, the company's things).
     */
    private final Layer[] layers;
    private final int size;

    private static int layerOf(Cue.Kind kind) {
        return switch (kind) {
            case NEGATOR, SOFTENER, CONTRAST, CONDITION -> 1;
            case TARGET, CONTEXT, GROUP, DEGRADE, HATE_VERB, CONTENT -> 2;
            default -> 0;
        };
    }

    private Lexicon(List<Entry> entries) {
        List<List<Entry>> byLayer = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Entry e : entries) {
            if (e.cue().kind() == Cue.Kind.IGNORE) {
                byLayer.forEach(l -> l.add(e)); // an ignored phrase hides its words from every layer
            } else {
                byLayer.get(layerOf(e.cue().kind())).add(e);
            }
        }
        this.layers = byLayer.stream().map(Layer::new).toArray(Layer[]::new);
        this.size = entries.size();
    }

    int size() {
        return size;
    }

    /** The hits of every layer, each layer found by longest match. */
    List<Hit> scan(List<Token> tokens, boolean vietnamese) {
        List<Hit> hits = new ArrayList<>();
        for (Layer layer : layers) {
            layer.scan(tokens, vietnamese, hits);
        }
        return hits;
    }

    /** Loads a lexicon from a class-path resource next to this class. */
    static Lexicon load(String resource) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing triage lexicon " + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage lexicon " + resource, e);
        }
    }

    static Lexicon parse(BufferedReader reader) throws IOException {
        List<Entry> entries = new ArrayList<>(2048);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = FIELD_SEPARATOR.split(line, 3);
            String[] head = WHITESPACE.split(parts[0].trim());
            if (parts.length != 3 || head.length != 4) {
                throw new IllegalStateException("lexicon line " + number + ": expected 'KIND WEIGHT TOPIC LANG | label | phrases'");
            }
            Cue.Kind kind = Cue.Kind.valueOf(head[0]);
            int weight = Integer.parseInt(head[1]);
            Topic topic = Topic.valueOf(head[2]);
            char lang = head[3].charAt(0);
            String label = parts[1].trim();
            for (String phrase : parts[2].split(";")) {
                String p = phrase.strip();
                if (p.isEmpty()) {
                    continue;
                }
                Word[] words = words(p);
                entries.add(new Entry(new Cue(kind, weight, topic, lang, label, WHITESPACE.split(p)), words));
            }
        }
        return new Lexicon(entries);
    }

    private static Word[] words(String phrase) {
        String[] raw = WHITESPACE.split(phrase.toLowerCase(Locale.ROOT));
        Word[] words = new Word[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String w = raw[i];
            Token.Shape shape = switch (w) {
                case "<num>" -> Token.Shape.NUMBER;
                case "<money>" -> Token.Shape.MONEY;
                case "<url>" -> Token.Shape.URL;
                case "<mention>" -> Token.Shape.MENTION;
                default -> null;
            };
            if (shape != null) {
                words[i] = new Word(w, w, false, false, false, shape);
            } else if (w.equals("~")) {
                if (i == 0) {
                    throw new IllegalStateException("a phrase cannot start with a gap: " + phrase);
                }
                words[i] = new Word(w, w, false, true, false, null);
            } else if (w.length() > 1 && w.endsWith("*")) {
                String stem = w.substring(0, w.length() - 1);
                words[i] = new Word(stem, TextScanner.fold(stem), true, false, false, null);
            } else if (w.length() > 1 && w.startsWith("=")) {
                String exact = w.substring(1);
                words[i] = new Word(exact, TextScanner.fold(exact), false, false, true, null);
            } else {
                words[i] = new Word(w, TextScanner.fold(w), false, false, false, null);
            }
        }
        return words;
    }

        private static final class Layer {
        private final Map<String, List<Entry>> byFirstWord;
        private final List<Entry> byPrefix;

        Layer(List<Entry> entries) {
            Map<String, List<Entry>> index = new HashMap<>(entries.size() * 2);
            List<Entry> prefixed = new ArrayList<>();
            for (Entry e : entries) {
                Word first = e.words()[0];
                if (first.prefix()) {
                    prefixed.add(e);
                } else {
                    index.computeIfAbsent(first.fold(), k -> new ArrayList<>(2)).add(e);
                }
            }
            this.byFirstWord = index;
            this.byPrefix = List.copyOf(prefixed);
        }

        /**
         * Scans tokens left to right; at each position the longest phrase wins, and every cue with that
         * same phrase is reported. A phrase's tokens are then consumed: a word inside a longer phrase
         * ("no refund", "cười đau bụng") does not count again on its own.
         */
        void scan(List<Token> tokens, boolean vietnamese, List<Hit> hits) {
            List<Entry> best = new ArrayList<>(4);
            int i = 0;
            int n = tokens.size();
            while (i < n) {
                Token t = tokens.get(i);
                best.clear();
                int bestEnd = -1;
                String key = lookupKey(t);
                bestEnd = consider(byFirstWord, tokens, i, key, vietnamese, best, bestEnd);
                if (!key.equals(t.fold())) {
                    bestEnd = consider(byFirstWord, tokens, i, t.fold(), vietnamese, best, bestEnd);
                }
                if (t.fold1() != null) {
                    bestEnd = consider(byFirstWord, tokens, i, t.fold1(), vietnamese, best, bestEnd);
                }
                for (Entry e : byPrefix) {
                    bestEnd = offer(e, tokens, i, vietnamese, best, bestEnd);
                }
                if (bestEnd < 0) {
                    i++;
                    continue;
                }
                for (Entry e : best) {
                    hits.add(new Hit(e.cue(), i, bestEnd));
                }
                i = bestEnd;
            }
        }

        private static String lookupKey(Token t) {
            return switch (t.shape()) {
                case NUMBER -> "<num>";
                case MONEY -> "<money>";
                case URL -> "<url>";
                case MENTION -> "<mention>";
                default -> t.fold();
            };
        }
    }

    private static int consider(Map<String, List<Entry>> byFirstWord, List<Token> tokens, int i, String key,
                                boolean vietnamese, List<Entry> best, int bestEnd) {
        List<Entry> candidates = byFirstWord.get(key);
        if (candidates == null) {
            return bestEnd;
        }
        for (Entry e : candidates) {
            bestEnd = offer(e, tokens, i, vietnamese, best, bestEnd);
        }
        return bestEnd;
    }

    private static int offer(Entry e, List<Token> tokens, int i, boolean vietnamese, List<Entry> best, int bestEnd) {
        char lang = e.cue().lang();
        if (lang == 'v' && !vietnamese || lang == 'e' && vietnamese) {
            return bestEnd;
        }
        int end = match(e.words(), 0, tokens, i);
        if (end < 0 || end < bestEnd) {
            return bestEnd;
        }
        if (end > bestEnd) {
            best.clear();
        }
        if (!best.contains(e)) {
            best.add(e);
        }
        return end;
    }

    /** The end of a match of words[w..] at tokens[i..], or -1. */
    private static int match(Word[] words, int w, List<Token> tokens, int i) {
        if (w == words.length) {
            return i;
        }
        Word word = words[w];
        if (word.gap()) {
            for (int skip = 0; skip <= MAX_GAP && i + skip <= tokens.size(); skip++) {
                if (skip > 0 && tokens.get(i + skip - 1).isPunct()) {
                    break;
                }
                int end = match(words, w + 1, tokens, i + skip);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (i >= tokens.size() || !matches(word, tokens.get(i))) {
            return -1;
        }
        return match(words, w + 1, tokens, i + 1);
    }

    private static boolean matches(Word word, Token t) {
        if (word.shape() != null) {
            return t.shape() == word.shape();
        }
        if (word.prefix()) {
            return t.shape() == Token.Shape.WORD && t.fold().startsWith(word.fold());
        }
        if (word.exact()) {
            // typed without its diacritics the word is another word (hời / hơi, mát / mặt / mất): only the exact spelling
            return t.accented() && (word.text().equals(t.text()) || word.text().equals(t.text1()));
        }
        if (word.fold().equals(t.fold()) && (!t.accented() || word.text().equals(t.text()))) {
            return true;
        }
        return t.fold1() != null && word.fold().equals(t.fold1()) && (!t.accented() || word.text().equals(t.text1()));
    }
}
