package socialdesk.core.events;

import java.util.Map;

/**
 * An event for the project's EventBridge bus: {@code source} is {@code social.<area>}, the detail
 * type is PascalCase, and the detail carries ids and what a person needs to act, never secrets.
 */
public record DomainEvent(String source, String detailType, Map<String, Object> detail) {
    public DomainEvent {
        detail = Map.copyOf(detail);
    }
}
