package socialdesk.postsapi;

import java.util.List;

/** An answer other than success, with the status, a stable code and a message a person can act on. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<String> problems;

    ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    ApiException(int status, String code, String message, List<String> problems) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    static ApiException invalid(List<String> problems) {
        return new ApiException(400, "validation_failed",
                problems.size() == 1 ? "the request has a problem" : "the request has " + problems.size() + " problems", problems);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<String> problems() {
        return problems;
    }
}
