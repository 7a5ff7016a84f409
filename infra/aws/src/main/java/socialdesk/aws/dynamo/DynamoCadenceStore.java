package socialdesk.aws.dynamo;

import static socialdesk.aws.dynamo.Attr.n;
import static socialdesk.aws.dynamo.Attr.s;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.post.Platform;
import socialdesk.core.schedule.Cadence;
import socialdesk.core.schedule.CadenceStore;
import socialdesk.core.schedule.SlotRule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Posting slots in the single table: one item per platform, {@code PK = CADENCE#<platform>},
 * {@code SK = CADENCE}, with the time zone, the weekly slots as {@code "MON 09:00"} strings, the
 * runway target and the evergreen gap. There are only a handful of platforms, so {@link #all()}
 * reads each platform's item by key: no scan, no index.
 */
public final class DynamoCadenceStore implements CadenceStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCadenceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(Platform platform) {
        return Map.of(TableDefinition.PK, s("CADENCE#" + platform.id()), TableDefinition.SK, s("CADENCE"));
    }

    @Override
    public Optional<Cadence> find(Platform platform) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(platform)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCadence(platform, item));
    }

    @Override
    public void put(Cadence cadence) {
        List<String> slots = new ArrayList<>();
        for (SlotRule rule : cadence.slots()) {
            for (DayOfWeek day : rule.days().stream().sorted().toList()) {
                for (LocalTime time : rule.times()) {
                    slots.add(day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT) + " " + time);
                }
            }
        }
        Map<String, AttributeValue> item = new HashMap<>(key(cadence.platform()));
        item.put("type", s("cadence"));
        item.put("platform", s(cadence.platform().id()));
        item.put("timezone", s(cadence.zone().getId()));
        item.put("slots", Attr.strings(slots));
        item.put("runwayTargetDays", n(cadence.runwayTargetDays()));
        item.put("evergreenMinGapDays", n(cadence.evergreenMinGapDays()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<Cadence> all() {
        List<Cadence> all = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            find(platform).ifPresent(all::add);
        }
        return all;
    }

    private static Cadence toCadence(Platform platform, Map<String, AttributeValue> item) {
        List<SlotRule> rules = new ArrayList<>();
        for (String slot : Attr.stringList(item, "slots")) {
            String[] parts = slot.split(" ");
            DayOfWeek day = java.util.Arrays.stream(DayOfWeek.values())
                    .filter(d -> d.name().startsWith(parts[0])).findFirst().orElseThrow();
            rules.add(new SlotRule(EnumSet.of(day), List.of(LocalTime.parse(parts[1]))));
        }
        return new Cadence(platform, ZoneId.of(Attr.string(item, "timezone")), rules,
                (int) Attr.number(item, "runwayTargetDays", Cadence.DEFAULT_RUNWAY_TARGET_DAYS),
                (int) Attr.number(item, "evergreenMinGapDays", Cadence.DEFAULT_EVERGREEN_MIN_GAP_DAYS));
    }
}
