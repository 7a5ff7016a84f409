package socialdesk.core.schedule;

import java.util.List;
import java.util.Optional;
import socialdesk.core.post.Platform;

/** Where each platform's posting slots are kept ({@code CADENCE#<platform>} in the table). */
public interface CadenceStore {
    Optional<Cadence> find(Platform platform);

    /** Replaces the platform's cadence. */
    void put(Cadence cadence);

    /** Every platform's cadence that is set, in platform order. */
    List<Cadence> all();
}
