package socialdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.InterfaceMethodRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * What a function jar (or the Bedrock triage layer's jar) must hold of the SDK's generated model classes, read from the jar's bytecode:
 * the operations our classes call on the clients the jar carries ({@code DynamoDbClient.getItem}, ...), and from each operation's
 * request and response every model class reachable through constant-pool references. The shade
 * filters of the parent pom keep this closure (plus every request and exception class, which the
 * client's verification and exception table need); {@link #missing} says what a jar lacks of it.
 */
final class ModelClosure {
    private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/([a-z]+)/[A-Za-z]+Client");
    private static final String OWN_CLASSES = "socialdesk/";

    private ModelClosure() {
    }

    /** The operations our own classes call, as model class stems per service: {@code dynamodb -> [GetItem, Query]}. */
    static Map<String, Set<String>> operationsCalled(ZipFile jar) {
        Map<String, Set<String>> ops = new TreeMap<>();
        jar.stream().filter(e -> e.getName().startsWith(OWN_CLASSES) && e.getName().endsWith(".class")).forEach(e -> {
            for (PoolEntry entry : model(jar, e.getName()).constantPool()) {
                if (entry instanceof InterfaceMethodRefEntry ref) {
                    Matcher m = CLIENT.matcher(ref.owner().asInternalName());
                    String method = ref.name().stringValue();
                    // A client the jar does not carry is never built: infra/aws names it in code that function never runs.
                    boolean carried = jar.getEntry(ref.owner().asInternalName() + ".class") != null;
                    if (m.matches() && carried && !method.equals("builder") && !method.equals("close") && !method.equals("create")) {
                        ops.computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                .add(Character.toUpperCase(method.charAt(0)) + method.substring(1));
                    }
                }
            }
        });
        return ops;
    }

    /** Every model class (internal name) reachable from the called operations' requests and responses. */
    static Set<String> closure(ZipFile jar, Map<String, Set<String>> ops) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        ops.forEach((service, names) -> names.forEach(op -> {
            todo.add(modelPackage(service) + op + "Request");
            todo.add(modelPackage(service) + op + "Response");
        }));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name) || jar.getEntry(name + ".class") == null) {
                continue;
            }
            for (PoolEntry entry : model(jar, name + ".class").constantPool()) {
                if (entry instanceof ClassEntry c) {
                    String ref = c.asInternalName();
                    if (ref.contains("/model/") && ref.startsWith("software/amazon/awssdk/services/")) {
                        todo.add(ref);
                    }
                }
            }
        }
        return seen;
    }

    /** The members of the closure the jar does not hold. */
    static Set<String> missing(Path jarFile) {
        try (ZipFile jar = new ZipFile(jarFile.toFile())) {
            Set<String> missing = new TreeSet<>();
            for (String name : closure(jar, operationsCalled(jar))) {
                if (jar.getEntry(name + ".class") == null) {
                    missing.add(name);
                }
            }
            return missing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String modelPackage(String service) {
        return "software/amazon/awssdk/services/" + service + "/model/";
    }

    private static ClassModel model(ZipFile jar, String entry) {
        try (var in = jar.getInputStream(jar.getEntry(entry))) {
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the closure of a jar: {@code java ModelClosure.java path/to/function.jar}. */
    public static void main(String[] args) throws IOException {
        try (ZipFile jar = new ZipFile(args[0])) {
            Map<String, Set<String>> ops = operationsCalled(jar);
            System.out.println(ops);
            Set<String> stems = new TreeSet<>();
            closure(jar, ops).forEach(n -> stems.add(n.replaceAll("\\$.*", "")));
            stems.forEach(System.out::println);
        }
    }
}
