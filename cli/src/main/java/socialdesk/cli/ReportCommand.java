package socialdesk.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.core.json.Json;
import socialdesk.core.reply.CommentState;
import socialdesk.core.reply.ResponseTimes;
import socialdesk.core.reply.TrackedComment;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code social report}: how fast flagged comments were answered over the last {@code --days}
 * (from a comment's arrival to the reply in its thread, median and 90th percentile, by severity and
 * platform) and what is still waiting (how many, and the oldest's age). Read from the table with
 * Queries of the comment-state index, like {@code flagged}.
 */
final class ReportCommand {
    static final String USAGE = """
            usage: social report [--days D] [--json] [target options]
              --days D   comments that arrived in the last D days (default 30); waiting ones of any age
              --json     one JSON object per severity and platform
            """;
    /** Enough for any desk's period; the Queries stop at the period's start. */
    private static final int MAX_READ = 100_000;

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    int run(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        int days = 30;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--days" -> days = PostsCommands.positive(Target.value(args, ++i, a), a);
                case "--json" -> json = true;
                default -> throw CliException.usage(a.startsWith("--") ? "unknown option '" + a + "'" : "report takes no argument '" + a + "'");
            }
        }
        Target.Table table = target.table();
        Instant now = clock.instant();
        List<ResponseTimes.Figures> figures;
        try {
            DynamoReplyStore store = new DynamoReplyStore(table.dynamo(), table.name());
            List<TrackedComment> answered = store.list(CommentState.ANSWERED, null, now.minus(Duration.ofDays(days)), MAX_READ);
            List<TrackedComment> waiting = store.list(CommentState.NEW, null, MAX_READ);
            figures = ResponseTimes.summarise(answered, waiting, now);
        } catch (SdkException e) {
            String where = target.isAws() ? "table " + table.name() : "the local stack's DynamoDB";
            throw CliException.failed("cannot read comments from " + where + ": " + Target.oneLine(e.getMessage())
                    + (target.isAws() ? "" : " — is ./social local running?"));
        }
        if (json) {
            figures.forEach(f -> out.println(Json.write(json(f))));
            return 0;
        }
        out.println("Response time of flagged comments that arrived in the last " + days + " days (arrival to reply):");
        if (figures.isEmpty()) {
            out.println("  nothing flagged was answered, and nothing is waiting");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"severity", "platform", "answered", "median", "90th pct", "waiting", "oldest waiting"});
        for (ResponseTimes.Figures f : figures) {
            rows.add(new String[] {f.severity(), f.platform(), Integer.toString(f.answered()), human(f.median()), human(f.p90()),
                    Integer.toString(f.waiting()), human(f.oldestWaiting())});
        }
        PostsCommands.printTable(rows, out);
        return 0;
    }

    private static Map<String, Object> json(ResponseTimes.Figures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("severity", f.severity());
        out.put("platform", f.platform());
        out.put("answered", f.answered());
        out.put("medianSeconds", f.median() == null ? null : f.median().toSeconds());
        out.put("p90Seconds", f.p90() == null ? null : f.p90().toSeconds());
        out.put("waiting", f.waiting());
        out.put("oldestWaitingSeconds", f.oldestWaiting() == null ? null : f.oldestWaiting().toSeconds());
        return out;
    }

    /** 45s, 12m, 3h 05m, 2d 4h. */
    static String human(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d " + ((s % 86_400) / 3600) + "h";
    }
}
