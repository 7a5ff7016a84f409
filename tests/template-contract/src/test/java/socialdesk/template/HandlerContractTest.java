package socialdesk.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import socialdesk.template.Template;

/**
 * Each function's {@code Handler} names a public class of that function's own module (its
 * {@code CodeUri}), which implements one of Lambda's handler interfaces, has the method named after
 * {@code ::}, and can be built by Lambda with a public no-argument constructor.
 */
class HandlerContractTest {
    private static final Pattern HANDLER = Pattern.compile("((?:[a-z_][\\w]*\\.)+)([A-Z][\\w$]*)::([a-z_][\\w]*)");

    static Stream<Template.Function> functions() {
        return Template.load().functions().stream();
    }

    @Test
    void templateDefinesFunctions() {
        assertFalse(Template.load().functions().isEmpty(), "template.yaml defines no AWS::Serverless::Function");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void codeUriIsAModuleOfTheBuild(Template.Function function) {
        Path module = function.moduleDir();
        String relative = Template.ROOT.relativize(module).toString().replace('\\', '/');

        assertTrue(Files.isRegularFile(module.resolve("pom.xml")), () -> function + ": CodeUri " + relative + " is not a Maven module");
        assertTrue(Template.read(Template.ROOT.resolve("pom.xml")).contains("<module>" + relative + "</module>"),
                () -> function + ": " + relative + " is not listed in the modules of the root pom.xml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void samBuildsTheFunctionWithItsMakefileTarget(Template.Function function) {
        Object buildMethod = Template.map(Template.load().resource(function.logicalId()).get("Metadata")).get("BuildMethod");
        assertEquals("makefile", buildMethod, () -> function + ": Metadata BuildMethod must be makefile (see docs/operations.md)");

        Path makefile = function.moduleDir().resolve("Makefile");
        assertTrue(Files.isRegularFile(makefile), () -> function + ": no " + makefile);
        assertTrue(Pattern.compile("(?m)^build-" + function.logicalId() + ":").matcher(Template.read(makefile)).find(),
                () -> makefile + " has no target build-" + function.logicalId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handlerIsALambdaHandlerClassOfTheFunctionModule(Template.Function function) {
        String handler = function.handler();
        assertNotNull(handler, () -> function + " has no Handler");
        Matcher parts = HANDLER.matcher(handler);
        assertTrue(parts.matches(), () -> function + ": Handler '" + handler + "' is not package.Class::method");
        String className = parts.group(1) + parts.group(2);
        String simpleName = parts.group(2);
        String method = parts.group(3);

        JavaSources sources = JavaSources.of(function.moduleDir());
        String source = sources.source(className);
        assertNotNull(source, () -> function + ": Handler class " + className + " should be in "
                + sources.sourceRoot().resolve(sources.fileOf(className)));

        String packageName = parts.group(1).substring(0, parts.group(1).length() - 1);
        assertTrue(Pattern.compile("\\bpackage\\s+" + Pattern.quote(packageName) + "\\s*;").matcher(source).find(),
                () -> className + " does not declare package " + packageName);
        assertTrue(Pattern.compile("\\bpublic\\s+(?:final\\s+)?class\\s+" + simpleName
                        + "\\b[^{]*\\bimplements\\b[^{]*\\b(?:RequestStreamHandler|RequestHandler)\\b").matcher(source).find(),
                () -> className + " must be a public class implementing RequestStreamHandler or RequestHandler");
        assertTrue(Pattern.compile("\\bpublic\\s+[\\w<>,.?\\[\\]\\s]+\\s" + method + "\\s*\\(").matcher(source).find(),
                () -> className + " has no public method " + method);
        assertTrue(hasPublicNoArgConstructor(source, simpleName),
                () -> className + " needs a public no-argument constructor: Lambda creates the handler with it");
    }

    static boolean hasPublicNoArgConstructor(String source, String simpleName) {
        Matcher constructors = Pattern.compile(
                "(?m)^\\s*((?:public|protected|private)\\s+)?" + simpleName + "\\s*\\(([^)]*)\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{")
                .matcher(source);
        boolean any = false;
        while (constructors.find()) {
            any = true;
            String modifier = constructors.group(1) == null ? "" : constructors.group(1).strip();
            if (modifier.equals("public") && constructors.group(2).isBlank()) {
                return true;
            }
        }
        return !any; // no constructor declared: the implicit one is public for a public class
    }

    @Test
    void constructorRuleIsStrictAboutVisibilityAndParameters() {
        assertTrue(hasPublicNoArgConstructor("public class H {\n  public H() { }\n  H(Store s) { }\n}", "H"));
        assertFalse(hasPublicNoArgConstructor("public class H {\n  H() { }\n}", "H"));
        assertFalse(hasPublicNoArgConstructor("public class H {\n  public H(Store s) { }\n}", "H"));
        assertTrue(hasPublicNoArgConstructor("public class H {\n  public void handleRequest() { }\n}", "H"));
    }
}
