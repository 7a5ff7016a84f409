package socialdesk.core.triage;

import java.util.Locale;

/** How urgent a flagged comment is; {@link #NONE} for everything that is not flagged. */
public enum Severity {
    HIGH,
    MEDIUM,
    LOW,
    NONE;

    /** The lower-case wire form used in events and JSON lines ({@code high}, {@code none}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
