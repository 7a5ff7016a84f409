package socialdesk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;

/**
 * {@code social import FILE}: every row of a content calendar becomes {@code POST /posts} with a
 * client token made from the file name and the row, so importing again adds nothing twice. Rows
 * that fail a local check are not sent; the rest are sent and the API decides. Progress goes to
 * stderr (a bar on a terminal, a line per row otherwise); the summary to stdout names every
 * rejected row by line and reason. Exit status 0 when every row is queued, 1 when some were
 * rejected, 2 for a wrong command line or a file that is not a calendar.
 */
final class ImportCommand {
    static final String USAGE = """
            usage: social import FILE [target options]
              FILE   a content calendar, .csv (header row: text, platforms, at or next_slot, link, evergreen,
                     image_1 and alt_1 to image_4 and alt_4) or .yaml (a list of mappings with the same keys);
                     an image is an http(s) URL or an image file named relative to FILE, uploaded first;
                     see examples/calendar.csv
            """;

    enum Outcome { QUEUED, ALREADY_QUEUED, REJECTED }

    record Result(int line, Outcome outcome, String postId, String dueAt, String reason) {
    }

    private final boolean terminal;

    /** @param terminal stderr is a terminal: draw a progress bar instead of a line per row */
    ImportCommand(boolean terminal) {
        this.terminal = terminal;
    }

    int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw CliException.usage(args.isEmpty() ? "which file? social import FILE"
                    : args.get(0).startsWith("--") ? "unknown option '" + args.get(0) + "'" : "one file at a time");
        }
        Path file = Path.of(args.get(0));
        List<CalendarFile.Row> rows = CalendarFile.read(file);
        PostsApi api = target.postsApi();
        List<Result> results = importRows(rows, api, err);
        return summary(file.getFileName().toString(), results, out);
    }

    List<Result> importRows(List<CalendarFile.Row> rows, PostsApi api, PrintStream err) {
        List<Result> results = new ArrayList<>();
        Map<String, Integer> tokens = new HashMap<>();
        Progress progress = new Progress(err, terminal, rows.size());
        for (CalendarFile.Row row : rows) {
            Result result;
            if (!row.problems().isEmpty()) {
                result = new Result(row.line(), Outcome.REJECTED, null, null, String.join("; ", row.problems()));
            } else {
                String token = (String) row.request().get("clientToken");
                Integer same = tokens.putIfAbsent(token, row.line());
                try {
                    result = send(row, api, same);
                } catch (LocalImage.RefusedException e) {
                    result = new Result(row.line(), Outcome.REJECTED, null, null, e.getMessage());
                } catch (CliException e) {
                    progress.done();
                    throw results.isEmpty() ? e : CliException.failed(e.getMessage() + " (after " + results.size()
                            + " of " + rows.size() + " rows; import again to continue: rows already queued are not added twice)");
                }
            }
            results.add(result);
            progress.step(result);
        }
        progress.done();
        return results;
    }

    /** Uploads the row's image files, then asks for the post; {@code same} is the earlier line with the same token. */
    private static Result send(CalendarFile.Row row, PostsApi api, Integer same) {
        PostsApi.Response response = api.send("POST", "/posts", row.requestWithUploads(file -> file.upload(api)));
        return switch (response.status()) {
            case 201 -> new Result(row.line(), Outcome.QUEUED, JsonRead.string(response.body(), "id"),
                    JsonRead.string(response.body(), "dueAt"), null);
            case 200 -> new Result(row.line(), Outcome.ALREADY_QUEUED, JsonRead.string(response.body(), "id"),
                    JsonRead.string(response.body(), "dueAt"), same != null ? "same as line " + same : null);
            default -> new Result(row.line(), Outcome.REJECTED, null, null,
                    (response.errorCode() == null ? "HTTP " + response.status() + ": " : "") + response.reason());
        };
    }

    static int summary(String fileName, List<Result> results, PrintStream out) {
        long queued = results.stream().filter(r -> r.outcome() == Outcome.QUEUED).count();
        long already = results.stream().filter(r -> r.outcome() == Outcome.ALREADY_QUEUED).count();
        List<Result> rejected = results.stream().filter(r -> r.outcome() == Outcome.REJECTED).toList();
        out.println(fileName + ": " + results.size() + " row" + (results.size() == 1 ? "" : "s") + " — " + queued + " queued, "
                + already + " already queued, " + rejected.size() + " rejected");
        for (Result r : results) {
            if (r.outcome() != Outcome.REJECTED) {
                out.println("  line " + r.line() + ": " + (r.outcome() == Outcome.QUEUED ? "queued " : "already queued ")
                        + r.postId() + " due " + r.dueAt() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
            }
        }
        if (!rejected.isEmpty()) {
            out.println("rejected (fix these rows and import again; queued rows will not be added twice):");
            rejected.forEach(r -> out.println("  line " + r.line() + ": " + r.reason()));
        }
        return rejected.isEmpty() ? 0 : 1;
    }

    /** Progress on stderr: a bar redrawn in place on a terminal, a plain line per row otherwise. */
    static final class Progress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final boolean terminal;
        private final int total;
        private int done;
        private int rejected;

        Progress(PrintStream err, boolean terminal, int total) {
            this.err = err;
            this.terminal = terminal;
            this.total = total;
        }

        void step(Result result) {
            done++;
            if (result.outcome() == Outcome.REJECTED) {
                rejected++;
            }
            if (terminal) {
                int filled = total == 0 ? WIDTH : done * WIDTH / total;
                err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                        + (rejected > 0 ? "  " + rejected + " rejected" : "") + " ");
                err.flush();
            } else {
                err.println("import " + done + "/" + total + " line " + result.line() + ": " + switch (result.outcome()) {
                    case QUEUED -> "queued " + result.postId();
                    case ALREADY_QUEUED -> "already queued " + result.postId();
                    case REJECTED -> "rejected";
                });
            }
        }

        void done() {
            if (terminal && done > 0) {
                err.println();
                done = 0;
            }
        }
    }
}
