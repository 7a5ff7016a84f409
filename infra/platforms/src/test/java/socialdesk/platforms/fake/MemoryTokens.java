package socialdesk.platforms.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import socialdesk.core.platform.token.RefreshLock;
import socialdesk.core.platform.token.TokenStore;

/**
 * A secret store and a refresh lease in memory, with the semantics of the real ones: the store
 * keeps the last JSON written; the lease is taken only when free or expired (as the DynamoDB
 * conditional put does). Shared between two publishers, it stands for two Lambda containers.
 */
public final class MemoryTokens implements TokenStore, RefreshLock {
    private record Lease(String holder, Instant until) {
    }

    private final Clock clock;
    private final Map<String, String> secrets = new HashMap<>(); // guarded by this
    private final Map<String, Lease> leases = new HashMap<>();   // guarded by this
    private int writes;                                          // guarded by this

    public MemoryTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> read(String secretName) {
        return Optional.ofNullable(secrets.get(secretName));
    }

    @Override
    public synchronized void write(String secretName, String secretJson) {
        writes++;
        secrets.put(secretName, secretJson);
    }

    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized boolean tryAcquire(String name, String holder, Instant until) {
        Lease lease = leases.get(name);
        if (lease != null && clock.instant().isBefore(lease.until())) {
            return false;
        }
        leases.put(name, new Lease(holder, until));
        return true;
    }

    @Override
    public synchronized void release(String name, String holder) {
        Lease lease = leases.get(name);
        if (lease != null && lease.holder().equals(holder)) {
            leases.remove(name);
        }
    }
}
