package socialdesk.core.reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.events.EventPublisher;
import socialdesk.core.log.JsonLog;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.metrics.Metric;
import socialdesk.core.post.Platform;
import socialdesk.core.post.PostContent;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.reply.ReplyRefusedException.Reason;

/**
 * A person answers, hides or dismisses a comment; the desk does it once, on the platform, in the
 * comment's thread, and records it on the comment.
 *
 * <h2>Exactly once</h2>
 * The reply is an item of its own, claimed with one conditional write before anything is sent: of
 * two concurrent requests (a double click) one claims and sends, the other is told the reply is
 * under way; a retry after the reply went out answers the reply already sent. When the platform's
 * answer is lost (a timeout), a platform with an idempotency key (Mastodon, Bluesky's record key)
 * gets the same key again on the next request and answers the reply it made the first time; on the
 * others the reply becomes UNCERTAIN and is never resent by the desk: a person looks at the thread.
 *
 * <h2>Calm by construction</h2>
 * Every reply's text goes through the same triage as the comments; one that reads as ABUSE (the
 * person lashing out) is refused with an explanation unless the request confirms it explicitly, and
 * a confirmed one is logged with who confirmed it.
 */
public final class CommentReplies {
    /** How long a claim is held by the request sending it: longer than the function's timeout. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private final ReplyStore store;
    private final Responders responders;
    private final CommentTriager triager;
    private final EventPublisher events;
    private final Clock clock;
    private final DeskMetrics metrics;

    public CommentReplies(ReplyStore store, Responders responders, CommentTriager triager, EventPublisher events,
                          Clock clock, DeskMetrics metrics) {
        this.store = store;
        this.responders = responders;
        this.triager = triager;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What a reply request came to. {@code alreadySent}: an earlier request sent it; nothing new was posted. */
    public record Result(Reply reply, boolean alreadySent) {
    }

    public TrackedComment comment(Platform platform, String commentId) {
        return store.findComment(platform, commentId).orElseThrow(() -> new ReplyRefusedException(Reason.COMMENT_NOT_FOUND,
                "no " + platform.id() + " comment '" + commentId + "' is stored"));
    }

    public Result reply(ReplyCommand command) {
        TrackedComment tracked = comment(command.platform(), command.commentId());
        StoredComment comment = tracked.stored();
        CommentResponder responder = responder(command.platform());
        String text = responder.threadText(text(command, comment.verdict()), comment.comment().author());
        List<String> problems = responder.rules().problems(new PostContent(text, null));
        if (!problems.isEmpty()) {
            throw new ReplyRefusedException(Reason.VALIDATION_FAILED, "the reply breaks " + command.platform().id()
                    + "'s rules", problems);
        }
        boolean confirmedLashOut = guard(command, comment, text);

        Instant now = clock.instant();
        Reply existing = store.findReply(comment.ownerId(), comment.platform(), command.commentId()).orElse(null);
        if (existing != null && existing.status() == ReplyStatus.SENT) {
            return alreadySent(existing, text);
        }
        if (comment.removed()) {
            throw new ReplyRefusedException(Reason.COMMENT_REMOVED, "the comment was deleted on " + command.platform().id());
        }
        int attempt = existing == null ? 1 : existing.status() == ReplyStatus.FAILED ? existing.attempt() + 1 : existing.attempt();
        boolean resendable = existing != null && existing.status() == ReplyStatus.SENDING && resendable(responder, existing, now);
        if (existing != null && existing.status() == ReplyStatus.SENDING && resendable && !existing.text().equals(text)) {
            throw new ReplyRefusedException(Reason.REPLY_IN_PROGRESS, "a different reply to this comment was sent and its "
                    + "outcome is not known yet; repeat that request (same text) to finish it");
        }
        // A resend keeps the first send's time: Bluesky's record key is derived from it.
        Instant requestedAt = resendable ? existing.requestedAt() : now;
        Reply claim = new Reply(comment.ownerId(), comment.platform(), command.commentId(), text, command.approvedBy(),
                ReplyStatus.SENDING, attempt, requestedAt, now.plus(LEASE), null, null, null, null, confirmedLashOut);
        if (!store.claim(claim, now, resendable)) {
            return lostClaim(comment, responder, text, now);
        }
        return send(tracked, responder, claim);
    }

