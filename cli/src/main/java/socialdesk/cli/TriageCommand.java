package socialdesk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonException;
import socialdesk.core.json.JsonRead;
import socialdesk.core.triage.CommentTriage;
import socialdesk.core.triage.SuggestedResponse;
import socialdesk.core.triage.TriageResult;
import socialdesk.triage.training.DavidsonShares;
import socialdesk.triage.training.GroupedCrossValidation;
import socialdesk.triage.training.LabelledComment;
import socialdesk.triage.training.Trainer;
import socialdesk.triage.training.TrainingData;
import socialdesk.triage.training.TriageTraining;

/**
 * {@code social triage}: JSON Lines in, one triage line out per input; or an evaluation against a
 * labelled file, a benchmark, training the shipped model, or the grouped cross-validation.
 */
final class TriageCommand {
    /** Comments longer than this are refused rather than scanned. */
    static final int MAX_TEXT = 20_000;

    private final CommentTriage triage = CommentTriage.standard();

    int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return stream(in, out);
        }
        String option = args[0];
        try {
            switch (option) {
                case "--evaluate" -> {
                    if (args.length >= 2) {
                        boolean showErrors = args.length > 2 && args[2].equals("--errors");
                        new TriageReport(triage).run(existing(args[1]), out, showErrors ? err : null);
                        return 0;
                    }
                }
                case "--bench" -> {
                    if (args.length >= 2) {
                        return bench(args, out, err);
                    }
                }
                case "--train" -> {
                    TrainingData data = TrainingData.ofRepository();
                    Path written = TriageTraining.writeShippedModel(data);
                    out.println("triage model trained on " + data.comments().size() + " comments and " + data.corpora().size()
                            + " corpus rows, written to " + written + " (" + Files.size(written) + " bytes)");
                    return 0;
                }
                case "--cross-validate" -> {
                    TrainingData data = TrainingData.ofRepository();
                    List<String> options = List.of(args).subList(1, args.length);
                    int listAt = options.indexOf("--corpora") + 1;
                    Set<TrainingData.Corpus> corpora = listAt > 0 && listAt < options.size() ? corpora(options.get(listAt))
                            : TrainingData.TRAINED;
                    boolean nested = options.contains("--nested");
                    out.println("corpora: " + corpora + (nested ? "; comment weight and thresholds chosen inside each fold's training businesses" : ""));
                    List<LabelledComment> rows = data.corpora(corpora);
                    GroupedCrossValidation.run(data.comments(), rows, GroupedCrossValidation.FOLDS, nested, out).print(out);
                    if (nested) {
                        out.printf(Locale.ROOT, "%nchosen the same way over all comments (what ships): %s%n",
                                GroupedCrossValidation.chooseTuning(data.comments(), rows));
                    }
                    out.println();
                    out.println("held-out Davidson tweets (" + TrainingData.DAVIDSON_HELD_OUT + "), model trained on every comment and these corpora:");
                    DavidsonShares.of(new CommentTriage(Trainer.train(data.comments(), rows)), data.davidsonHeldOut()).print(out);
                    return 0;
                }
                default -> {
                }
            }
        } catch (NoSuchFileException e) {
            err.println("social triage: no such file: " + e.getFile());
            return 1;
        } catch (IOException | IllegalStateException e) {
            err.println("social triage: " + e.getMessage());
            return 1;
        }
        err.println("social triage: unknown or incomplete option '" + option + "'");
        err.println("usage: social triage [--evaluate FILE [--errors] | --bench FILE [--passes N] | --train | --cross-validate [--corpora LIST] [--nested]]"
                + " < comments.jsonl");
        return SocialCli.USAGE;
    }

    /** A comma-separated list of {@link TrainingData.Corpus} names, any case; "none" for none. */
    private static Set<TrainingData.Corpus> corpora(String list) throws IOException {
        Set<TrainingData.Corpus> out = EnumSet.noneOf(TrainingData.Corpus.class);
        for (String name : list.split(",")) {
            if (name.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                out.add(TrainingData.Corpus.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown corpus '" + name + "'; known: " + Arrays.toString(TrainingData.Corpus.values()) + " or none");
            }
        }
        return out;
    }

    private static Path existing(String name) throws NoSuchFileException {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(name);
        }
        return file;
    }

    private int bench(String[] args, PrintStream out, PrintStream err) throws IOException {
        Path file = existing(args[1]);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int passes = 30;
        if (args.length > 3 && args[2].equals("--passes")) {
            try {
                passes = Math.max(3, Integer.parseInt(args[3]));
            } catch (NumberFormatException e) {
                err.println("social triage: --passes needs a number");
                return SocialCli.USAGE;
            }
        }
        return new TriageBench(triage).run(file.getFileName().toString(), lines, passes, out, err);
    }

    private int stream(InputStream in, PrintStream out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                out.println(Json.write(handle(line, number)));
                out.flush();
            }
        } catch (IOException e) {
            out.println(Json.write(Map.of("error", "cannot read input after line " + number + ": " + e.getMessage())));
            return 1;
        }
        return 0;
    }

    /** The output object for one input line: a triage, or an id (when known) and an error. */
    Map<String, Object> handle(String line, int number) {
        Map<String, Object> input;
        try {
            input = Json.parseObject(line);
        } catch (JsonException e) {
            return error(null, "line " + number + ": not a JSON object: " + e.getMessage());
        }
        Object id = input.get("id") instanceof Long || input.get("id") instanceof String ? input.get("id") : null;
        Object text = input.get("text");
        if (!(text instanceof String comment)) {
            return error(id, "line " + number + ": " + (text == null ? "missing \"text\"" : "\"text\" must be a string"));
        }
        if (comment.length() > MAX_TEXT) {
            return error(id, "line " + number + ": \"text\" is longer than " + MAX_TEXT + " characters");
        }
        Object lang = input.get("lang");
        if (lang != null && !(lang instanceof String)) {
            return error(id, "line " + number + ": \"lang\" must be a string");
        }
        TriageResult result = triage.triage(comment, (String) lang);
        return toJson(id, result);
    }

    static Map<String, Object> toJson(Object id, TriageResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("category", result.category());
        out.put("flagged", result.flagged());
        out.put("severity", result.severity().wire());
        out.put("lang", result.lang());
        out.put("confidence", Math.round(result.confidence() * 100) / 100.0);
        out.put("reasons", result.reasons());
        SuggestedResponse s = result.suggestion();
        if (s != null) {
            Map<String, Object> suggestion = new LinkedHashMap<>();
            suggestion.put("action", s.action());
            suggestion.put("topic", s.topic());
            if (s.reply() != null) {
                suggestion.put("reply", s.reply());
            }
            suggestion.put("note", s.note());
            out.put("suggestion", suggestion);
        }
        return out;
    }

    private static Map<String, Object> error(Object id, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != null) {
            out.put("id", id);
        }
        out.put("error", message);
        return out;
    }

    /** The parsed objects of a JSON Lines file, skipping blank and unreadable lines (counted). */
    static List<Map<String, Object>> readObjects(List<String> lines, int[] skipped) {
        List<Map<String, Object>> objects = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                objects.add(Json.parseObject(line));
            } catch (JsonException e) {
                skipped[0]++;
            }
        }
        return objects;
    }
}
