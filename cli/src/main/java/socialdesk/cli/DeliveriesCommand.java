package socialdesk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonRead;

/**
 * {@code social deliveries confirm|resend ID PLATFORM}: a person's decision about a delivery the
 * desk marked UNCERTAIN (a send that may have gone out on a platform it cannot ask), through the
 * posts API's {@code POST /posts/{id}/deliveries/{platform}/confirm|resend}.
 */
final class DeliveriesCommand {
    static final String USAGE = """
            usage: social deliveries confirm ID PLATFORM [--post-url URL] [--remote-id ID] [--note TEXT]
                   social deliveries resend ID PLATFORM [--note TEXT]
                   (plus --aws [--stack NAME] [--region R], or --url for another posts API)

            A delivery is UNCERTAIN when a send may have gone out and the platform cannot be asked
            (Telegram bots, Discord webhooks); the desk never resends it by itself. Look at the channel,
            then confirm (it is there; --post-url records its link) or resend (it is not).
            ./social list --status UNCERTAIN lists the posts waiting for a decision.
            """;

    private DeliveriesCommand() {
    }

    static int run(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--post-url" -> body.put("url", Target.value(args, ++i, a));
                case "--remote-id" -> body.put("remoteId", Target.value(args, ++i, a));
                case "--note" -> body.put("note", Target.value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw CliException.usage("unknown option '" + a + "'");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 3 || !List.of("confirm", "resend").contains(positional.get(0))) {
            throw CliException.usage("say what was decided: social deliveries confirm|resend ID PLATFORM");
        }
        String decision = positional.get(0);
        String id = positional.get(1);
        String platform = positional.get(2);
        PostsApi.Response response = target.postsApi().send("POST", "/posts/" + PostsCommands.encode(id) + "/deliveries/"
                + PostsCommands.encode(platform) + "/" + decision, body.isEmpty() ? null : body);
        switch (response.status()) {
            case 200 -> {
                Object d = response.body();
                out.println(decision.equals("confirm")
                        ? "recorded: post " + id + " is on " + platform + (JsonRead.string(d, "url") == null ? "" : " at " + JsonRead.string(d, "url"))
                        : "recorded: post " + id + " will be sent to " + platform + " again at the next publishing run");
                out.println("decision  " + JsonRead.string(d, "decision"));
                return 0;
            }
            case 404 -> throw CliException.failed("post_not_found".equals(response.errorCode())
                    ? "no post " + id + " with a delivery on " + platform : response.errorMessage());
            case 409 -> throw CliException.failed(response.errorMessage());
            case 400 -> throw CliException.usage(response.reason());
            default -> throw CliException.failed(response.reason());
        }
    }
}
