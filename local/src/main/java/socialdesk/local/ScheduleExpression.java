package socialdesk.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An EventBridge Scheduler schedule expression: {@code rate(value unit)}, {@code cron(minutes hours
 * day-of-month month day-of-week year)} or {@code at(yyyy-mm-ddThh:mm:ss)}, in a time zone (the
 * schedule's {@code ScheduleExpressionTimezone}, UTC by default).
 *
 * <p>Cron follows the Scheduler's rules: six fields; exactly one of day-of-month and day-of-week is
 * {@code ?}; {@code *}, lists {@code a,b}, ranges {@code a-b} (wrapping ranges such as
 * {@code FRI-MON} or {@code 22-2} allowed), steps {@code x/n} and {@code a-b/n}; months
 * {@code 1-12} or {@code JAN-DEC}; days of week {@code 1-7} (1 is Sunday) or {@code SUN-SAT};
 * {@code L} (last day of the month), {@code nW} (weekday nearest day n), {@code LW} (last weekday)
 * in day-of-month; {@code nL} (last such weekday of the month) and {@code n#k} (k-th such weekday)
 * in day-of-week. Anything else is refused with a message naming the field.
 */
public sealed interface ScheduleExpression {

    /** The first time strictly after {@code after} this schedule fires; {@code anchor} is when a rate schedule started. */
    Optional<Instant> next(Instant after, Instant anchor);

    /** Every {@code period}, from the anchor. */
    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after, Instant anchor) {
            if (after.isBefore(anchor)) {
                return Optional.of(anchor);
            }
            long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
            return Optional.of(anchor.plusMillis(periods * period.toMillis()));
        }
    }

    /** Once, at a local time of the zone. */
    record At(LocalDateTime time, ZoneId zone) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after, Instant anchor) {
            Instant at = time.atZone(zone).toInstant();
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }
    }

    /** A cron schedule in a zone. */
    record Cron(BitSet minutes, BitSet hours, DayOfMonth dayOfMonth, BitSet months, DayOfWeekField dayOfWeek,
                BitSet years, ZoneId zone) implements ScheduleExpression {
        private static final int MAX_YEAR = 2199;

        @Override
        public Optional<Instant> next(Instant after, Instant anchor) {
            ZonedDateTime from = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            LocalDate day = from.toLocalDate();
            LocalTime earliest = from.toLocalTime();
            while (day.getYear() <= MAX_YEAR) {
                if (!years.get(day.getYear())) {
                    int nextYear = years.nextSetBit(day.getYear() + 1);
                    if (nextYear < 0) {
                        return Optional.empty();
                    }
                    day = LocalDate.of(nextYear, 1, 1);
                    earliest = LocalTime.MIDNIGHT;
                    continue;
                }
                if (months.get(day.getMonthValue()) && dayOfMonth.matches(day) && dayOfWeek.matches(day)) {
                    Optional<LocalTime> time = firstTime(earliest);
                    if (time.isPresent()) {
                        // A local time skipped by a daylight-saving change moves forward by the gap.
                        return Optional.of(day.atTime(time.get()).atZone(zone).toInstant());
                    }
                }
                day = day.plusDays(1);
                earliest = LocalTime.MIDNIGHT;
            }
            return Optional.empty();
        }

        private Optional<LocalTime> firstTime(LocalTime earliest) {
            for (int h = hours.nextSetBit(earliest.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
                int fromMinute = h == earliest.getHour() ? earliest.getMinute() : 0;
                int m = minutes.nextSetBit(fromMinute);
                if (m >= 0) {
                    return Optional.of(LocalTime.of(h, m));
                }
            }
            return Optional.empty();
        }
    }

    /** The day-of-month field. */
    sealed interface DayOfMonth {
        boolean matches(LocalDate day);
    }

    record AnyDay() implements DayOfMonth, DayOfWeekField {
        @Override
        public boolean matches(LocalDate day) {
            return true;
        }
    }

    record DaysOfMonth(BitSet days) implements DayOfMonth {
        @Override
        public boolean matches(LocalDate day) {
            return days.get(day.getDayOfMonth());
        }
    }

    /** {@code L}: the last day of the month. */
    record LastDayOfMonth() implements DayOfMonth {
        @Override
        public boolean matches(LocalDate day) {
            return day.getDayOfMonth() == day.lengthOfMonth();
        }
    }

    /** {@code nW}: the weekday nearest day n, within the month; {@code LW}: the last weekday (n = 0). */
    record NearestWeekday(int dayOfMonth) implements DayOfMonth {
        @Override
        public boolean matches(LocalDate day) {
            int target = dayOfMonth == 0 ? day.lengthOfMonth() : Math.min(dayOfMonth, day.lengthOfMonth());
            LocalDate t = day.withDayOfMonth(target);
            LocalDate nearest = switch (t.getDayOfWeek()) {
                case SATURDAY -> target == 1 ? t.plusDays(2) : t.minusDays(1);
                case SUNDAY -> target == t.lengthOfMonth() ? t.minusDays(2) : t.plusDays(1);
                default -> t;
            };
            return nearest.equals(day);
        }
    }

    /** The day-of-week field. */
    sealed interface DayOfWeekField {
        boolean matches(LocalDate day);
    }

    record DaysOfWeek(BitSet days) implements DayOfWeekField {
        @Override
        public boolean matches(LocalDate day) {
            return days.get(cronDay(day.getDayOfWeek()));
        }
    }

    /** {@code nL}: the last such weekday of the month. */
    record LastWeekdayOfMonth(int weekday) implements DayOfWeekField {
        @Override
        public boolean matches(LocalDate day) {
            return cronDay(day.getDayOfWeek()) == weekday && day.plusWeeks(1).getMonth() != day.getMonth();
        }
    }

    /** {@code n#k}: the k-th such weekday of the month. */
    record NthWeekdayOfMonth(int weekday, int nth) implements DayOfWeekField {
        @Override
        public boolean matches(LocalDate day) {
            return cronDay(day.getDayOfWeek()) == weekday && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
    }

    /** Cron numbers days 1 (Sunday) to 7 (Saturday). */
    static int cronDay(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    /** Parses an expression in UTC. */
    static ScheduleExpression parse(String expression) {
        return parse(expression, ZoneId.of("UTC"));
    }

    /**
     * Parses a Scheduler expression.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ScheduleExpression parse(String expression, ZoneId zone) {
        String e = expression == null ? "" : expression.strip();
        if (e.startsWith("rate(") && e.endsWith(")")) {
            return parseRate(e.substring(5, e.length() - 1).strip(), expression);
        }
        if (e.startsWith("cron(") && e.endsWith(")")) {
            return parseCron(e.substring(5, e.length() - 1).strip(), zone, expression);
        }
        if (e.startsWith("at(") && e.endsWith(")")) {
            try {
                return new At(LocalDateTime.parse(e.substring(3, e.length() - 1).strip()), zone);
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("'" + expression + "': at() needs yyyy-mm-ddThh:mm:ss");
            }
        }
        throw new IllegalArgumentException("'" + expression + "' is not rate(...), cron(...) or at(...)");
    }

    private static Rate parseRate(String body, String expression) {
        String[] parts = body.split("\\s+");
        if (parts.length != 2 || !parts[0].matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("'" + expression + "': rate needs a positive whole number and a unit");
        }
        long value = Long.parseLong(parts[0]);
        String unit = parts[1].toLowerCase(Locale.ROOT);
        boolean singular = value == 1;
        ChronoUnit chrono = switch (unit) {
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "day", "days" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("'" + expression + "': rate unit must be minute(s), hour(s) or day(s)");
        };
        if (singular != !unit.endsWith("s")) {
            throw new IllegalArgumentException("'" + expression + "': use '" + (singular ? "1 " + unit.replaceAll("s$", "")
                    : value + " " + unit + "s") + "' (singular only for 1)");
        }
        return new Rate(Duration.of(value, chrono));
    }

    private static Cron parseCron(String body, ZoneId zone, String expression) {
        String[] f = body.split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("'" + expression + "': cron needs 6 fields (minutes hours day-of-month month day-of-week year), got " + f.length);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("'" + expression + "': exactly one of day-of-month and day-of-week must be '?'");
        }
        try {
            BitSet minutes = field(f[0], 0, 59, List.of(), "minutes");
            BitSet hours = field(f[1], 0, 23, List.of(), "hours");
            DayOfMonth dom = domAny ? new AnyDay() : dayOfMonth(f[2]);
            BitSet months = field(f[3], 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), "month");
            DayOfWeekField dow = dowAny ? new AnyDay() : dayOfWeek(f[4]);
            BitSet years = field(f[5], 1970, 2199, List.of(), "year");
            return new Cron(minutes, hours, dom, months, dow, years, zone);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + expression + "': " + ex.getMessage());
        }
    }

    /** Day-of-week names in cron order (1 is Sunday). */
    List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static DayOfMonth dayOfMonth(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.equals("L")) {
            return new LastDayOfMonth();
        }
        if (t.equals("LW")) {
            return new NearestWeekday(0);
        }
        if (t.matches("[0-9]{1,2}W")) {
            int day = Integer.parseInt(t.substring(0, t.length() - 1));
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("day-of-month " + text + " is out of 1-31");
            }
            return new NearestWeekday(day);
        }
        if (t.contains("L") || t.contains("W") || t.contains("#")) {
            throw new IllegalArgumentException("day-of-month '" + text + "': L, nW and LW stand alone");
        }
        return new DaysOfMonth(field(t, 1, 31, List.of(), "day-of-month"));
    }

    private static DayOfWeekField dayOfWeek(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.matches("[^,/-]+L")) {
            return new LastWeekdayOfMonth(value(t.substring(0, t.length() - 1), 1, 7, DAY_NAMES, "day-of-week"));
        }
        if (t.matches("[^,/-]+#[1-5]")) {
            int hash = t.indexOf('#');
            return new NthWeekdayOfMonth(value(t.substring(0, hash), 1, 7, DAY_NAMES, "day-of-week"),
                    Integer.parseInt(t.substring(hash + 1)));
        }
        if (t.contains("L") || t.contains("#")) {
            throw new IllegalArgumentException("day-of-week '" + text + "': nL and n#k stand alone (k 1-5)");
        }
        return new DaysOfWeek(field(t, 1, 7, DAY_NAMES, "day-of-week"));
    }

    /** A list of {@code *}, values, ranges and steps. */
    private static BitSet field(String text, int min, int max, List<String> names, String field) {
        BitSet set = new BitSet();
        for (String part : text.toUpperCase(Locale.ROOT).split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(field + " '" + text + "' has an empty list item");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                String stepText = part.substring(slash + 1);
                if (!stepText.matches("[0-9]{1,4}") || Integer.parseInt(stepText) == 0) {
                    throw new IllegalArgumentException(field + " '" + part + "': the step must be a positive number");
                }
                step = Integer.parseInt(stepText);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(field + " '" + part + "' is not a range a-b");
                }
                from = value(ends[0], min, max, names, field);
                to = value(ends[1], min, max, names, field);
            } else {
                from = value(range, min, max, names, field);
                to = slash >= 0 ? max : from;
            }
            // A wrapping range such as FRI-MON or 22-2 runs past the maximum and on from the minimum.
            int span = to >= from ? to - from : max - from + 1 + to - min;
            for (int i = 0; i <= span; i += step) {
                int v = from + i;
                set.set(v > max ? v - max - 1 + min : v);
            }
        }
        return set;
    }

    private static int value(String text, int min, int max, List<String> names, String field) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return named + min;
        }
        if (!text.matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException(field + " value '" + text + "' is not a number" + (names.isEmpty() ? "" : " or a name"));
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + " value " + v + " is out of " + min + "-" + max);
        }
        return v;
    }
}
