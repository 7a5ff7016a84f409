package socialdesk.core.schedule;

import java.util.List;

/** A cadence that cannot be stored, with every reason at once. */
public final class InvalidCadenceException extends RuntimeException {
    private final List<String> problems;

    public InvalidCadenceException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
