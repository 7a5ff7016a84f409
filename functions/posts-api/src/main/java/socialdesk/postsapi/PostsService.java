package socialdesk.postsapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import socialdesk.core.json.Json;
import socialdesk.core.platform.TextCount;
import socialdesk.core.post.Delivery;
import socialdesk.core.post.InvalidPostException;
import socialdesk.core.post.Platform;
import socialdesk.core.post.Post;
import socialdesk.core.post.PostConflictException;
import socialdesk.core.post.PostContent;
import socialdesk.core.post.PostDraft;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.PostNotFoundException;
import socialdesk.core.post.PostPage;
import socialdesk.core.post.PostQuery;
import socialdesk.core.post.PostQueue;
import socialdesk.core.post.PostStatus;
import socialdesk.core.post.PostStore;
import socialdesk.core.schedule.Cadence;
import socialdesk.core.schedule.CadenceJson;
import socialdesk.core.schedule.CadenceStore;
import socialdesk.core.schedule.SlotFinder;

/**
 * What the posts API does, apart from HTTP: create (with a client token, into the next free slot),
 * list, show, edit, cancel, and posting slots. Bodies arrive parsed; every problem with one is
 * collected and reported together.
 */
final class PostsService {
    /** How far ahead "next slot" looks for a free shared slot. */
    static final Duration SLOT_HORIZON = Duration.ofDays(90);
    /** A due time this far in the past is a mistake, not a request to publish now. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(30);
    static final Duration DEFAULT_LOOK_AHEAD = Duration.ofDays(365);
    static final Duration MAX_SPAN = Duration.ofDays(732);

    private static final Set<String> CREATE_FIELDS = Set.of("text", "link", "images", "platforms", "at", "nextSlot", "evergreen",
            "clientToken");
    private static final Set<String> PATCH_FIELDS = Set.of("text", "link", "images", "platforms", "at", "nextSlot", "version");
    private static final Set<String> VALIDATE_FIELDS = Set.of("text", "link", "images", "platforms");
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "from", "to", "limit", "next");

    private final PostStore store;
    private final CadenceStore cadences;
    private final PostQueue queue;
    private final Clock clock;
    private final Uploads uploads;

    PostsService(PostStore store, CadenceStore cadences, PostQueue queue, Clock clock, Uploads uploads) {
        this.store = store;
        this.cadences = cadences;
        this.queue = queue;
        this.clock = clock;
        this.uploads = uploads;
    }

    /** {@code POST /media}: where to upload one image. */
    Map<String, Object> offerUpload(Object body) {
        return uploads.offer(body);
    }

