package socialdesk.core.post;

import java.time.Instant;

/**
 * The mark a claim leaves on a post before any request leaves: sends may be under way. Written in
 * the claim's own conditional write and removed by the release, so a mark found by the next claim
 * means the run that left it died (or lost its lease) with sends whose outcome nobody recorded.
 *
 * @param at          when the claim was taken, so no send of that run started earlier
 * @param attempt     the post's claim number (1 for the first run that took it)
 * @param fingerprint {@link PostContent#fingerprint()} of the content that run was sending
 * @param owner       the run that left it
 */
public record InFlight(Instant at, int attempt, String fingerprint, String owner) {
}
