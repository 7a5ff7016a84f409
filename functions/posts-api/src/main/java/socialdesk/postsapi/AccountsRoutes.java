package socialdesk.postsapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import socialdesk.core.json.Json;
import socialdesk.core.platform.token.TokenRenewal;
import socialdesk.core.post.EvergreenEntry;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostStore;
import socialdesk.core.publish.AccountHealth;
import socialdesk.core.publish.AccountHealthStore;

/**
 * {@code GET /accounts?platform=}: per platform, whether credentials are stored (never their
 * values), when the stored access token expires, whether the account is blocked (one Query of the
 * {@code ACCOUNTS} partition) and the evergreen rotation (one GSI2 Query per platform, the entry
 * whose latest post went out longest ago first: the next one queue-runway repeats).
 */
final class AccountsRoutes {
    /** Evergreen entries shown per platform; the answer says when there are more. */
    static final int MAX_EVERGREEN = 50;
    private static final Set<String> PARAMETERS = Set.of("platform");

    private final Function<Platform, Optional<String>> credentials;
    private final AccountHealthStore health;
    private final PostStore posts;

    /** {@code credentials}: the platform's stored secret text, read only to learn presence and {@code expiresAt}. */
    AccountsRoutes(Function<Platform, Optional<String>> credentials, AccountHealthStore health, PostStore posts) {
        this.credentials = credentials;
        this.health = health;
        this.posts = posts;
    }

    Map<String, Object> read(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        parameters.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown query parameter '" + k + "' (use platform)"));
        List<Platform> platforms = List.of(Platform.values());
        String platformId = parameters.get("platform");
        if (platformId != null) {
            try {
                platforms = List.of(Platform.fromId(platformId));
            } catch (IllegalArgumentException e) {
                problems.add("platform '" + platformId + "' is not one of "
                        + Arrays.stream(Platform.values()).map(Platform::id).toList());
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Map<Platform, AccountHealth> blocked = health.blocked();
        List<Object> out = new ArrayList<>();
        for (Platform platform : platforms) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("platform", platform.id());
            credentials(platform, account);
            AccountHealth block = blocked.get(platform);
            account.put("health", block == null ? "ok" : "blocked");
            if (block != null) {
                account.put("reason", block.reason());
                account.put("blockedSince", block.blockedSince().toString());
                account.put("nextProbeAt", block.nextProbeAt().toString());
            }
            List<EvergreenEntry> entries = posts.evergreen(platform, MAX_EVERGREEN + 1);
            List<Object> rotation = new ArrayList<>();
            entries.stream().limit(MAX_EVERGREEN).forEach(entry -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("originalId", entry.originalId());
                e.put("latestPostId", entry.latestPostId());
                e.put("lastAt", entry.lastAt() == null ? null : entry.lastAt().toString());
                rotation.add(e);
            });
            account.put("evergreen", rotation);
            account.put("evergreenComplete", entries.size() <= MAX_EVERGREEN);
            out.add(account);
        }
        return Map.of("accounts", out);
    }

    /**
     * Presence and expiry only: the secret's text never leaves this method, and a parse failure is
     * reported in fixed words (a parser's message could quote the secret).
     */
    private void credentials(Platform platform, Map<String, Object> account) {
        Optional<String> secret = credentials.apply(platform);
        account.put("configured", secret.isPresent());
        account.put("expiresAt", null);
        if (secret.isEmpty()) {
            return;
        }
        try {
            Instant expiresAt = TokenRenewal.expiresAt(Json.parseObject(secret.get()));
            account.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        } catch (RuntimeException e) {
            account.put("credentialsProblem", "the stored credentials are not a JSON object with an ISO-8601 expiresAt");
        }
    }
}
