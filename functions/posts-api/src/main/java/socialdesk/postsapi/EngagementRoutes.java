package socialdesk.postsapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import socialdesk.core.engagement.Counter;
import socialdesk.core.engagement.EngagementHistory;
import socialdesk.core.engagement.EngagementItem;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQuery;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;

/**
 * {@code GET /engagement?from=&to=&platform=}: what the posts published in the range drew, per
 * post and platform (totals) and per hour (counts and comment categories), for the console's
 * charts. No index spans engagement across posts by time, so the read is bounded by the posts:
 * one GSI2 listing of the posts due in the range (as {@code GET /posts}), then one Query of each
 * post's partition; at most {@link #MAX_POSTS} posts and {@link #MAX_ITEMS_PER_POST} items each,
 * and the answer says when either cap left something out ({@code complete: false}).
 */
final class EngagementRoutes {
    static final int MAX_POSTS = 100;
    static final int MAX_ITEMS_PER_POST = 5000;
    static final Duration MAX_SPAN = Duration.ofDays(92);
    static final Duration DEFAULT_SPAN = Duration.ofDays(14);
    private static final Set<String> PARAMETERS = Set.of("from", "to", "platform");
    /** Posts that reached a platform, or may have: the only ones that can have engagement. */
    private static final Set<PostStatus> REACHED = EnumSet.of(PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED, PostStatus.UNCERTAIN);

    private final PostStore posts;
    private final EngagementHistory history;
    private final Clock clock;

    EngagementRoutes(PostStore posts, EngagementHistory history, Clock clock) {
        this.posts = posts;
        this.history = history;
        this.clock = clock;
    }

    Map<String, Object> read(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        parameters.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown query parameter '" + k + "' (use from, to, platform)"));
        Instant from = PostsService.instantParameter(parameters, "from", false, problems);
        Instant to = PostsService.instantParameter(parameters, "to", true, problems);
        Platform only = null;
        String platformId = parameters.get("platform");
        if (platformId != null) {
            try {
                only = Platform.fromId(platformId.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("platform '" + platformId + "' is not one of "
                        + java.util.Arrays.stream(Platform.values()).map(Platform::id).toList());
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (to == null) {
            to = from == null ? clock.instant() : from.plus(DEFAULT_SPAN);
        }
        if (from == null) {
            from = to.minus(DEFAULT_SPAN);
        }
        if (to.isBefore(from)) {
            problems.add("to is before from");
        } else if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            problems.add("from and to may be at most " + MAX_SPAN.toDays() + " days apart");
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }

        PostPage page = posts.list(new PostQuery(REACHED, from, to, MAX_POSTS, null));
        boolean complete = page.next() == null;
        List<Map<String, Object>> postsOut = new ArrayList<>();
        Map<String, Map<String, Object>> hours = new TreeMap<>();
        for (Post post : page.posts()) {
            if (only != null && !post.platforms().contains(only)) {
                continue;
            }
            EngagementHistory.Items items = history.items(post.id(), MAX_ITEMS_PER_POST);
            complete &= !items.truncated();
            Map<String, Map<String, Object>> totals = new LinkedHashMap<>();
            for (Platform platform : post.platforms()) {
                if (only == null || platform == only) {
                    totals.put(platform.id(), counts());
                }
            }
            for (EngagementItem item : items.items()) {
                if (only != null && item.platform() != only) {
                    continue;
                }
                add(totals.computeIfAbsent(item.platform().id(), k -> counts()), item);
                Instant hour = item.at().truncatedTo(ChronoUnit.HOURS);
                Map<String, Object> bucket = hours.computeIfAbsent(hour + "|" + post.id() + "|" + item.platform().id(), k -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("hour", hour.toString());
                    b.put("postId", post.id());
                    b.put("platform", item.platform().id());
                    b.putAll(counts());
                    b.put("categories", new TreeMap<String, Long>());
                    return b;
                });
                add(bucket, item);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", post.id());
            out.put("text", post.content().text());
            out.put("dueAt", post.dueAt().toString());
            out.put("status", post.status().name());
            out.put("totals", totals);
            postsOut.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("posts", postsOut);
        body.put("hours", List.copyOf(hours.values()));
        body.put("complete", complete);
        body.put("limits", Map.of("posts", MAX_POSTS, "itemsPerPost", MAX_ITEMS_PER_POST));
        return body;
    }

    private static Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Counter counter : Counter.values()) {
            counts.put(counter.attribute(), 0L);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, ?> counts, EngagementItem item) {
        Map<String, Object> c = (Map<String, Object>) counts;
        c.merge(item.counter().attribute(), 1L, (a, b) -> (Long) a + (Long) b);
        if (c.get("categories") instanceof Map<?, ?> categories && item.category() != null) {
            ((Map<String, Long>) categories).merge(item.category(), 1L, Long::sum);
        }
    }
}
