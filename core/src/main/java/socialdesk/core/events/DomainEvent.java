package socialdesk.core.events;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event for the project's EventBridge bus: {@code source} is {@code social.<area>}, the detail
 * type is PascalCase, and the detail carries ids and what a person needs to act, never secrets.
 *
 * <p>{@code id} is stable for the fact the event reports: the same in every delivery of it (a
 * writer's own PutEvents and an outbox sweep after a crash), so a consumer dedupes on it. It
 * travels in the detail as {@value #ID_FIELD}, the first key; EventBridge's envelope {@code id} is
 * new for every PutEvents and cannot serve.
 */
public record DomainEvent(String id, String source, String detailType, Map<String, Object> detail) {
    /** The detail field that carries {@link #id}. */
    public static final String ID_FIELD = "eventId";

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Map<String, Object> withId = new LinkedHashMap<>();
        withId.put(ID_FIELD, id);
        detail.forEach((k, v) -> {
            if (!ID_FIELD.equals(k)) {
                withId.put(k, v);
            }
        });
        detail = Collections.unmodifiableMap(withId);
    }

    /**
     * An event whose id is derived from its detail type and {@code naturalKey} (what makes this fact
     * this fact: a post id, a comment id and its version, ...), as a name-based UUID.
     */
    public static DomainEvent of(String source, String detailType, String naturalKey, Map<String, Object> detail) {
        return new DomainEvent(stableId(detailType, naturalKey), source, detailType, detail);
    }

    static String stableId(String detailType, String naturalKey) {
        return UUID.nameUUIDFromBytes((detailType + "/" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
