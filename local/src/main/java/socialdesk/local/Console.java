package socialdesk.local;

import java.io.PrintStream;
import java.util.function.Consumer;

/** The stack's console: every line prefixed with who wrote it, lines never interleaved. */
public final class Console {
    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public Consumer<String> prefixed(String name) {
        return line -> line(name, line);
    }

    public synchronized void line(String name, String text) {
        out.println("[" + name + "] " + text);
        out.flush();
    }

    /** A message delivered to a topic: {@code [notification NotificationTopic] ...}. */
    public synchronized void notification(String topic, String text) {
        out.println("[notification " + topic + "] " + text);
        out.flush();
    }

    public synchronized void banner(String text) {
        out.println(text);
        out.flush();
    }
}