    /** The uploaded images a post names must be in the bucket until it is due, and within each platform's size. */
    private void requireUploads(List<PostImage> images, Instant dueAt, List<Platform> platforms) {
        List<String> problems = uploads.problems(images, dueAt, platforms);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    /** A created post and whether this request made it (false: a retry with the same client token). */
    record Created(Post post, boolean created) {
    }

    Created create(Object body) {
        Map<String, Object> fields = object(body);
        List<String> problems = new ArrayList<>();
        unknownFields(fields, CREATE_FIELDS, problems);
        String text = optionalString(fields, "text", problems);
        String link = optionalString(fields, "link", problems);
        List<PostImage> images = images(fields.get("images"), problems);
        if ((text == null || text.isBlank()) && link == null && !problems.contains("text must be a string")) {
            problems.add("text is required (or a link)");
        }
        List<Platform> platforms = platforms(fields.get("platforms"), problems);
        boolean evergreen = Boolean.TRUE.equals(optionalBoolean(fields, "evergreen", problems));
        String token = optionalString(fields, "clientToken", problems);
        if (token != null && !token.matches("[\\x21-\\x7E]{1,128}")) {
            problems.add("clientToken must be 1 to 128 visible ASCII characters");
        }
        PostContent content = new PostContent(text, link, images);
        problems.addAll(queue.contentProblems(content, platforms));
        Instant at = when(fields, true, problems);
        boolean nextSlot = !fields.containsKey("at") && Boolean.TRUE.equals(fields.get("nextSlot"));
        List<Cadence> slotCadences = nextSlot ? cadencesOf(platforms, problems) : List.of();
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String hash = token == null ? null : requestHash(fields);
        String id = token == null ? null : tokenPostId(token);
        if (id != null) {
            Post existing = store.find(id).orElse(null);
            if (existing != null) {
                return replay(existing, hash);
            }
        }
        Instant dueAt = nextSlot ? nextFreeSlot(slotCadences, null) : at;
        requireUploads(images, dueAt, platforms);
        PostDraft draft = new PostDraft(id, text, link, images, platforms.stream().map(Platform::id).toList(), dueAt.toString(), evergreen);
        PostQueue.Enqueued enqueued;
        try {
            enqueued = queue.enqueue(draft, hash);
        } catch (InvalidPostException e) {
            throw ApiException.invalid(e.problems());
        }
        return enqueued.created() ? new Created(enqueued.post(), true) : replay(enqueued.post(), hash);
    }

    /**
     * What the composer shows while a person types: each platform's counts and every problem the
     * content has, by the same rules {@link #create} applies, so counting is never written twice.
     *
     * @param counts   each chosen platform's lengths, in the order given
     * @param problems every reason the content would be refused; empty when it can be queued
     */
    record Validation(Map<Platform, List<TextCount>> counts, List<String> problems) {
    }

    Validation validate(Object body) {
        Map<String, Object> fields = object(body);
        List<String> problems = new ArrayList<>();
        unknownFields(fields, VALIDATE_FIELDS, problems);
        String text = optionalString(fields, "text", problems);
        String link = optionalString(fields, "link", problems);
        List<PostImage> images = images(fields.get("images"), problems);
        if ((text == null || text.isBlank()) && link == null && !problems.contains("text must be a string")) {
            problems.add("text is required (or a link)");
        }
        List<Platform> platforms = platforms(fields.get("platforms"), problems);
        PostContent content = new PostContent(text, link, images);
        problems.addAll(queue.contentProblems(content, platforms));
        Map<Platform, List<TextCount>> counts = new LinkedHashMap<>();
        platforms.forEach(platform -> counts.put(platform, queue.counts(content, platform)));
        return new Validation(counts, List.copyOf(new java.util.LinkedHashSet<>(problems)));
    }

    /** A second request with a client token already used: the same post if it is the same request. */
    private static Created replay(Post existing, String hash) {
        if (hash == null || !hash.equals(existing.requestHash())) {
            throw new ApiException(422, PostConflictException.TOKEN_REUSED,
                    "this clientToken was used for a different request (post " + existing.id() + "); use a new token for a new post");
        }
        return new Created(existing, false);
    }

    PostPage list(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        parameters.keySet().stream().filter(k -> !LIST_PARAMETERS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown query parameter '" + k + "' (use " + String.join(", ", LIST_PARAMETERS.stream().sorted().toList()) + ")"));
        Set<PostStatus> statuses = EnumSet.noneOf(PostStatus.class);
        String status = parameters.get("status");
        if (status != null) {
            for (String name : status.split(",")) {
                try {
                    statuses.add(PostStatus.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add("status '" + name.strip() + "' is not one of " + List.of(PostStatus.values()));
                }
            }
        }
        Instant now = clock.instant();
        Instant from = instantParameter(parameters, "from", false, problems);
        Instant to = instantParameter(parameters, "to", true, problems);
        if (from == null) {
            from = to != null && to.isBefore(now) ? to.minus(DEFAULT_LOOK_BACK) : now.minus(DEFAULT_LOOK_BACK);
        }
        if (to == null) {
            to = from.plus(DEFAULT_LOOK_AHEAD);
        }
        if (to.isBefore(from)) {
            problems.add("to is before from");
        } else if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            problems.add("from and to may be at most " + MAX_SPAN.toDays() + " days apart");
        }
        int limit = DEFAULT_LIMIT;
        String limitText = parameters.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                problems.add("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return store.list(new PostQuery(statuses, from, to, limit, parameters.get("next")));
    }

    Post get(String id) {
        return store.find(id).orElseThrow(() -> new PostNotFoundException(id));
    }

    /** The post's delivery on each of its platforms, pending where none is recorded yet. */
    List<Delivery> deliveries(Post post) {
        List<Delivery> recorded = store.deliveries(post.id());
        return post.platforms().stream()
                .map(p -> recorded.stream().filter(d -> d.platform() == p).findFirst().orElseGet(() -> Delivery.pending(post.id(), p)))
                .toList();
    }

    private static final Set<String> DECISION_FIELDS = Set.of("url", "remoteId", "note");
    private static final int MAX_NOTE = 500;

    /**
     * A person's decision about an UNCERTAIN delivery: {@code confirm} (the post is on the platform;
     * optional {@code url} and {@code remoteId}) or {@code resend} (it is not). The body is optional
     * and may carry a {@code note}; who decided, what and when is kept on the delivery.
     */
    Delivery decide(String id, Platform platform, boolean confirm, Object body, String caller) {
        Map<String, Object> fields = body == null ? Map.of() : object(body);
        List<String> problems = new ArrayList<>();
        unknownFields(fields, DECISION_FIELDS, problems);
        String url = optionalString(fields, "url", problems);
        String remoteId = optionalString(fields, "remoteId", problems);
        String note = optionalString(fields, "note", problems);
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            problems.add("url must be an http(s) URL");
        }
        if (!confirm && (url != null || remoteId != null)) {
            problems.add("url and remoteId describe a post that is there: use confirm, not resend");
        }
        if (note != null && note.length() > MAX_NOTE) {
            problems.add("note is longer than " + MAX_NOTE + " characters");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "validation_failed", "the decision has " + problems.size() + " problem(s)", problems);
        }
        Instant now = clock.instant();
        String decision = (confirm ? "confirmed on the platform" : "resend requested") + " by " + caller + " at " + now
                + (note == null || note.isBlank() ? "" : ": " + note.strip());
        return confirm ? store.confirmUncertain(id, platform, remoteId, url, decision)
                : store.resendUncertain(id, platform, now, decision);
    }

    Post update(String id, Object body) {
        Map<String, Object> fields = object(body);
        List<String> problems = new ArrayList<>();
        unknownFields(fields, PATCH_FIELDS, problems);
        if (fields.isEmpty()) {
            problems.add("nothing to change: give text, link, images, platforms, at or nextSlot");
        }
        String text = optionalString(fields, "text", problems);
        String link = optionalString(fields, "link", problems);
        List<PostImage> images = fields.containsKey("images") ? images(fields.get("images"), problems) : null;
        List<Platform> platforms = fields.containsKey("platforms") ? platforms(fields.get("platforms"), problems) : null;
        Instant at = fields.containsKey("at") || fields.containsKey("nextSlot") ? when(fields, true, problems) : null;
        boolean nextSlot = !fields.containsKey("at") && Boolean.TRUE.equals(fields.get("nextSlot"));
        Long version = null;
        if (fields.containsKey("version")) {
            if (fields.get("version") instanceof Long v && v > 0) {
                version = v;
            } else {
                problems.add("version must be a positive whole number (the version you read)");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Post current = get(id);
        requireQueued(current, "changed");
        if (version != null && version != current.version()) {
            throw new PostConflictException(PostConflictException.VERSION_MISMATCH,
                    "post " + id + " is at version " + current.version() + ", not " + version + "; read it again");
        }
        PostContent content = new PostContent(fields.containsKey("text") ? text : current.content().text(),
                fields.containsKey("link") ? link : current.content().link(), images != null ? images : current.content().images());
        List<Platform> newPlatforms = platforms != null ? platforms : current.platforms();
        problems.addAll(queue.contentProblems(content, newPlatforms));
        if (content.text().isBlank() && content.link() == null) {
            problems.add("text is required (or a link)");
        }
        List<Cadence> slotCadences = nextSlot ? cadencesOf(newPlatforms, problems) : List.of();
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Instant dueAt = nextSlot ? nextFreeSlot(slotCadences, current) : at != null ? at : current.dueAt();
        requireUploads(content.images(), dueAt, newPlatforms);
        return store.updateQueued(current.revised(content, newPlatforms, dueAt), current.version());
    }

    /** A cancelled post, and whether it was cancelled before this call (then nothing changed). */
    record Cancellation(Post post, boolean alreadyCancelled) {
    }

    /**
     * Cancels a queued post. The read before the write only tells the caller whether this call
     * cancelled it: two cancels racing may both answer "cancelled", never a wrong post state.
     */
    Cancellation cancel(String id) {
        boolean alreadyCancelled = store.find(id).map(post -> post.status() == PostStatus.CANCELLED).orElse(false);
        return new Cancellation(store.cancel(id), alreadyCancelled);
    }

    Cadence putCadence(Platform platform, Object body) {
        Cadence cadence = CadenceJson.parse(platform, body);
        cadences.put(cadence);
        return cadence;
    }

    Cadence getCadence(Platform platform) {
        return cadences.find(platform).orElseThrow(() -> new ApiException(404, "cadence_not_found",
                "no posting slots are set for " + platform.id() + " (PUT /cadence/" + platform.id() + ")"));
    }

    private static void requireQueued(Post post, String verb) {
        switch (post.status()) {
            case QUEUED -> { }
            case CANCELLED -> throw new PostConflictException(PostConflictException.CANCELLED,
                    "post " + post.id() + " is cancelled and cannot be " + verb);
            default -> throw new PostConflictException(PostConflictException.PUBLISHING_STARTED,
                    "post " + post.id() + " is " + post.status() + ": publishing has started, it can no longer be " + verb);
        }
    }

    /** The earliest slot shared by every cadence and free on each of their platforms ({@code moving}'s own time excepted). */
    private Instant nextFreeSlot(List<Cadence> slotCadences, Post moving) {
        Instant now = clock.instant();
        Map<Platform, Set<Instant>> taken = new EnumMap<>(Platform.class);
        for (Post post : store.scheduled(now, now.plus(SLOT_HORIZON))) {
            if (moving != null && post.id().equals(moving.id())) {
                continue;
            }
            for (Platform platform : post.platforms()) {
                taken.computeIfAbsent(platform, p -> new HashSet<>()).add(post.dueAt());
            }
        }
        return SlotFinder.earliestFree(slotCadences, taken, now, now.plus(SLOT_HORIZON))
                .orElseThrow(() -> new PostConflictException(PostConflictException.NO_FREE_SLOT,
                        "no posting slot shared by " + slotCadences.stream().map(c -> c.platform().id()).toList()
                                + " is free in the next " + SLOT_HORIZON.toDays() + " days; give a time with 'at'"));
    }

    private List<Cadence> cadencesOf(List<Platform> platforms, List<String> problems) {
        List<Cadence> found = new ArrayList<>();
        for (Platform platform : platforms) {
            cadences.find(platform).filter(Cadence::hasSlots).ifPresentOrElse(found::add,
                    () -> problems.add(platform.id() + ": no posting slots are set, so nextSlot cannot be used (PUT /cadence/" + platform.id() + ")"));
        }
        return found;
    }

    /** {@code at} (a time with an offset, not in the past) or {@code nextSlot: true}: exactly one. Null for next slot. */
    private Instant when(Map<String, Object> fields, boolean required, List<String> problems) {
        Object at = fields.get("at");
        Object nextSlot = fields.get("nextSlot");
        if (nextSlot != null && !(nextSlot instanceof Boolean)) {
            problems.add("nextSlot must be true or false");
            return null;
        }
        boolean wantsSlot = Boolean.TRUE.equals(nextSlot);
        if (at != null && wantsSlot) {
            problems.add("give either at or nextSlot: true, not both");
            return null;
        }
        if (wantsSlot) {
            return null;
        }
        if (at == null) {
            if (required) {
                problems.add("at (ISO-8601 with an offset, e.g. 2026-11-27T09:00:00+07:00) or nextSlot: true is required");
            }
            return null;
        }
        if (!(at instanceof String text)) {
            problems.add("at must be a string (ISO-8601 with an offset, e.g. 2026-11-27T09:00:00+07:00)");
            return null;
        }
        Instant instant = PostQueue.parseTime("at", text, problems);
        if (instant != null && instant.isBefore(clock.instant().minus(PAST_TOLERANCE))) {
            problems.add("at " + text + " is in the past");
        } else if (instant != null) {
            problems.addAll(queue.dueAtProblems("at", instant));
        }
        return instant;
    }

    private static List<Platform> platforms(Object value, List<String> problems) {
        if (value == null) {
            problems.add("platforms must name at least one platform");
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            problems.add("platforms must be a list of platform names, e.g. [\"mastodon\", \"bluesky\"]");
            return List.of();
        }
        return PostQueue.parsePlatforms(list.stream().map(String.class::cast).toList(), problems);
    }

    /**
     * {@code images}: a list of objects {@code {"url": "https://...", "alt": "what it shows"}}, or
     * absent for none. Limits (how many, alt text, formats) are checked with the platforms' rules.
     */
    private static List<PostImage> images(Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add("images must be a list of {\"url\": ..., \"alt\": ...} objects");
            return List.of();
        }
        List<PostImage> images = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String name = "image " + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> image)) {
                problems.add(name + " must be an object {\"url\": ..., \"alt\": ...}");
                continue;
            }
            image.keySet().stream().map(String::valueOf).filter(k -> !k.equals("url") && !k.equals("alt")).sorted()
                    .forEach(k -> problems.add(name + ": unknown field '" + k + "' (known: alt, url)"));
            if (!(image.get("url") instanceof String url)) {
                problems.add(name + ": url is required and must be a string");
                continue;
            }
            Object alt = image.get("alt");
            if (alt != null && !(alt instanceof String)) {
                problems.add(name + ": alt must be a string");
                continue;
            }
            images.add(new PostImage(url, (String) alt));
        }
        return images;
    }

    static Instant instantParameter(Map<String, String> parameters, String name, boolean endOfDay, List<String> problems) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                LocalDate day = LocalDate.parse(value.strip());
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(name + " '" + value + "' is not a date (2026-11-27, UTC) or an ISO-8601 time with an offset");
                return null;
            }
        }
        return PostQueue.parseTime(name, value, problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw new ApiException(400, "invalid_body", "the body must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static void unknownFields(Map<String, Object> fields, Set<String> known, List<String> problems) {
        fields.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> problems.add("unknown field '" + k + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
    }

    private static String optionalString(Map<String, Object> fields, String name, List<String> problems) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.add(name + " must be a string");
        return null;
    }

    private static Boolean optionalBoolean(Map<String, Object> fields, String name, List<String> problems) {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        problems.add(name + " must be true or false");
        return null;
    }

    /** The post id a client token maps to: the same token always names the same post. */
    static String tokenPostId(String token) {
        return "ct-" + HexFormat.of().formatHex(sha256(token), 0, 16);
    }

    /** A fingerprint of what was asked for (not of the slot it got), so a retry of the same request matches. */
    static String requestHash(Map<String, Object> fields) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (String name : List.of("text", "link", "platforms", "at", "nextSlot", "evergreen")) {
            canonical.put(name, fields.get(name));
        }
        if (fields.get("images") instanceof List<?> images) {
            // Only when given, so hashes of posts made before images still match; each image's keys in
            // one order, so the same request sent with them in another is still the same request.
            canonical.put("images", images.stream().map(PostsService::canonicalImage).toList());
        }
        return HexFormat.of().formatHex(sha256(Json.write(canonical)));
    }

    private static Object canonicalImage(Object image) {
        if (!(image instanceof Map<?, ?> fields)) {
            return image;
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("url", fields.get("url"));
        canonical.put("alt", fields.get("alt"));
        return canonical;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
