package socialdesk.aws.dynamo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.JsonException;

/**
 * One DynamoDB attribute value in its wire form: a string, a number (kept as its decimal text, as
 * DynamoDB sends it), a boolean, null, a list, a map or a string set. Binary values are not used by
 * this project and are refused when read.
 */
public final class AttributeValue {
    private final String type;
    private final Object value;

    private AttributeValue(String type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static AttributeValue fromS(String value) {
        return new AttributeValue("S", requireValue(value));
    }

    public static AttributeValue fromN(String value) {
        return new AttributeValue("N", requireValue(value));
    }

    public static AttributeValue fromBool(boolean value) {
        return new AttributeValue("BOOL", value);
    }

    public static AttributeValue fromNul() {
        return new AttributeValue("NULL", Boolean.TRUE);
    }

    public static AttributeValue fromL(List<AttributeValue> values) {
        return new AttributeValue("L", List.copyOf(values));
    }

    public static AttributeValue fromM(Map<String, AttributeValue> values) {
        return new AttributeValue("M", Map.copyOf(values));
    }

    public static AttributeValue fromSs(List<String> values) {
        return new AttributeValue("SS", List.copyOf(values));
    }

    /** The string, or null when this is not a string. */
    public String s() {
        return "S".equals(type) ? (String) value : null;
    }

    /** The number's decimal text, or null when this is not a number. */
    public String n() {
        return "N".equals(type) ? (String) value : null;
    }

    /** The boolean, or null when this is not a boolean. */
    public Boolean bool() {
        return "BOOL".equals(type) ? (Boolean) value : null;
    }

    public boolean hasL() {
        return "L".equals(type);
    }

    /** The list, empty when this is not a list. */
    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return hasL() ? (List<AttributeValue>) value : List.of();
    }

    public boolean hasM() {
        return "M".equals(type);
    }

    /** The map, empty when this is not a map. */
    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return hasM() ? (Map<String, AttributeValue>) value : Map.of();
    }

    /** The string set, empty when this is not one. */
    @SuppressWarnings("unchecked")
    public List<String> ss() {
        return "SS".equals(type) ? (List<String>) value : List.of();
    }

    /** The JSON form, {@code {"S":"text"}}. */
    Map<String, Object> toJson() {
        Object wire = switch (type) {
            case "L" -> l().stream().map(AttributeValue::toJson).toList();
            case "M" -> toJson(m());
            default -> value;
        };
        return Map.of(type, wire);
    }

    static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, v) -> out.put(name, v.toJson()));
        return out;
    }

    /** Reads a JSON item ({@code {"name":{"S":"..."}}}) as DynamoDB sends it. */
    static Map<String, AttributeValue> itemFromJson(Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new JsonException("a DynamoDB item must be an object");
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        map.forEach((name, v) -> out.put((String) name, fromJson(v)));
        return out;
    }

    static AttributeValue fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map) || map.size() != 1) {
            throw new JsonException("a DynamoDB attribute value must be an object with one type key");
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String type = (String) entry.getKey();
        Object v = entry.getValue();
        return switch (type) {
            case "S" -> fromS(wire(type, v, String.class));
            case "N" -> fromN(wire(type, v, String.class));
            case "BOOL" -> fromBool(wire(type, v, Boolean.class));
            case "NULL" -> fromNul();
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (Object element : wire(type, v, List.class)) {
                    list.add(fromJson(element));
                }
                yield fromL(list);
            }
            case "M" -> fromM(itemFromJson(wire(type, v, Map.class)));
            case "SS" -> {
                List<String> strings = new ArrayList<>();
                for (Object element : wire(type, v, List.class)) {
                    strings.add(wire(type, element, String.class));
                }
                yield fromSs(strings);
            }
            default -> throw new JsonException("unsupported DynamoDB attribute type " + type);
        };
    }

    /** The value of a {@code type} attribute as the JSON kind it must be; anything else is malformed wire data. */
    private static <T> T wire(String type, Object value, Class<T> kind) {
        if (!kind.isInstance(value)) {
            throw new JsonException("a DynamoDB " + type + " attribute cannot hold "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return kind.cast(value);
    }

    private static <T> T requireValue(T value) {
        if (value == null) {
            throw new IllegalArgumentException("an attribute value cannot hold null; use fromNul()");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeValue a && a.type.equals(type) && a.value.equals(value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return "{" + type + "=" + value + "}";
    }
}
