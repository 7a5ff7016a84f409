package socialdesk.core.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;

/**
 * A cadence as JSON, the shape of {@code PUT /cadence/{platform}}:
 *
 * <pre>{"timezone": "Asia/Ho_Chi_Minh",
 *  "slots": [{"days": ["MON", "TUE", "WED", "THU", "FRI"], "times": ["09:00", "13:30"]}],
 *  "runwayTargetDays": 3, "evergreenMinGapDays": 30}</pre>
 *
 * Days are English names or their first three letters, in any case; times are {@code HH:mm}.
 */
public final class CadenceJson {
    static final int MAX_SLOTS_PER_WEEK = 7 * 24;

    private CadenceJson() {
    }

    /** @throws InvalidCadenceException naming every problem */
    public static Cadence parse(Platform platform, Object body) {
        List<String> problems = new ArrayList<>();
        if (!(body instanceof Map<?, ?>)) {
            throw new InvalidCadenceException(List.of("the body must be a JSON object"));
        }
        ZoneId zone = null;
        String timezone = JsonRead.string(body, "timezone");
        if (timezone == null || timezone.isBlank()) {
            problems.add("timezone is required (an IANA name such as Europe/Berlin)");
        } else {
            try {
                zone = ZoneId.of(timezone.strip());
            } catch (DateTimeException e) {
                problems.add("timezone '" + timezone + "' is not an IANA time zone (such as Europe/Berlin)");
            }
        }
        List<SlotRule> rules = new ArrayList<>();
        Object slots = JsonRead.at(body, "slots");
        if (!(slots instanceof List<?> list) || list.isEmpty()) {
            problems.add("slots must be a non-empty list of {\"days\": [...], \"times\": [\"HH:mm\", ...]}");
        } else {
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), "slots[" + i + "]", problems));
            }
        }
        int target = positive(body, "runwayTargetDays", Cadence.DEFAULT_RUNWAY_TARGET_DAYS, 60, problems);
        int gap = positive(body, "evergreenMinGapDays", Cadence.DEFAULT_EVERGREEN_MIN_GAP_DAYS, 3650, problems);
        long weekly = rules.stream().mapToLong(r -> (long) r.days().size() * r.times().size()).sum();
        if (weekly > MAX_SLOTS_PER_WEEK) {
            problems.add("at most " + MAX_SLOTS_PER_WEEK + " slots a week (" + weekly + " given)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCadenceException(problems);
        }
        return new Cadence(platform, zone, rules, target, gap);
    }

    private static SlotRule rule(Object node, String at, List<String> problems) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<LocalTime> times = new ArrayList<>();
        Object dayList = JsonRead.at(node, "days");
        Object timeList = JsonRead.at(node, "times");
        if (!(dayList instanceof List<?> dl) || dl.isEmpty()) {
            problems.add(at + ".days must be a non-empty list of weekdays (MON ... SUN)");
        } else {
            for (Object day : dl) {
                DayOfWeek parsed = day instanceof String s ? day(s) : null;
                if (parsed == null) {
                    problems.add(at + ".days: '" + day + "' is not a weekday (MON ... SUN)");
                } else {
                    days.add(parsed);
                }
            }
        }
        if (!(timeList instanceof List<?> tl) || tl.isEmpty()) {
            problems.add(at + ".times must be a non-empty list of local times (HH:mm)");
        } else {
            for (Object time : tl) {
                try {
                    if (!(time instanceof String s) || !s.strip().matches("\\d{2}:\\d{2}")) {
                        throw new DateTimeParseException("not HH:mm", String.valueOf(time), 0);
                    }
                    times.add(LocalTime.parse(s.strip()));
                } catch (DateTimeParseException e) {
                    problems.add(at + ".times: '" + time + "' is not a local time HH:mm (such as 09:00)");
                }
            }
        }
        return new SlotRule(days, times);
    }

    static DayOfWeek day(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t) && (t.length() == 3 || t.equals(d.name()))) {
                return d;
            }
        }
        return null;
    }

    private static int positive(Object body, String name, int fallback, int max, List<String> problems) {
        Object value = JsonRead.at(body, name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Long l) || l < 1 || l > max) {
            problems.add(name + " must be a whole number from 1 to " + max);
            return fallback;
        }
        return l.intValue();
    }

    /** The cadence as JSON: slots grouped by the days they share, days and times sorted. */
    public static Map<String, Object> write(Cadence cadence) {
        Map<LocalTime, Set<DayOfWeek>> daysByTime = new TreeMap<>();
        for (SlotRule rule : cadence.slots()) {
            for (LocalTime time : rule.times()) {
                daysByTime.computeIfAbsent(time, t -> EnumSet.noneOf(DayOfWeek.class)).addAll(rule.days());
            }
        }
        Map<Set<DayOfWeek>, List<String>> timesByDays = new LinkedHashMap<>();
        daysByTime.forEach((time, days) -> timesByDays.computeIfAbsent(days, d -> new ArrayList<>()).add(time.toString()));
        List<Object> slots = new ArrayList<>();
        timesByDays.forEach((days, times) -> {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("days", days.stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT)).toList());
            slot.put("times", times);
            slots.add(slot);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platform", cadence.platform().id());
        out.put("timezone", cadence.zone().getId());
        out.put("slots", slots);
        out.put("runwayTargetDays", cadence.runwayTargetDays());
        out.put("evergreenMinGapDays", cadence.evergreenMinGapDays());
        return out;
    }
}
