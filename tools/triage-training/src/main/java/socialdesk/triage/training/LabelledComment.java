package socialdesk.triage.training;

import java.util.Objects;
import socialdesk.core.triage.Category;

/**
 * One labelled text for training or measuring the triage.
 *
 * @param source   the file it came from, relative to {@code data/} (sorting by source and id makes training deterministic)
 * @param id       its id in that file
 * @param text     the comment
 * @param lang     {@code en} or {@code vi}, or null when not stated
 * @param category the label
 * @param severity the labelled severity ({@code high}, {@code medium}, {@code low}, {@code none}), or null
 * @param business the business it was written to, or the corpus name for public corpora: cross-validation groups by it
 */
public record LabelledComment(String source, String id, String text, String lang, Category category, String severity,
                              String business) {
    public LabelledComment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(business, "business");
    }
}
