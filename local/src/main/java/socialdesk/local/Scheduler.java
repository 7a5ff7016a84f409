package socialdesk.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import socialdesk.template.Template;

/**
 * Runs the schedules of template.yaml's functions ({@code ScheduleV2}, EventBridge Scheduler, and
 * the older rule-based {@code Schedule}) on their own expressions, each on a virtual thread, handing
 * each firing to the function asynchronously as the scheduler does.
 */
public final class Scheduler implements AutoCloseable {
    private record Entry(String name, ScheduleExpression expression, String expressionText, LocalFunction function,
                         String input, boolean ruleBased) {
    }

    private final Clock clock;
    private final Console console;
    private final String region;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    private LocalStackInvoker invoker;

    /** Hands an event to a function; the stack's asynchronous invoke. */
    @FunctionalInterface
    public interface LocalStackInvoker {
        void invoke(LocalFunction function, String event);
    }

    /** @param region the stack's region, for the ARNs and the {@code region} of the events it sends */
    public Scheduler(Clock clock, Console console, String region) {
        this.clock = clock;
        this.console = console;
        this.region = region;
    }

    /** Adds the event if it is a schedule; anything else is left alone. */
    public void addFromEvent(String name, Map<String, Object> event, LocalFunction function, Duration rateOverride,
                             TemplateValues values) {
        String type = String.valueOf(event.get("Type"));
        if (!type.equals("ScheduleV2") && !type.equals("Schedule")) {
            return;
        }
        Map<String, Object> properties = Template.map(event.get("Properties"));
        if (Boolean.FALSE.equals(properties.get("Enabled")) || "DISABLED".equals(properties.get("State"))) {
            return;
        }
        String text = values.string(properties.get("Schedule") != null ? properties.get("Schedule") : properties.get("ScheduleExpression"));
        ScheduleExpression expression = ScheduleExpression.parse(text, LocalDesk.zone(properties.get("ScheduleExpressionTimezone")));
        if (rateOverride != null && expression instanceof ScheduleExpression.Rate) {
            expression = new ScheduleExpression.Rate(rateOverride);
            text = text + " (every " + rateOverride.toMillis() + " ms here)";
        }
        entries.add(new Entry(name, expression, text, function, values.string(properties.get("Input")), type.equals("Schedule")));
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        entries.forEach(e -> lines.add(String.format("%-34s %s -> %s", e.name(), e.expressionText(), e.function().name())));
        if (lines.isEmpty()) {
            lines.add("(none)");
        }
        return lines;
    }

    /** Starts every schedule; rate schedules fire at once, then every period. */
    public void start(LocalStackInvoker invoker) {
        this.invoker = invoker;
        Instant anchor = clock.instant();
        for (Entry entry : entries) {
            threads.add(Thread.ofVirtual().name("schedule-" + entry.name()).start(() -> loop(entry, anchor)));
        }
    }

    private void loop(Entry entry, Instant anchor) {
        Instant last = anchor.minusMillis(1);
        while (!closed) {
            Optional<Instant> next = entry.expression().next(last, anchor);
            if (next.isEmpty()) {
                return;
            }
            long wait = Duration.between(clock.instant(), next.get()).toMillis();
            try {
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            last = next.get();
            invoker.invoke(entry.function(), event(entry, next.get()));
        }
    }

    /** What the function receives: the schedule's Input with the scheduler's placeholders filled, or the default event. */
    static String event(String name, String input, boolean ruleBased, Instant at, String region) {
        String arn = "arn:aws:scheduler:" + region + ":" + LocalDesk.ACCOUNT + ":schedule/default/" + name;
        if (input != null) {
            return ruleBased ? input : LocalDesk.schedulerInput(input, at, arn);
        }
        if (!ruleBased) {
            return "{}";
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalDesk.ACCOUNT);
        event.put("time", at.toString());
        event.put("region", region);
        event.put("resources", List.of("arn:aws:events:" + region + ":" + LocalDesk.ACCOUNT + ":rule/" + name));
        event.put("detail", Map.of());
        return LocalDesk.json(event);
    }

    private String event(Entry entry, Instant at) {
        return event(entry.name(), entry.input(), entry.ruleBased(), at, region);
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
