package socialdesk.aws;

/**
 * Reads a function's configuration from its environment. Handlers call these with literal names,
 * and the template contract test checks each name against the function's Environment in
 * template.yaml, so a variable the code needs can never be missing from a deployment.
 */
public final class Env {
    private Env() {
    }

    /** A variable the function cannot run without; a missing one fails the container's init loudly. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** A variable with a default; an empty value counts as unset (template parameters default to ""). */
    public static String optional(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
