package socialdesk.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml as plain data, with the views the contract tests need. */
final class Template {
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    /** The repository root: surefire passes it as {@code project.root}; elsewhere, the folder holding template.yaml. */
    static final Path ROOT = findRoot();

    private static final Template INSTANCE = new Template(CfnYaml.parse(read(ROOT.resolve("template.yaml"))));

    final Map<String, Object> document;

    private Template(Map<String, Object> document) {
        this.document = document;
    }

    static Template load() {
        return INSTANCE;
    }

    Map<String, Object> resources() {
        return map(document.get("Resources"));
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    /** Resources of one type, by logical id, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    List<Function> functions() {
        Map<String, Object> globals = map(map(document.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        resourcesOfType(SERVERLESS_FUNCTION).forEach((id, resource) ->
                functions.add(new Function(id, merge(globals, map(resource.get("Properties"))))));
        return functions;
    }

    /** A function with Globals applied the way SAM applies them: maps merge, anything else is replaced. */
    record Function(String logicalId, Map<String, Object> properties) {
        String handler() {
            return (String) properties.get("Handler");
        }

        /** The function's Maven module: its CodeUri, relative to the repository root. */
        Path moduleDir() {
            return ROOT.resolve((String) properties.get("CodeUri")).normalize();
        }

        Map<String, Object> environment() {
            return map(map(properties.get("Environment")).get("Variables"));
        }

        List<Object> policies() {
            Object policies = properties.get("Policies");
            return policies instanceof List<?> list ? List.copyOf(list) : policies == null ? List.of() : List.of(policies);
        }

        @Override
        public String toString() {
            return logicalId;
        }
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merged.put(key, merge(map(existing), map(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A file of the repository's events/ folder: the sample events shared with `sam local invoke -e`. */
    static Path event(String name) {
        return ROOT.resolve("events").resolve(name);
    }

    private static Path findRoot() {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
