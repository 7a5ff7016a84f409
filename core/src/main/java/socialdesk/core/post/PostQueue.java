package socialdesk.core.post;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import socialdesk.core.platform.ContentRules;

/**
 * Puts posts on the queue. Every draft is checked against the rules of each platform it targets
 * (the same rules the publisher checks again before sending), so a post that a platform would
 * refuse is turned away now, with every reason, instead of failing at 3 a.m.
 */
public final class PostQueue {
    private final PostStore store;
    private final Map<Platform, ContentRules> rules;
    private final Clock clock;

    public PostQueue(PostStore store, Map<Platform, ContentRules> rules, Clock clock) {
        this.store = store;
        this.rules = Map.copyOf(rules);
        this.clock = clock;
    }

    /**
     * Validates and queues a draft. Queueing the same id again answers the post already queued, so
     * a client that retries after a lost answer does not queue twice.
     *
     * @throws InvalidPostException naming every problem with the draft
     */
    public Post enqueue(PostDraft draft) {
        return enqueue(draft, null).post();
    }

    /**
     * Validates and queues a draft, recording {@code requestHash} (may be null) on the post; says
     * whether this call created the post or found one with the same id already there.
     *
     * @throws InvalidPostException naming every problem with the draft
     */
    public Enqueued enqueue(PostDraft draft, String requestHash) {
        List<String> problems = new ArrayList<>();
        Instant dueAt = parseDueAt(draft.dueAt(), problems);
        List<Platform> platforms = parsePlatforms(draft.platforms(), problems);
        PostContent content = new PostContent(draft.text(), draft.link(), draft.imageUrl());
        problems.addAll(contentProblems(content, platforms));
        if (draft.id() != null && !draft.id().isBlank() && !validId(draft.id())) {
            problems.add("id may use only letters, digits, '.', '_' and '-' (at most 64)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPostException(problems);
        }
        String id = draft.id() == null || draft.id().isBlank() ? UUID.randomUUID().toString() : draft.id();
        Post post = new Post(id, content, platforms, dueAt, PostStatus.QUEUED, 1, clock.instant(),
                draft.evergreen(), null, requestHash);
        if (store.create(post)) {
            return new Enqueued(post, true);
        }
        return new Enqueued(store.find(id).orElseThrow(() -> new IllegalStateException("post " + id + " vanished while queueing")), false);
    }

    /** A queued post and whether this call made it (false: the id was taken, this is the post already there). */
    public record Enqueued(Post post, boolean created) {
    }

    /** Every reason {@code content} cannot go to {@code platforms}: the link's form and each platform's rules. */
    public List<String> contentProblems(PostContent content, List<Platform> platforms) {
        List<String> problems = new ArrayList<>();
        if (content.link() != null && !content.link().matches("https?://\\S+")) {
            problems.add("link must be an http(s) URL without spaces");
        }
        if (content.imageUrl() != null && !content.imageUrl().matches("https?://\\S+")) {
            problems.add("imageUrl must be an http(s) URL without spaces");
        }
        for (Platform platform : platforms) {
            ContentRules platformRules = rules.get(platform);
            if (platformRules == null) {
                problems.add(platform.id() + ": publishing to this platform is not supported yet");
            } else {
                problems.addAll(platformRules.problems(content));
            }
        }
        return problems;
    }

    /** Whether posts to {@code platform} can be queued (its content rules are known). */
    public boolean supports(Platform platform) {
        return rules.containsKey(platform);
    }

    public static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9._-]{1,64}");
    }

    /** ISO-8601 with an offset or Z; stored as UTC. A time without an offset is ambiguous and refused. */
    public static Instant parseDueAt(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("dueAt is required (ISO-8601 with an offset, e.g. 2026-11-27T09:00:00+07:00)");
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("dueAt '" + text + "' is not an ISO-8601 time with an offset (e.g. 2026-11-27T09:00:00+07:00)");
            return null;
        }
    }

    /** Platform names to platforms, in order, without repeats; an unknown name or none at all is a problem. */
    public static List<Platform> parsePlatforms(List<String> names, List<String> problems) {
        if (names.isEmpty()) {
            problems.add("platforms must name at least one platform");
        }
        Set<Platform> platforms = new LinkedHashSet<>();
        for (String name : names) {
            try {
                platforms.add(Platform.fromId(name));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(platforms);
    }
}
