package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.template.Template;

/**
 * The configuration a function's code reads and the Environment its template entry sets agree.
 * Functions read configuration only through {@code Env.required("NAME")} and
 * {@code Env.optional("NAME", "default")} with literal names, in their own module, so a text scan
 * of that module finds every variable.
 */
class EnvironmentContractTest {
    private static final Pattern REQUIRED = Pattern.compile("\\bEnv\\s*\\.\\s*required\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern OPTIONAL = Pattern.compile("\\bEnv\\s*\\.\\s*optional\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern NON_LITERAL = Pattern.compile("\\bEnv\\s*\\.\\s*(?:required|optional)\\s*\\(\\s*([^\"\\s)])");
    private static final Pattern GETENV = Pattern.compile("\\bSystem\\s*\\.\\s*getenv\\s*\\(");

    /** Optional variables a function may deliberately leave to its code's default, by function. None so far. */
    private static final Map<String, Set<String>> OPTIONAL_LEFT_UNSET = Map.of();

    static Stream<Template.Function> functions() {
        return Template.load().functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyRequiredVariableIsSet(Template.Function function) {
        Set<String> missing = new TreeSet<>(sources(function).captures(REQUIRED));
        missing.removeAll(function.environment().keySet());

        assertTrue(missing.isEmpty(), () -> function + " reads " + missing + " with Env.required but template.yaml does not set it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyOptionalVariableIsSetOrDeliberatelyLeftOut(Template.Function function) {
        Set<String> missing = new TreeSet<>(sources(function).captures(OPTIONAL));
        missing.removeAll(function.environment().keySet());
        missing.removeAll(OPTIONAL_LEFT_UNSET.getOrDefault(function.logicalId(), Set.of()));

        assertTrue(missing.isEmpty(), () -> function + " reads " + missing + " with Env.optional; set it in template.yaml"
                + " (a parameter may leave it empty) or list it in OPTIONAL_LEFT_UNSET");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyVariableSetIsReadByTheCode(Template.Function function) {
        JavaSources sources = sources(function);
        Set<String> stale = new TreeSet<>(function.environment().keySet());
        stale.removeAll(sources.captures(REQUIRED));
        stale.removeAll(sources.captures(OPTIONAL));
        stale.removeIf(EnvironmentContractTest::readByTheRuntime);

        assertTrue(stale.isEmpty(), () -> function + " sets " + stale + " but " + sources.sourceRoot()
                + " never reads it with Env.required/Env.optional");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void configurationIsReadOnlyThroughEnvWithLiteralNames(Template.Function function) {
        JavaSources sources = sources(function);

        List<?> getenv = sources.filesContaining(GETENV);
        List<String> computed = sources.captures(NON_LITERAL);

        assertTrue(getenv.isEmpty(), () -> function + ": read configuration with Env, not System.getenv, in " + getenv);
        assertTrue(computed.isEmpty(), () -> function + ": Env names must be string literals so this test can see them");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void resourceNamesComeFromTheTemplateNotLiterals(Template.Function function) {
        function.environment().forEach((name, value) -> {
            if (name.endsWith("_NAME") || name.endsWith("_ARN") || name.endsWith("_URL")) {
                assertTrue(value instanceof Map<?, ?>, () -> function + ": " + name
                        + " must come from !Ref / !GetAtt / !Sub, not the literal '" + value + "'");
            }
        });
    }

    @Test
    void theScanSeesCallsButNotComments() {
        String code = JavaSources.withoutComments("""
                // Env.required("IN_A_COMMENT")
                String table = Env.required("TABLE_NAME"); /* Env.optional("ALSO_A_COMMENT", "") */
                String url = "https://example.invalid"; String key = Env.optional( "MASTODON_SECRET_ARN", "");
                """);

        assertTrue(REQUIRED.matcher(code).results().map(m -> m.group(1)).toList().equals(List.of("TABLE_NAME")), code);
        assertTrue(OPTIONAL.matcher(code).results().map(m -> m.group(1)).toList().equals(List.of("MASTODON_SECRET_ARN")), code);
    }

    private static JavaSources sources(Template.Function function) {
        return JavaSources.of(function.moduleDir());
    }

    /** Variables read by the Lambda runtime or the JVM rather than by our code. */
    private static boolean readByTheRuntime(String name) {
        return name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS");
    }
}
