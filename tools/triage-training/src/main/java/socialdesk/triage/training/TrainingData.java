package socialdesk.triage.training;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.triage.Category;

/**
 * Reads the repository's {@code data/} folder: our labelled comments, the Davidson tweets held out
 * from training, and the public corpora mapped to our categories (see {@code data/README.md} for
 * each file's source, licence and mapping).
 */
public final class TrainingData {
    /** Our hand-labelled comments, every one with the business it was written to. */
    public static final List<String> COMMENT_FILES = List.of(
            "comments-dev.jsonl", "comments-dev2.jsonl", "comments-tuning.jsonl", "comments-holdout.jsonl");
    /** Davidson tweets never trained on: the model is measured on them. */
    public static final String DAVIDSON_HELD_OUT = "davidson-dev.jsonl";
    /** How many "neither" tweets to train on: enough to teach that casual chatter is not flagged, not so many that they swamp our comments. */
    static final int DAVIDSON_NEITHER = 600;
    /** How many interrogative customer-service requests to train on as questions. */
    static final int BITEXT_QUESTIONS = 600;

    private final Path root;

    public TrainingData(Path root) {
        this.root = root;
    }

    /** The {@code data/} folder of the repository this runs in: {@code project.root}, else the working directory or its parents. */
    public static TrainingData ofRepository() {
        String property = System.getProperty("project.root");
        Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/corpora"))) {
                return new TrainingData(p.resolve("data"));
            }
        }
        throw new IllegalStateException("no data/corpora folder in " + start + " or above it");
    }

    public Path root() {
        return root;
    }

    /** Every labelled comment of {@link #COMMENT_FILES}. */
    public List<LabelledComment> comments() throws IOException {
        List<LabelledComment> out = new ArrayList<>();
        for (String file : COMMENT_FILES) {
            out.addAll(commentFile(root.resolve(file)));
        }
        return out;
    }

    /** The labelled comments of one JSON Lines file (lines without a known category are skipped). */
    public static List<LabelledComment> commentFile(Path file) throws IOException {
        List<LabelledComment> out = new ArrayList<>();
        String source = file.getFileName().toString();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> row = parse(file, line, text);
            String category = JsonRead.string(row, "category");
            String comment = JsonRead.string(row, "text");
            if (category == null || comment == null) {
                continue;
            }
            String id = JsonRead.id(row, "id");
            String business = JsonRead.string(row, "business");
            out.add(new LabelledComment(source, id != null ? id : source + ":" + line, comment, JsonRead.string(row, "lang"),
                    Category.valueOf(category.toUpperCase(Locale.ROOT)), JsonRead.string(row, "severity"),
                    business != null ? business : "unknown"));
        }
        return out;
    }

    /** A Davidson tweet and its annotators' class: {@code hate_speech}, {@code offensive_language} or {@code neither}. */
    public record Tweet(String id, String text, String davidsonClass) {
    }

    public List<Tweet> davidsonHeldOut() throws IOException {
        return tweetFile(root.resolve(DAVIDSON_HELD_OUT));
    }

    /** The lines of a JSON Lines file that carry a {@code davidson_class} and a {@code text}. */
    public static List<Tweet> tweetFile(Path file) throws IOException {
        List<Tweet> out = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> row = parse(file, line, text);
            String cls = JsonRead.string(row, "davidson_class");
            String tweet = JsonRead.string(row, "text");
            if (cls != null && tweet != null) {
                String id = JsonRead.id(row, "id");
                out.add(new Tweet(id != null ? id : "line-" + line, tweet, cls));
            }
        }
        return out;
    }

    /** The public corpora, each mapped to our categories (see {@code data/README.md}). */
    public enum Corpus {
        /** Davidson tweets of class "neither", a deterministic sample: NEUTRAL. */
        DAVIDSON_NEITHER,
        /** Davidson tweets of class "hate speech": ABUSE. */
        DAVIDSON_HATE,
        /** YouTube comments labelled spam: SPAM. */
        YOUTUBE_SPAM,
        /** UCI review sentences: positive PRAISE, negative CONCERN. */
        UCI_REVIEWS,
        /** Bitext requests: complaints CONCERN, a sample of interrogative requests QUESTION. */
        BITEXT
    }

    /**
     * What the shipped model trains on. Grouped cross-validation with each of the others added
     * lowered macro-F1 or flagged recall (docs/triage.md has the figures); the "neither" tweets are
     * what teaches the model that casual chatter with no cue is not a concern.
     */
    public static final Set<Corpus> TRAINED = EnumSet.of(Corpus.DAVIDSON_NEITHER);

    /** The rows of the shipped model's corpora. */
    public List<LabelledComment> corpora() throws IOException {
        return corpora(TRAINED);
    }

    /** The rows of the given corpora, mapped to our categories; never a held-out Davidson tweet. */
    public List<LabelledComment> corpora(Set<Corpus> which) throws IOException {
        List<LabelledComment> out = new ArrayList<>();
        for (Corpus corpus : which) {
            out.addAll(switch (corpus) {
                case DAVIDSON_NEITHER -> sample(davidson(Category.NEUTRAL), DAVIDSON_NEITHER);
                case DAVIDSON_HATE -> davidson(Category.ABUSE);
                case YOUTUBE_SPAM -> youtubeSpam();
                case UCI_REVIEWS -> uciReviews();
                case BITEXT -> bitext();
            });
        }
        return out;
    }

    /** YouTube comments labelled spam: SPAM (the ham is mostly music chat, a poor match for any one of our categories). */
    List<LabelledComment> youtubeSpam() throws IOException {
        List<LabelledComment> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(root.resolve("corpora/youtube-spam"))) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            for (CSVRecord r : csv(file)) {
                if (r.get("CLASS").equals("1")) {
                    out.add(new LabelledComment("corpora/youtube-spam", r.get("COMMENT_ID"), r.get("CONTENT"), "en",
                            Category.SPAM, "none", "corpus:youtube-spam"));
                }
            }
        }
        return out;
    }

    /** Davidson tweets of one mapped class (hate speech ABUSE, "neither" NEUTRAL), held-out tweets excluded. */
    List<LabelledComment> davidson(Category category) throws IOException {
        Set<String> heldOut = new HashSet<>();
        for (Tweet t : davidsonHeldOut()) {
            heldOut.add(t.id().substring(t.id().indexOf('-') + 1));
        }
        String wanted = category == Category.ABUSE ? "0" : "2";
        List<LabelledComment> out = new ArrayList<>();
        for (CSVRecord r : csv(root.resolve("corpora/davidson/labeled_data.csv"))) {
            String id = r.get(0);
            if (!heldOut.contains(id) && r.get("class").equals(wanted)) {
                out.add(corpusRow("corpora/davidson", "davidson-" + id, r.get("tweet"), category));
            }
        }
        return out;
    }

    /**
     * Bitext customer-service requests: complaints are CONCERN; a sample of interrogative requests
     * (flag I) of the other intents is QUESTION.
     */
    List<LabelledComment> bitext() throws IOException {
        List<LabelledComment> concerns = new ArrayList<>();
        List<LabelledComment> questions = new ArrayList<>();
        int row = 0;
        for (CSVRecord r : csv(root.resolve("corpora/bitext-customer-service/bitext-sample.csv"))) {
            row++;
            String id = "bitext-" + row;
            if (r.get("intent").equals("complaint")) {
                concerns.add(corpusRow("corpora/bitext", id, r.get("utterance"), Category.CONCERN));
            } else if (r.get("flags").contains("I") && !r.get("intent").equals("review")) {
                questions.add(corpusRow("corpora/bitext", id, r.get("utterance"), Category.QUESTION));
            }
        }
        concerns.addAll(sample(questions, BITEXT_QUESTIONS));
        return concerns;
    }

    /** UCI review sentences: positive is PRAISE, negative is CONCERN (a customer telling what went wrong). */
    List<LabelledComment> uciReviews() throws IOException {
        List<LabelledComment> out = new ArrayList<>();
        for (String name : List.of("amazon_cells_labelled.txt", "yelp_labelled.txt")) {
            int line = 0;
            for (String text : Files.readAllLines(root.resolve("corpora/uci-sentences").resolve(name), StandardCharsets.UTF_8)) {
                line++;
                int tab = text.lastIndexOf('\t');
                if (tab < 0) {
                    continue;
                }
                String label = text.substring(tab + 1).trim();
                Category category = label.equals("1") ? Category.PRAISE : label.equals("0") ? Category.CONCERN : null;
                if (category != null) {
                    out.add(corpusRow("corpora/uci-sentences", name + ":" + line, text.substring(0, tab), category));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> parse(Path file, int line, String text) throws IOException {
        try {
            return Json.parseObject(text);
        } catch (JsonException e) {
            throw new IOException(file.getFileName() + " line " + line + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static LabelledComment corpusRow(String source, String id, String text, Category category) {
        return new LabelledComment(source, id, text, "en", category, category.flagged() ? null : "none", "corpus:" + source);
    }

    /** A deterministic sample: the rows whose ids hash lowest (the same rows on every machine, spread over the file). */
    static List<LabelledComment> sample(List<LabelledComment> rows, int size) {
        List<LabelledComment> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((LabelledComment r) -> mix(r.id().hashCode())).thenComparing(LabelledComment::id));
        return sorted.subList(0, Math.min(size, sorted.size()));
    }

    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(new StringReader(text)).getRecords();
    }
}
