package socialdesk.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import socialdesk.template.Template;

/**
 * {@code social local}: starts the {@link LocalDesk} and runs until Ctrl-C (or SIGTERM), then stops
 * everything. Options: {@code --fresh}, {@code --no-demo}, {@code --port N} (first fixed port,
 * default 4560; 0 for free ports), {@code --data DIR} (default {@code .local}), {@code --demo-delay S},
 * {@code --rate-seconds S} (every rate() schedule every S seconds instead).
 */
public final class LocalCommand {
    static final String USAGE = """
            usage: social local [--fresh] [--no-demo] [--port N] [--data DIR] [--demo-delay SECONDS] [--rate-seconds SECONDS]

              --fresh            wipe the data folder first (dynalite tables, secrets, notifications, sandbox posts);
                                 with AWS_ENDPOINT_URL, also delete and remake the stack's table on that endpoint
              --no-demo          do not seed the demo posts and comments on a first start
              --port N           first port: sandbox N, AWS endpoint N+1, dynalite N+2, function URLs N+3...
                                 (default 4560; 0 picks free ports)
              --data DIR         where data lives between runs (default .local)
              --demo-delay S     demo posts are due S seconds after start (default 30)
              --rate-seconds S   run every rate() schedule every S seconds instead of its own rate
            With AWS_ENDPOINT_URL set, the table, bus, rules, topics and secrets are created on that endpoint,
            in AWS_REGION (else AWS_DEFAULT_REGION, else us-east-1) with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (else test/test).
            """;

    private LocalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs until interrupted; answers the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LocalDesk.Options options;
        try {
            options = parse(args, Template.findRoot(Path.of("")), out);
        } catch (IllegalArgumentException e) {
            err.println("social local: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalDesk[] stack = new LocalDesk[1];
        Thread hook = new Thread(() -> {
            out.println("\nstopping the local stack ...");
            synchronized (stack) {
                if (stack[0] != null) {
                    stack[0].close();
                }
            }
            out.println("stopped; data kept in " + options.dataDir().toAbsolutePath());
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            synchronized (stack) {
                stack[0] = LocalDesk.start(options);
            }
        } catch (RuntimeException e) {
            err.println("social local: " + e.getMessage());
            return 1;
        } catch (LinkageError e) {
            err.println("social local: the build is broken (" + e + "); rebuild with: mvn -B -DskipTests package");
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static LocalDesk.Options parse(String[] args, Path root, PrintStream out) {
        boolean fresh = false;
        boolean demo = true;
        int port = 4560;
        Path data = root.resolve(".local");
        Duration demoDelay = Duration.ofSeconds(30);
        Duration rate = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--no-demo" -> demo = false;
                case "--port" -> port = intArg(args, ++i, "--port", 0, 65000);
                case "--data" -> data = Path.of(stringArg(args, ++i, "--data")).toAbsolutePath();
                case "--demo-delay" -> demoDelay = Duration.ofSeconds(intArg(args, ++i, "--demo-delay", 0, 86_400));
                case "--rate-seconds" -> rate = Duration.ofSeconds(intArg(args, ++i, "--rate-seconds", 1, 86_400));
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        String remote = System.getenv("AWS_ENDPOINT_URL");
        return new LocalDesk.Options(root, data, fresh, demo, port, rate, demoDelay,
                remote == null || remote.isBlank() ? null : remote, out, LocalDesk.Options.DEFAULT_JVM_OPTIONS);
    }

    private static String stringArg(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int intArg(String[] args, int i, String name, int min, int max) {
        String text = stringArg(args, i, name);
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + text + "'");
        }
    }
}
