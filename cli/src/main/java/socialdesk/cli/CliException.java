package socialdesk.cli;

/** A failure the user can act on: a one-line message and the exit status; never shown as a stack trace. */
final class CliException extends RuntimeException {
    private final int status;

    CliException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** A wrong command line or an unreadable file (exit status 2). */
    static CliException usage(String message) {
        return new CliException(SocialCli.USAGE, message);
    }

    /** Anything else that stops a command (exit status 1). */
    static CliException failed(String message) {
        return new CliException(1, message);
    }

    int status() {
        return status;
    }
}