    private String text(ReplyCommand command, CommentVerdict verdict) {
        if (command.acceptSuggestion()) {
            if (command.text() != null && !command.text().isBlank()) {
                throw new ReplyRefusedException(Reason.INVALID_REQUEST, "give either a text or accept the suggestion, not both");
            }
            if (verdict.suggestedReply() == null || verdict.suggestedReply().isBlank()) {
                throw new ReplyRefusedException(Reason.NO_SUGGESTION, "triage suggested no reply for this comment ("
                        + verdict.category() + (verdict.action() == null ? "" : ", advice " + verdict.action()) + "); write one");
            }
            return verdict.suggestedReply().strip();
        }
        if (command.text() == null || command.text().isBlank()) {
            throw new ReplyRefusedException(Reason.INVALID_REQUEST, "the reply has no text; give a text or accept the suggestion");
        }
        return command.text().strip();
    }

    private CommentResponder responder(Platform platform) {
        responders.cannotReply(platform).ifPresent(why -> {
            throw new ReplyRefusedException(Reason.PLATFORM_CANNOT, why);
        });
        return responders.find(platform).orElseThrow(() -> new ReplyRefusedException(Reason.PLATFORM_NOT_CONFIGURED,
                "no " + platform.id() + " account is configured"));
    }

    /** The lash-out guard: true when the text reads as abuse and the person confirmed it. */
    private boolean guard(ReplyCommand command, StoredComment comment, String text) {
        CommentVerdict verdict = triager.triage(text, comment.verdict().lang().equals("und") ? null : comment.verdict().lang());
        if (verdict == null || !"ABUSE".equals(verdict.category())) {
            return false;
        }
        if (!command.confirmLashOut()) {
            throw new ReplyRefusedException(Reason.READS_AS_ABUSE, "the reply reads as abuse (" + String.join(", ", verdict.reasons())
                    + "); the desk answers calmly in public. Rewrite it, or confirm explicitly that this text must go out",
                    verdict.reasons());
        }
        JsonLog.info("reply read as abuse; sent on explicit confirmation", "platform", command.platform().id(),
                "commentId", command.commentId(), "approvedBy", command.approvedBy(), "reasons", verdict.reasons());
        return true;
    }

    private static boolean resendable(CommentResponder responder, Reply existing, Instant now) {
        return responder.idempotent() && existing.leaseUntil() != null && existing.leaseUntil().isBefore(now)
                && existing.requestedAt().plus(responder.idempotencyWindow()).isAfter(now);
    }

    private static Result alreadySent(Reply sent, String text) {
        if (!sent.text().equals(text)) {
            throw new ReplyRefusedException(Reason.ALREADY_ANSWERED, "this comment was answered already"
                    + (sent.url() == null ? "" : " (" + sent.url() + ")") + " by " + sent.approvedBy() + "; a comment gets one reply");
        }
        return new Result(sent, true);
    }

    /** Another request holds (or held) the claim: say what it came to. */
    private Result lostClaim(StoredComment comment, CommentResponder responder, String text, Instant now) {
        Reply other = store.findReply(comment.ownerId(), comment.platform(), comment.comment().id())
                .orElseThrow(() -> new ReplyRefusedException(Reason.REPLY_IN_PROGRESS, "another request is answering this comment"));
        return switch (other.status()) {
            case SENT -> alreadySent(other, text);
            case UNCERTAIN -> throw uncertain(other);
            case FAILED -> throw new ReplyRefusedException(Reason.REPLY_IN_PROGRESS, "another request is answering this comment; try again");
            case SENDING -> {
                if (other.leaseUntil() != null && other.leaseUntil().isBefore(now) && !responder.idempotent()) {
                    // The request that claimed it died without telling: whether it posted is unknown.
                    store.markUncertain(other, "the request sending it ended without recording the platform's answer");
                    throw uncertain(other);
                }
                throw new ReplyRefusedException(Reason.REPLY_IN_PROGRESS, "another request is answering this comment right now; "
                        + "ask again in a minute to see its outcome");
            }
        };
    }

    private static ReplyRefusedException uncertain(Reply reply) {
        return new ReplyRefusedException(Reason.REPLY_UNCERTAIN, "an earlier reply to this comment may or may not have been "
                + "posted (" + (reply.lastError() == null ? "the platform's answer was lost" : reply.lastError())
                + "); the desk will not post it again on its own: check the thread on " + reply.platform().id());
    }

