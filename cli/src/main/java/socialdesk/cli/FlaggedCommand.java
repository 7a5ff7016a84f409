package socialdesk.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.aws.dynamo.DynamoPostStore;
import socialdesk.aws.dynamo.TableDefinition;
import socialdesk.core.engagement.AnswerHint;
import socialdesk.core.engagement.Owners;
import socialdesk.core.reply.CommentState;
import socialdesk.core.json.Json;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQuery;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@code social flagged}: the comments triage flagged, newest first, with the advice and the calm
 * reply it suggests. Read from the table the webhook writes them to (the same source locally and on
 * AWS, so both show the same thing, and older ones too), with Queries only: the posts due in the last
 * {@code --days} (and those still queued) from the listing index, then each post's comments (and each platform's "unmatched"
 * owner, for comments on posts that are not ours), keeping the flagged ones, with what the desk's
 * people did about each (its state) and, while it waits, the command that answers it.
 */
final class FlaggedCommand {
    static final String USAGE = """
            usage: social flagged [--state S] [--severity S] [--limit N] [--days D] [--json] [target options]
              --state S     NEW (nobody acted yet), ANSWERED, HIDDEN or DISMISSED (default: every state)
              --severity S  high, medium, low or none (default: every severity)
              --limit N     the N newest flagged comments (default 20)
              --days D      on posts due in the last D days (default 30)
              --json        one JSON object per comment
            """;

    private final Clock clock;

    FlaggedCommand(Clock clock) {
        this.clock = clock;
    }

    int run(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        int limit = 20;
        int days = 30;
        boolean json = false;
        String state = null;
        String severity = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--state" -> state = state(Target.value(args, ++i, a));
                case "--severity" -> severity = severity(Target.value(args, ++i, a));
                case "--limit" -> limit = PostsCommands.positive(Target.value(args, ++i, a), a);
                case "--days" -> days = PostsCommands.positive(Target.value(args, ++i, a), a);
                case "--json" -> json = true;
                default -> throw CliException.usage(a.startsWith("--") ? "unknown option '" + a + "'" : "flagged takes no argument '" + a + "'");
            }
        }
        Target.Table table = target.table();
        List<Map<String, Object>> flagged;
        try {
            String wantedState = state;
            String wantedSeverity = severity;
            flagged = read(table, Duration.ofDays(days), Integer.MAX_VALUE).stream()
                    .filter(c -> wantedState == null || wantedState.equals(c.get("state")))
                    .filter(c -> wantedSeverity == null || wantedSeverity.equals(c.get("severity")))
                    .limit(limit).toList();
        } catch (SdkException e) {
            String where = target.isAws() ? "table " + table.name() : "the local stack's DynamoDB";
            throw CliException.failed("cannot read flagged comments from " + where + ": " + Target.oneLine(e.getMessage())
                    + (target.isAws() ? "" : " — is ./social local running?"));
        }
        if (json) {
            flagged.forEach(c -> out.println(Json.write(c)));
            return 0;
        }
        if (flagged.isEmpty()) {
            out.println("no flagged comments on posts of the last " + days + " days");
            return 0;
        }
        ZoneId zone = ZoneId.systemDefault();
        for (Map<String, Object> c : flagged) {
            out.println(PostsCommands.due((String) c.get("at"), zone) + "  " + String.valueOf(c.get("severity")).toUpperCase(java.util.Locale.ROOT)
                    + "  " + c.get("category") + " on " + c.get("platform") + " from " + c.getOrDefault("author", "?")
                    + "  [" + c.get("state") + (c.get("stateBy") == null ? "" : " by " + c.get("stateBy")) + "]");
            out.println("  \"" + PostsCommands.excerpt((String) c.get("text"), 160) + "\"");
            out.println("  link:   " + c.getOrDefault("permalink", "-"));
            if (c.get("action") != null) {
                out.println("  action: " + c.get("action"));
            }
            out.println("  reply:  " + (c.get("suggestedReply") == null ? "(none: hide or report, do not answer)" : c.get("suggestedReply")));
            if ("NEW".equals(c.get("state"))) {
                out.println("  answer: " + AnswerHint.command(Platform.fromId((String) c.get("platform")), (String) c.get("commentId"),
                        c.get("suggestedReply") != null));
            } else if (c.get("replyUrl") != null) {
                out.println("  answered: " + c.get("replyUrl"));
            }
            out.println();
        }
        out.println(flagged.size() + " flagged comment" + (flagged.size() == 1 ? "" : "s")
                + " (suggested replies are never sent automatically)");
        return 0;
    }

    List<Map<String, Object>> read(Target.Table table, Duration window, int limit) {
        Instant now = clock.instant();
        DynamoPostStore posts = new DynamoPostStore(table.dynamo(), table.name());
        List<String> owners = new ArrayList<>();
        String cursor = null;
        do {
            PostPage page = posts.list(new PostQuery(Set.of(), now.minus(window), now.plus(Duration.ofDays(365)), 100, cursor));
            page.posts().stream().map(Post::id).forEach(owners::add);
            cursor = page.next();
        } while (cursor != null);
        for (Platform platform : Platform.values()) {
            owners.add(Owners.unmatched(platform));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String owner : owners) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse response = table.dynamo().query(q -> q.tableName(table.name())
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :comment)")
                        .filterExpression("flagged = :yes")
                        .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POST#" + owner),
                                ":comment", AttributeValue.fromS("COMMENT#"), ":yes", AttributeValue.fromBool(true)))
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : response.items()) {
                    out.add(comment(owner, item));
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        out.sort(Comparator.comparing((Map<String, Object> c) -> String.valueOf(c.get("at"))).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static Map<String, Object> comment(String owner, Map<String, AttributeValue> item) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("at", s(item, "writtenAt"));
        c.put("platform", s(item, "platform"));
        c.put("severity", s(item, "severity"));
        c.put("category", s(item, "category"));
        c.put("postId", Owners.isUnmatched(owner) ? null : owner);
        c.put("commentId", s(item, "commentId"));
        c.put("author", s(item, "authorName") != null ? s(item, "authorName") : s(item, "authorId"));
        c.put("text", s(item, "text"));
        c.put("permalink", s(item, "permalink"));
        c.put("action", s(item, "action"));
        c.put("suggestedReply", s(item, "suggestedReply"));
        c.put("state", s(item, "state") == null ? CommentState.NEW.name() : s(item, "state"));
        c.put("stateBy", s(item, "stateBy"));
        c.put("replyUrl", s(item, "replyUrl"));
        return c;
    }

    private static String state(String text) {
        try {
            return CommentState.fromName(text).name();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--state: " + e.getMessage());
        }
    }

    private static String severity(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("high", "medium", "low", "none").contains(s)) {
            throw CliException.usage("--severity is one of high, medium, low, none");
        }
        return s;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
