package socialdesk.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as plain data (short-form tags in their long JSON forms, see {@link CfnYaml}), with
 * the views the contract tests and the local stack need. The one parser of the build.
 */
public final class Template {
    public static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    public static final String SERVERLESS_LAYER = "AWS::Serverless::LayerVersion";

    /** The repository root: surefire passes it as {@code project.root}; elsewhere, the folder holding template.yaml. */
    public static final Path ROOT = findRoot(Path.of(""));

    private static Template instance;

    public final Map<String, Object> document;
    private final Path root;

    private Template(Map<String, Object> document, Path root) {
        this.document = document;
        this.root = root;
    }

    /** The repository's template.yaml, parsed once. */
    public static synchronized Template load() {
        if (instance == null) {
            instance = load(ROOT);
        }
        return instance;
    }

    /** template.yaml of the repository at {@code root}. */
    public static Template load(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new Template(CfnYaml.parse(read(absolute.resolve("template.yaml"))), absolute);
    }

    public Path root() {
        return root;
    }

    public Map<String, Object> resources() {
        return map(document.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    /** Resources of one type, by logical id, in template order. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(document.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        resourcesOfType(SERVERLESS_FUNCTION).forEach((id, resource) ->
                functions.add(new Function(id, merge(globals, map(resource.get("Properties"))), root)));
        return functions;
    }

    public List<Layer> layers() {
        List<Layer> layers = new ArrayList<>();
        resourcesOfType(SERVERLESS_LAYER).forEach((id, resource) -> layers.add(new Layer(id, resource, root)));
        return layers;
    }

    /** A layer the template builds: its resource (Condition, Metadata, Properties) as written. */
    public record Layer(String logicalId, Map<String, Object> resource, Path root) {
        public Map<String, Object> properties() {
            return map(resource.get("Properties"));
        }

        /** The name of the condition the layer is created under, or null. */
        public String condition() {
            return (String) resource.get("Condition");
        }

        /** The layer's Maven module: its ContentUri, relative to the repository root. */
        public Path moduleDir() {
            return root.resolve((String) properties().get("ContentUri")).normalize();
        }

        /**
         * What the module's build lays out as Lambda mounts the layer at {@code /opt}: its jars in
         * {@code java/lib}, which the runtime puts on the function's class path.
         */
        public Path builtJavaLib() {
            return moduleDir().resolve("target/layer/java/lib");
        }

        @Override
        public String toString() {
            return logicalId;
        }
    }

    /** A function with Globals applied the way SAM applies them: maps merge, anything else is replaced. */
    public record Function(String logicalId, Map<String, Object> properties, Path root) {
        public String handler() {
            return (String) properties.get("Handler");
        }

        /** The function's Maven module: its CodeUri, relative to the repository root. */
        public Path moduleDir() {
            return root.resolve((String) properties.get("CodeUri")).normalize();
        }

        /** The module path relative to the root, with forward slashes (for {@code mvn -pl}). */
        public String modulePath() {
            return root.relativize(moduleDir()).toString().replace('\\', '/');
        }

        public Map<String, Object> environment() {
            return map(map(properties.get("Environment")).get("Variables"));
        }

        /** The Layers property as written (a list, or an {@code Fn::If} choosing one), or null. */
        public Object layers() {
            return properties.get("Layers");
        }

        public List<Object> policies() {
            Object policies = properties.get("Policies");
            return policies instanceof List<?> list ? List.copyOf(list) : policies == null ? List.of() : List.of(policies);
        }

        /** The function's event sources by name, each {@code {"Type": ..., "Properties": {...}}}. */
        public Map<String, Map<String, Object>> events() {
            Map<String, Map<String, Object>> events = new LinkedHashMap<>();
            map(properties.get("Events")).forEach((name, value) -> events.put(name, map(value)));
            return events;
        }

        /** The function's FunctionUrlConfig, empty when it has no function URL. */
        public Map<String, Object> functionUrlConfig() {
            return map(properties.get("FunctionUrlConfig"));
        }

        public int memorySize() {
            return properties.get("MemorySize") instanceof Number n ? n.intValue() : 128;
        }

        /** ReservedConcurrentExecutions as written (a number or a {@code Ref}), or null when none is reserved. */
        public Object reservedConcurrency() {
            return properties.get("ReservedConcurrentExecutions");
        }

        public int timeoutSeconds() {
            return properties.get("Timeout") instanceof Number n ? n.intValue() : 3;
        }

        @Override
        public String toString() {
            return logicalId;
        }
    }

    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
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
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A file of the repository's events/ folder: the sample events shared with `sam local invoke -e`. */
    public static Path event(String name) {
        return ROOT.resolve("events").resolve(name);
    }

    /** The repository root for a process started in {@code start}: {@code project.root} if set, else the nearest folder with template.yaml. */
    public static Path findRoot(Path start) {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        return start.toAbsolutePath();
    }
}
