package socialdesk.core.engagement;

/** Engagement that one person switches on and off: each has a marker item so a counter moves only on a real change. */
public enum MarkerKind {
    REACTION(Counter.REACTIONS),
    SHARE(Counter.SHARES);

    private final Counter counter;

    MarkerKind(Counter counter) {
        this.counter = counter;
    }

    public Counter counter() {
        return counter;
    }
}
