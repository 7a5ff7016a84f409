package socialdesk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;

/**
 * {@code social reply}, {@code social hide}, {@code social unhide} and {@code social dismiss}: what
 * a person does about a flagged comment, through the posts API (which posts it once, on the
 * platform, in the comment's thread). A reply is shown with its comment first and sent only on
 * confirmation (or {@code --yes}).
 */
final class CommentCommands {
    static final String REPLY_USAGE = """
            usage: social reply PLATFORM COMMENT_ID (--accept | --text TEXT) [--yes] [--confirm-lash-out] [target options]
              --accept            send the calm reply triage suggested for the comment
              --text TEXT         send this text instead
              --yes               do not ask before sending
              --confirm-lash-out  send a text that reads as abuse anyway (refused otherwise; logged with your name)
            The comment and the reply are shown first. Repeating the command never posts twice.
            """;
    static final String MODERATE_USAGE = """
            usage: social hide PLATFORM COMMENT_ID [target options]     hide it on the platform (never deleted)
                   social unhide PLATFORM COMMENT_ID [target options]
                   social dismiss PLATFORM COMMENT_ID --reason TEXT [target options]   no answer needed
            """;

    private CommentCommands() {
    }

    static int reply(String[] argv, InputStream in, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(REPLY_USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        boolean accept = false;
        boolean yes = false;
        boolean confirmLashOut = false;
        String text = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--accept" -> accept = true;
                case "--text" -> text = Target.value(args, ++i, a);
                case "--yes" -> yes = true;
                case "--confirm-lash-out" -> confirmLashOut = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw CliException.usage("unknown option '" + a + "'");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 2) {
            throw CliException.usage("which comment? social reply PLATFORM COMMENT_ID (--accept | --text TEXT)");
        }
        if (accept == (text != null)) {
            throw CliException.usage("give either --accept (the suggested reply) or --text TEXT");
        }
        PostsApi api = target.postsApi();
        String path = "/comments/" + PostsCommands.encode(positional.get(0)) + "/" + PostsCommands.encode(positional.get(1));
        PostsApi.Response shown = api.get(path);
        if (shown.status() != 200) {
            throw CliException.failed(shown.reason());
        }
        Object comment = shown.body();
        String sending = accept ? JsonRead.string(comment, "suggestedReply") : text;
        printComment(comment, out);
        if (sending == null) {
            throw CliException.failed("triage suggested no reply for this comment (advice: "
                    + JsonRead.string(comment, "action") + "); write one with --text, or hide it: social hide "
                    + positional.get(0) + " '" + positional.get(1) + "'");
        }
        out.println("  reply:   \"" + sending + "\"");
        if (!yes && !confirmed(in, out)) {
            out.println("not sent");
            return 1;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (accept) {
            body.put("acceptSuggestion", true);
        } else {
            body.put("text", text);
        }
        if (confirmLashOut) {
            body.put("confirmLashOut", true);
        }
        PostsApi.Response sent = api.send("POST", path + "/reply", body);
        switch (sent.status()) {
            case 200, 201 -> {
                boolean already = Boolean.TRUE.equals(JsonRead.bool(sent.body(), "alreadySent"));
                out.println((already ? "already answered (nothing posted again): " : "answered on " + positional.get(0) + ": ")
                        + orDash(JsonRead.string(sent.body(), "url")) + " (reply " + orDash(JsonRead.string(sent.body(), "replyId")) + ")");
                return 0;
            }
            case 422 -> {
                if ("reads_as_abuse".equals(sent.errorCode())) {
                    throw CliException.failed(sent.errorMessage() + ". To send it anyway add --confirm-lash-out (logged with your name)");
                }
                throw CliException.failed(sent.reason());
            }
            case 503 -> throw CliException.failed(sent.errorMessage() + " (run the same command again)");
            default -> throw CliException.failed(sent.reason());
        }
    }

    static int moderate(String command, String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(MODERATE_USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        String reason = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--reason") && command.equals("dismiss")) {
                reason = Target.value(args, ++i, a);
            } else if (a.startsWith("--")) {
                throw CliException.usage("unknown option '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        if (positional.size() != 2) {
            throw CliException.usage("which comment? social " + command + " PLATFORM COMMENT_ID");
        }
        if (command.equals("dismiss") && (reason == null || reason.isBlank())) {
            throw CliException.usage("say why no answer is needed: --reason TEXT");
        }
        String path = "/comments/" + PostsCommands.encode(positional.get(0)) + "/" + PostsCommands.encode(positional.get(1)) + "/" + command;
        PostsApi.Response response = target.postsApi().send("POST", path, reason == null ? Map.of() : Map.of("reason", reason));
        if (response.status() != 200) {
            throw CliException.failed(response.reason());
        }
        out.println(positional.get(0) + " comment " + positional.get(1) + " is now " + JsonRead.string(response.body(), "state")
                + (Boolean.TRUE.equals(JsonRead.bool(response.body(), "hidden")) ? " (hidden on the platform)" : ""));
        return 0;
    }

    private static void printComment(Object c, PrintStream out) {
        out.println(String.valueOf(JsonRead.string(c, "severity")).toUpperCase(java.util.Locale.ROOT) + "  "
                + JsonRead.string(c, "category") + " on " + JsonRead.string(c, "platform") + " from " + JsonRead.string(c, "author")
                + "  (" + JsonRead.string(c, "state") + ")");
        out.println("  comment: \"" + PostsCommands.excerpt(JsonRead.string(c, "text"), 300) + "\"");
        out.println("  link:    " + orDash(JsonRead.string(c, "permalink")));
    }

    private static boolean confirmed(InputStream in, PrintStream out) {
        out.print("send this reply in the comment's thread? [y/N] ");
        out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line != null && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
