package socialdesk.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.core.json.Json;

/**
 * An EventBridge target's InputTransformer: each name of {@code InputPathsMap} takes the value at
 * its JSON path in the event, and {@code InputTemplate} receives the values at its
 * {@code <name>} placeholders. As in EventBridge, a placeholder inside a JSON string gets the
 * value's text (escaped for that string), a placeholder elsewhere in a JSON template gets the
 * value as JSON, and a template that is not JSON (plain text) gets the text as is. A path that
 * matches nothing gives {@code null} (an empty text inside a string). The predefined
 * {@code <aws.events.event>}, {@code <aws.events.event.json>}, {@code <aws.events.rule-name>},
 * {@code <aws.events.rule-arn>} and {@code <aws.events.event.ingestion-time>} are known.
 */
public final class InputTransformer {
    private static final Pattern PATH_STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+)]|\\['([^']+)']");
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

    private final Map<String, String> paths;
    private final String template;

    public InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
        this.paths = Map.copyOf(inputPathsMap);
        this.template = inputTemplate;
        paths.forEach((name, path) -> {
            if (name.startsWith("aws.")) {
                throw new IllegalArgumentException("InputPathsMap name " + name + " is reserved (aws.*)");
            }
            select(Map.of(), path);
        });
    }

    /** The target's input for {@code event} (an EventBridge envelope as parsed JSON) matched by the rule. */
    public String apply(Map<String, Object> event, String ruleName, String ruleArn, String ingestionTime) {
        Map<String, Object> values = new LinkedHashMap<>();
        paths.forEach((name, path) -> values.put(name, select(event, path)));
        values.put("aws.events.rule-name", ruleName);
        values.put("aws.events.rule-arn", ruleArn);
        values.put("aws.events.event.ingestion-time", ingestionTime);
        values.put("aws.events.event.json", event);
        values.put("aws.events.event", event);
        String trimmed = template.strip();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"");
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            out.append(template, last, m.start());
            last = m.end();
            if (!values.containsKey(name)) {
                out.append(m.group());
                continue;
            }
            Object value = values.get(name);
            if (!json) {
                out.append(value == null ? "" : value instanceof String s ? s : Json.write(value));
            } else if (insideString(template, m.start())) {
                String text = value == null ? "" : value instanceof String s ? s : Json.write(value);
                String quoted = Json.write(text);
                out.append(quoted, 1, quoted.length() - 1);
            } else {
                out.append(Json.write(value));
            }
        }
        out.append(template.substring(last));
        return out.toString();
    }

    /** Whether position {@code at} of a JSON text lies inside a string literal. */
    static boolean insideString(String text, int at) {
        boolean inside = false;
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (inside && c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The value at a JSON path such as {@code $.detail.failures[0].platform}; null when nothing is there. */
    static Object select(Object root, String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("JSON path '" + path + "' must start with $");
        }
        Object node = root;
        Matcher m = PATH_STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("JSON path '" + path + "' is not supported (use $.a.b[0].c)");
            }
            String key = m.group(1) != null ? m.group(1) : m.group(3);
            if (key != null) {
                node = node instanceof Map<?, ?> map ? map.get(key) : null;
            } else {
                int index = Integer.parseInt(m.group(2));
                node = node instanceof List<?> list && index < list.size() ? list.get(index) : null;
            }
            at = m.end();
        }
        return node;
    }
}
