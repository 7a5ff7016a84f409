package socialdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code ./social} command line. The first argument names a subcommand; each subcommand is a
 * small class with a {@code run} method so that later ones ({@code import}, {@code list},
 * {@code local}) slot in beside {@code triage}.
 */
public final class SocialCli {
    /** Exit status for a wrong command line. */
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: social <command> [options]

            commands:
              triage                  read JSON Lines ({"id","text","lang"?}) on stdin, write one triage line per input
              triage --evaluate FILE  precision / recall / F1 per category and language against a labelled JSON Lines file
              triage --train          retrain the triage model from data/ into core's resources (deterministic)
              triage --cross-validate [--corpora LIST] [--nested]
                                      grouped-by-business cross-validation and the held-out Davidson tweets
              triage --bench FILE     microseconds per comment, warm, over several passes
              local [--fresh] [--no-demo] [--port N]
                                      the whole desk on this machine (no AWS account, no Docker); Ctrl-C stops it
              import FILE             queue every row of a content calendar (.csv or .yaml); rejected rows by line
              upload FILE...          image files to the media bucket; prints the media:// reference a post's image takes
              list [--status S] [--from D] [--to D] [--limit N] [--json]
                                      the posts, earliest due first
              show ID                 one post and its deliveries
              cancel ID               cancel a queued post
              deliveries confirm|resend ID PLATFORM [--post-url URL] [--note TEXT]
                                      decide about an UNCERTAIN delivery (a send that may have gone out)
              flagged [--state S] [--severity S] [--limit N]
                                      recent flagged comments with their state and suggested replies
              reply PLATFORM COMMENT_ID (--accept | --text TEXT)
                                      answer a comment in its thread, once (shown first for confirmation)
              hide | unhide PLATFORM COMMENT_ID
                                      hide a comment on the platform, or show it again (never deleted)
              dismiss PLATFORM COMMENT_ID --reason TEXT
                                      no answer needed
              report [--days D]       how fast flagged comments are answered: median, 90th percentile, waiting
              invoke FUNCTION --event events/FILE.json
                                      invoke one function of the running local stack, as sam local invoke would
              auth x --client-id ID [--client-secret S] [--port N] [--aws]
                                      authorise X once (OAuth 2.0 PKCE, loopback redirect) and store the tokens
              test [MAVEN OPTIONS]    every test, as CI runs them: mvn -B verify with the launcher's JDK 25

            import, upload, list, show, cancel, deliveries, flagged, reply, hide, unhide, dismiss and report go to the local stack by default;
            --aws [--stack NAME] [--region R] sends them to the deployed stack (SigV4). social COMMAND --help for more.
            """;

    private SocialCli() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the process exit status. Never throws for bad input. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "triage" -> new TriageCommand().run(rest, in, out, err);
                case "local" -> socialdesk.local.LocalCommand.run(rest, out, err);
                case "import" -> new ImportCommand(Boolean.getBoolean("social.stderrTerminal")).run(rest, out, err);
                case "upload" -> UploadCommand.run(rest, out);
                case "list" -> PostsCommands.list(rest, out);
                case "show" -> PostsCommands.show(rest, out);
                case "cancel" -> PostsCommands.cancel(rest, out);
                case "deliveries" -> DeliveriesCommand.run(rest, out);
                case "flagged" -> new FlaggedCommand(java.time.Clock.systemUTC()).run(rest, out);
                case "reply" -> CommentCommands.reply(rest, in, out);
                case "report" -> new ReportCommand(java.time.Clock.systemUTC()).run(rest, out);
                case "hide", "unhide", "dismiss" -> CommentCommands.moderate(args[0], rest, out);
                case "invoke" -> new InvokeCommand().run(rest, in, out, err);
                case "auth" -> new AuthCommand().run(rest, out, uri -> { });
                default -> {
                    err.println("social: unknown command '" + args[0] + "'");
                    err.print(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (CliException e) {
            err.println("social " + args[0] + ": " + e.getMessage());
            if (e.status() == USAGE) {
                err.println("(social " + args[0] + " --help shows the options)");
            }
            return e.status();
        } catch (RuntimeException e) {
            err.println("social: " + args[0] + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        }
    }
}
