package socialdesk.core.post;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.TextCount;

/**
 * Puts posts on the queue. Every draft is checked against the rules of each platform it targets
 * (the same rules the publisher checks again before sending), so a post that a platform would
 * refuse is turned away now, with every reason, instead of failing at 3 a.m.
 */
public final class PostQueue {
    /**
     * The furthest ahead a post can be queued. A time beyond it is a typo (a year 2099 or 9999), and
     * such a post would sit unseen past every listing's default window.
     */
    public static final Duration MAX_AHEAD = Duration.ofDays(2 * 366);

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
        if (dueAt != null) {
            problems.addAll(dueAtProblems("dueAt", dueAt));
        }
        List<Platform> platforms = parsePlatforms(draft.platforms(), problems);
        PostContent content = new PostContent(draft.text(), draft.link(), draft.images());
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
        unicodeProblem("text", content.text()).ifPresent(problems::add);
        unicodeProblem("link", content.link()).ifPresent(problems::add);
        if (content.link() != null && !content.link().matches("https?://\\S+")) {
            problems.add("link must be an http(s) URL without spaces");
        }
        problems.addAll(imageProblems(content.images()));
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

    /** Each length {@code platform} limits, counted by its rules; empty when the platform has none here. */
    public List<TextCount> counts(PostContent content, Platform platform) {
        ContentRules platformRules = rules.get(platform);
        return platformRules == null ? List.of() : platformRules.counts(content);
    }

    /**
     * What every platform needs of images: at most {@value PostImage#MAX_PER_POST}, each at an http(s)
     * URL or uploaded ({@link StoredImage}) and each with alt text, since a post is read by people who cannot see it too.
     */
    static List<String> imageProblems(List<PostImage> images) {
        List<String> problems = new ArrayList<>();
        if (images.size() > PostImage.MAX_PER_POST) {
            problems.add("a post carries at most " + PostImage.MAX_PER_POST + " images, this one has " + images.size());
        }
        for (int i = 0; i < images.size(); i++) {
            PostImage image = images.get(i);
            String name = "image " + (i + 1);
            if (StoredImage.key(image.url()).isPresent()) {
                if (!StoredImage.validKey(StoredImage.key(image.url()).get())) {
                    problems.add(name + ": url " + image.url() + " is not a media:// reference POST /media gave out");
                }
            } else if (!image.url().matches("(?i)https?://[^\\s/?#]+\\S*")) {
                problems.add(name + ": url must be an http(s) URL without spaces, or a media:// reference from POST /media");
            }
            if (image.alt().isEmpty()) {
                problems.add(name + ": alt text is required (what the image shows, for people who cannot see it)");
            }
            unicodeProblem(name + "'s alt text", image.alt()).ifPresent(problems::add);
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
        return parseTime("dueAt", text, problems);
    }

    /**
     * An ISO-8601 time with an offset, optionally followed by a zone in brackets as Java and RFC 9557
     * write it ({@code 2027-01-01T09:00:00+07:00[Asia/Ho_Chi_Minh]}). The offset fixes the instant;
     * a bracketed zone must agree with it at that time, or the user meant two different times.
     */
    public static Instant parseTime(String field, String text, List<String> problems) {
        String value = text.strip();
        TemporalAccessor parsed;
        try {
            parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + text + "' is not an ISO-8601 time with an offset (e.g. 2026-11-27T09:00:00+07:00)");
            return null;
        }
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        if (offset == null) {
            problems.add(field + " '" + text + "' has no offset: add the UTC offset it is in (e.g. 2026-11-27T09:00:00+07:00)");
            return null;
        }
        LocalDateTime local = LocalDateTime.from(parsed);
        ZoneId zone = parsed.query(TemporalQueries.zoneId());
        if (zone != null && !(zone instanceof ZoneOffset) && !zone.getRules().isValidOffset(local, offset)) {
            problems.add(field + " '" + text + "': the offset " + offset + " is not " + zone.getId() + "'s offset at that time ("
                    + zone.getRules().getValidOffsets(local).stream().map(ZoneOffset::toString).reduce((a, b) -> a + " or " + b)
                            .orElse("none: that local time is skipped by a clock change") + ")");
            return null;
        }
        return local.toInstant(offset);
    }

    /** A due time too far ahead to be meant: {@link #MAX_AHEAD} from now. */
    public List<String> dueAtProblems(String field, Instant dueAt) {
        Instant latest = clock.instant().plus(MAX_AHEAD);
        if (dueAt.isAfter(latest)) {
            return List.of(field + " " + dueAt + " is more than " + MAX_AHEAD.toDays() + " days ahead (the latest accepted now is "
                    + latest.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        return List.of();
    }

    /**
     * Text that is not valid Unicode (a lone UTF-16 surrogate, which JSON's escapes can carry) cannot
     * be stored or sent as UTF-8: it would reach the platform as '?'.
     */
    static Optional<String> unicodeProblem(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(field + " is not valid Unicode: a lone UTF-16 surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ") at character " + (i + 1));
            }
        }
        return Optional.empty();
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
