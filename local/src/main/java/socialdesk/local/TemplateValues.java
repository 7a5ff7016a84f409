package socialdesk.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.template.Template;

/**
 * Resolves template values the way CloudFormation would for a stack on this machine: {@code Ref} of
 * a parameter, a pseudo parameter or a resource (its local name), {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If} with the template's Conditions, and
 * {@code Fn::Equals} / {@code Not} / {@code And} / {@code Or}. A value that resolves to
 * {@code AWS::NoValue} is null.
 */
public final class TemplateValues {
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Map<String, String> refs;
    private final Map<String, String> attributes;

    /**
     * @param refs       what {@code Ref} of each parameter, pseudo parameter and resource gives
     * @param attributes what {@code Fn::GetAtt} gives, keyed {@code Resource.Attribute}
     */
    public TemplateValues(Template template, Map<String, String> refs, Map<String, String> attributes) {
        this.template = template;
        this.refs = Map.copyOf(refs);
        this.attributes = Map.copyOf(attributes);
    }

    /** A resolved string, or null for AWS::NoValue. */
    public String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : resolved instanceof String s ? s : String.valueOf(resolved);
    }

    /** Resolves every intrinsic inside a value (maps and lists included). */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String key = (String) map.keySet().iterator().next();
            Object arg = map.values().iterator().next();
            switch (key) {
                case "Ref" -> {
                    return ref((String) arg);
                }
                case "Fn::GetAtt" -> {
                    List<Object> parts = Template.list(arg);
                    return attribute(parts.get(0) + "." + parts.get(1));
                }
                case "Fn::Sub" -> {
                    return sub(arg);
                }
                case "Fn::Join" -> {
                    List<Object> parts = Template.list(arg);
                    List<String> items = new ArrayList<>();
                    for (Object item : Template.list(resolve(parts.get(1)))) {
                        items.add(string(item));
                    }
                    return String.join((String) parts.get(0), items);
                }
                case "Fn::If" -> {
                    List<Object> parts = Template.list(arg);
                    return resolve(condition((String) parts.get(0)) ? parts.get(1) : parts.get(2));
                }
                default -> {
                    if (key.startsWith("Fn::")) {
                        throw new IllegalArgumentException(key + " is not supported by the local stack");
                    }
                }
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = resolve(v);
                if (r != null) {
                    out.put((String) k, r);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        return value;
    }

    /** Evaluates a condition of the template's Conditions section. */
    public boolean condition(String name) {
        Object definition = Template.map(template.document.get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(Object expression) {
        Map<String, Object> map = Template.map(expression);
        if (map.size() != 1) {
            throw new IllegalArgumentException("not a condition: " + expression);
        }
        String key = map.keySet().iterator().next();
        List<Object> args = Template.list(map.get(key));
        return switch (key) {
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Condition" -> condition((String) map.get(key));
            default -> throw new IllegalArgumentException(key + " is not a condition function");
        };
    }

    private String ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        String value = refs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the local stack has no value for Ref " + name);
        }
        return value;
    }

    private String attribute(String dotted) {
        String value = attributes.get(dotted);
        if (value == null) {
            throw new IllegalArgumentException("the local stack has no value for GetAtt " + dotted);
        }
        return value;
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = (String) list.get(0);
            variables = Template.map(list.get(1));
        } else {
            text = (String) arg;
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.containsKey(name) ? string(variables.get(name))
                    : name.contains(".") && !name.startsWith("AWS::") ? attribute(name) : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
