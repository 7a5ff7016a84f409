package socialdesk.core.post;

import java.util.List;

/** A post this run holds under a lease, with its deliveries as they stood when it was claimed. */
public record Claim(Post post, List<Delivery> deliveries, String owner) {
    public Claim {
        deliveries = List.copyOf(deliveries);
    }
}
