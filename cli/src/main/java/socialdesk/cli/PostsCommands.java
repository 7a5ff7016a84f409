package socialdesk.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;

/** {@code social list}, {@code social show ID} and {@code social cancel ID}: the posts API, readable. */
final class PostsCommands {
    static final String LIST_USAGE = """
            usage: social list [--status S[,S]] [--from D] [--to D] [--limit N] [--zone ZONE] [--json] [target options]
              --status   QUEUED, PUBLISHING, PUBLISHED, PARTIALLY_PUBLISHED, FAILED, CANCELLED (comma-separated)
              --from/--to  a date (2026-12-01, UTC) or an ISO-8601 time with offset; default the last 30 days onwards
              --limit N  at most N posts in all (every page is followed otherwise)
              --page N   posts per request (1-100, default 100)
              --zone     show due times in this zone (default: this machine's, TZ)
              --json     one JSON object per post instead of the table
            """;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PAGE = 100;

    private PostsCommands() {
    }

    static int list(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(LIST_USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        String status = null;
        String from = null;
        String to = null;
        int limit = Integer.MAX_VALUE;
        boolean json = false;
        ZoneId zone = ZoneId.systemDefault();
        int pageSize = PAGE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--status" -> status = Target.value(args, ++i, a).toUpperCase(java.util.Locale.ROOT);
                case "--from" -> from = Target.value(args, ++i, a);
                case "--to" -> to = Target.value(args, ++i, a);
                case "--limit" -> limit = positive(Target.value(args, ++i, a), a);
                case "--zone" -> zone = zone(Target.value(args, ++i, a));
                case "--json" -> json = true;
                case "--page" -> pageSize = Math.min(PAGE, positive(Target.value(args, ++i, a), a));
                default -> throw CliException.usage(a.startsWith("--") ? "unknown option '" + a + "'" : "list takes no argument '" + a + "'");
            }
        }
        PostsApi api = target.postsApi();
        List<Map<String, Object>> posts = new ArrayList<>();
        String next = null;
        do {
            StringBuilder query = new StringBuilder("/posts?limit=" + Math.min(pageSize, limit - posts.size()));
            param(query, "status", status);
            param(query, "from", from);
            param(query, "to", to);
            param(query, "next", next);
            PostsApi.Response page = api.get(query.toString());
            if (page.status() != 200) {
                throw CliException.failed(page.reason());
            }
            List<Object> items = JsonRead.list(page.body(), "posts");
            if (items != null) {
                for (Object item : items) {
                    if (posts.size() < limit) {
                        posts.add(JsonRead.object(item));
                    }
                }
            }
            next = JsonRead.string(page.body(), "next");
        } while (next != null && posts.size() < limit);
        if (json) {
            posts.forEach(p -> out.println(Json.write(p)));
            return 0;
        }
        if (posts.isEmpty()) {
            out.println("no posts" + (status == null ? "" : " with status " + status) + " in that range");
            return 0;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"ID", "DUE (" + zone.getId() + ")", "STATUS", "PLATFORMS", "TEXT"});
        for (Map<String, Object> p : posts) {
            table.add(new String[] {JsonRead.string(p, "id"), due(JsonRead.string(p, "dueAt"), zone), JsonRead.string(p, "status"),
                    String.join(",", strings(JsonRead.list(p, "platforms"))), excerpt(JsonRead.string(p, "text"), 50)});
        }
        printTable(table, out);
        return 0;
    }

    static int show(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        Target target = Target.parse(args);
        boolean json = args.remove("--json");
        String id = oneId(args, "show");
        PostsApi.Response response = target.postsApi().get("/posts/" + encode(id));
        if (response.status() == 404) {
            throw CliException.failed("no post " + id);
        }
        if (response.status() != 200) {
            throw CliException.failed(response.reason());
        }
        Object p = response.body();
        if (json) {
            out.println(Json.write(p));
            return 0;
        }
        ZoneId zone = ZoneId.systemDefault();
        out.println("post       " + JsonRead.string(p, "id") + "  (version " + JsonRead.integer(p, "version") + ")");
        out.println("status     " + JsonRead.string(p, "status"));
        out.println("due        " + due(JsonRead.string(p, "dueAt"), zone) + " " + zone.getId() + "  (" + JsonRead.string(p, "dueAt") + ")");
        out.println("platforms  " + String.join(", ", strings(JsonRead.list(p, "platforms"))));
        if (JsonRead.string(p, "link") != null) {
            out.println("link       " + JsonRead.string(p, "link"));
        }
        List<Object> images = JsonRead.list(p, "images");
        for (int i = 0; i < images.size(); i++) {
            out.println("image " + (i + 1) + "    " + JsonRead.string(images.get(i), "url") + "\n           alt: "
                    + JsonRead.string(images.get(i), "alt"));
        }
        if (Boolean.TRUE.equals(JsonRead.bool(p, "evergreen"))) {
            out.println("evergreen  yes");
        }
        out.println("text       " + JsonRead.string(p, "text").replace("\n", "\n           "));
        List<Object> deliveries = JsonRead.list(p, "deliveries");
        out.println("deliveries");
        if (deliveries == null || deliveries.isEmpty()) {
            out.println("  (none yet)");
            return 0;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"PLATFORM", "STATUS", "ATTEMPTS", "URL", "LAST ERROR"});
        for (Object d : deliveries) {
            Long attempts = JsonRead.integer(d, "attempts");
            String next = JsonRead.string(d, "nextAttemptAt");
            String error = JsonRead.string(d, "lastError");
            table.add(new String[] {JsonRead.string(d, "platform"), JsonRead.string(d, "status"),
                    attempts == null ? "0" : attempts.toString(), orDash(JsonRead.string(d, "url")),
                    error == null ? "-" : excerpt(error, 60) + (next == null ? "" : " (next try " + due(next, zone) + ")")});
        }
        printTable(table, out);
        return 0;
    }

    static int cancel(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        Target target = Target.parse(args);
        String id = oneId(args, "cancel");
        PostsApi.Response response = target.postsApi().send("DELETE", "/posts/" + encode(id), null);
        switch (response.status()) {
            case 200 -> {
                if (Boolean.TRUE.equals(JsonRead.bool(response.body(), "alreadyCancelled"))) {
                    out.println("post " + id + " was already cancelled; nothing changed");
                    return 0;
                }
                out.println("cancelled " + id + " (was due " + due(JsonRead.string(response.body(), "dueAt"), ZoneId.systemDefault())
                        + " " + ZoneId.systemDefault().getId() + "); it will not be published");
                return 0;
            }
            case 404 -> throw CliException.failed("no post " + id + " (nothing cancelled)");
            case 409 -> throw CliException.failed("publishing_started".equals(response.errorCode())
                    ? "post " + id + " cannot be cancelled: publishing has already started (see ./social show " + id + ")"
                    : "post " + id + " cannot be cancelled: " + response.errorMessage());
            default -> throw CliException.failed(response.reason());
        }
    }

    private static String oneId(List<String> args, String command) {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw CliException.usage(args.isEmpty() ? "which post? social " + command + " ID"
                    : args.get(0).startsWith("--") ? "unknown option '" + args.get(0) + "'" : "one post id at a time");
        }
        return args.get(0);
    }

    static String due(String instant, ZoneId zone) {
        if (instant == null) {
            return "-";
        }
        try {
            return DUE.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeException e) {
            return instant;
        }
    }

    static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= max ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, max - 1)) + "…";
    }

    static void printTable(List<String[]> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c] == null ? 1 : row[c].codePointCount(0, row[c].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c] == null ? "-" : row[c];
                line.append(cell);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static List<String> strings(List<Object> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(encode(value));
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw CliException.usage(option + " needs a positive number, got '" + text + "'");
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw CliException.usage("--zone: unknown time zone '" + id + "' (an IANA name like Asia/Ho_Chi_Minh)");
        }
    }
}