    private Result send(TrackedComment tracked, CommentResponder responder, Reply claim) {
        StoredComment comment = tracked.stored();
        PublishOutcome outcome = responder.reply(new ReplyRequest(claim.commentId(), comment.remotePostId(), claim.text(),
                claim.idempotencyKey(), claim.requestedAt()));
        switch (outcome) {
            case PublishOutcome.Published p -> {
                Instant at = clock.instant();
                store.markSent(claim, p.remoteId(), p.url(), at);
                Reply sent = new Reply(claim.ownerId(), claim.platform(), claim.commentId(), claim.text(), claim.approvedBy(),
                        ReplyStatus.SENT, claim.attempt(), claim.requestedAt(), null, p.remoteId(), p.url(), at, null,
                        claim.lashOutConfirmed());
                store.answered(tracked, sent);
                Duration waited = Duration.between(comment.comment().at(), at);
                if (waited.isNegative()) {
                    waited = Duration.ZERO;
                }
                metrics.add(Metric.COMMENT_RESPONSE_TIME, waited.toMillis(), comment.platform().id(), comment.verdict().severity());
                publishAnswered(comment, sent, waited);
                JsonLog.info("comment answered", "platform", comment.platform().id(), "commentId", claim.commentId(),
                        "replyId", p.remoteId(), "approvedBy", claim.approvedBy(), "waitedSeconds", waited.toSeconds());
                return new Result(sent, false);
            }
            case PublishOutcome.Transient t -> {
                if (responder.idempotent()) {
                    store.release(claim);
                    throw new ReplyRefusedException(Reason.PLATFORM_UNAVAILABLE, t.reason()
                            + "; repeat the same request: the platform recognises the retry, so it cannot post twice");
                }
                store.markUncertain(claim, t.reason());
                throw uncertain(claim.withStatus(ReplyStatus.UNCERTAIN));
            }
            case PublishOutcome.Permanent p -> {
                store.markFailed(claim, p.reason());
                throw new ReplyRefusedException(Reason.PLATFORM_REFUSED, p.reason());
            }
            case PublishOutcome.CredentialsRejected c -> {
                store.markFailed(claim, c.reason());
                throw new ReplyRefusedException(Reason.CREDENTIALS_REJECTED, c.reason());
            }
        }
    }

    /** The event is told after the reply is recorded; a failed PutEvents is logged, never a reason to post again. */
    private void publishAnswered(StoredComment comment, Reply sent, Duration waited) {
        try {
            events.publish(List.of(CommentAnsweredEvent.of(comment, sent, waited)));
        } catch (RuntimeException e) {
            JsonLog.error("CommentAnswered not published", "platform", comment.platform().id(),
                    "commentId", comment.comment().id(), "error", e.getClass().getSimpleName());
        }
    }

    /** Hides or shows a comment on the platform and records it; never deletes, never blocks anyone. */
    public TrackedComment hide(Platform platform, String commentId, boolean hidden, String by) {
        TrackedComment tracked = comment(platform, commentId);
        if (tracked.stored().removed()) {
            throw new ReplyRefusedException(Reason.COMMENT_REMOVED, "the comment was deleted on " + platform.id());
        }
        CommentResponder responder = responders.find(platform).orElseThrow(() -> new ReplyRefusedException(
                Reason.PLATFORM_NOT_CONFIGURED, "no " + platform.id() + " account is configured"));
        PublishOutcome outcome = responder.setHidden(new HideRequest(commentId, tracked.stored().remotePostId()), hidden);
        switch (outcome) {
            case PublishOutcome.Published p -> {
                Instant at = clock.instant();
                store.hidden(tracked, hidden, by, at);
                JsonLog.info(hidden ? "comment hidden" : "comment shown again", "platform", platform.id(), "commentId", commentId, "by", by);
                return store.findComment(platform, commentId).orElse(tracked);
            }
            case PublishOutcome.Transient t -> throw new ReplyRefusedException(Reason.PLATFORM_UNAVAILABLE,
                    t.reason() + "; hiding is safe to repeat");
            case PublishOutcome.Permanent p -> throw new ReplyRefusedException(Reason.PLATFORM_CANNOT, p.reason());
            case PublishOutcome.CredentialsRejected c -> throw new ReplyRefusedException(Reason.CREDENTIALS_REJECTED, c.reason());
        }
    }

    /** A person decides the comment needs no answer. */
    public TrackedComment dismiss(Platform platform, String commentId, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new ReplyRefusedException(Reason.INVALID_REQUEST, "say why the comment needs no answer (a reason)");
        }
        TrackedComment tracked = comment(platform, commentId);
        if (tracked.state() == CommentState.ANSWERED) {
            throw new ReplyRefusedException(Reason.ALREADY_ANSWERED, "the comment was answered already");
        }
        store.dismissed(tracked, reason.strip(), by, clock.instant());
        return store.findComment(platform, commentId).orElse(tracked);
    }
}
