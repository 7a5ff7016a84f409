package socialdesk.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.json.Json;

/**
 * One JSON object per line on standard output, the shape Lambda's JSON log format and CloudWatch
 * Logs Insights read without parsing rules. Callers pass ids, never secrets or whole payloads.
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;

    private JsonLog() {
    }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, keyValues);
    }

    public static void error(String message, Object... keyValues) {
        write("ERROR", message, keyValues);
    }

    /** Sends log lines elsewhere (the local stack and tests use it); returns the previous stream. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }

    private static void write(String level, String message, Object[] keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        out.println(Json.write(line));
    }
}
