package socialdesk.core.triage;

import java.util.Objects;

/**
 * What a person on the desk is advised to do with a flagged comment.
 *
 * @param action what to do
 * @param topic  the subject detected in a concern ({@link Topic#GENERAL} when none stood out)
 * @param reply  a calm public reply in the comment's language, or null when the advice is not to reply
 * @param note   a short note for the person on the desk (never shown publicly)
 */
public record SuggestedResponse(Action action, Topic topic, String reply, String note) {
    public SuggestedResponse {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(note, "note");
    }
}
