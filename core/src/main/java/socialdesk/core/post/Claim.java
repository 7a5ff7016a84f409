package socialdesk.core.post;

import java.util.List;

/**
 * A post this run holds under a lease, with its deliveries as they stood when it was claimed.
 *
 * @param abandoned the in-flight mark of an earlier run that never released the post (it died or
 *                  lost its lease mid-send), or null: its unrecorded sends have an unknown outcome
 */
public record Claim(Post post, List<Delivery> deliveries, String owner, InFlight abandoned) {
    public Claim {
        deliveries = List.copyOf(deliveries);
    }

    public Claim(Post post, List<Delivery> deliveries, String owner) {
        this(post, deliveries, owner, null);
    }
}
