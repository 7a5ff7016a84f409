package socialdesk.core.post;

import java.util.List;

/** A draft that cannot be queued, with every reason at once so a person can fix them in one go. */
public final class InvalidPostException extends RuntimeException {
    private final List<String> problems;

    public InvalidPostException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
