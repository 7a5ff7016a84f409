package socialdesk.aws.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.aws.testing.Dynalite;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.engagement.Triage;
import socialdesk.core.events.DomainEvent;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.platform.ContentRules;
import socialdesk.core.platform.PlatformRules;
import socialdesk.core.post.Platform;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.reply.CommentReplies;
import socialdesk.core.reply.CommentResponder;
import socialdesk.core.reply.CommentState;
import socialdesk.core.reply.HideRequest;
import socialdesk.core.reply.ReplyCommand;
import socialdesk.core.reply.ReplyRefusedException;
import socialdesk.core.reply.ReplyRefusedException.Reason;
import socialdesk.core.reply.ReplyRequest;
import socialdesk.core.reply.ReplyStatus;
import socialdesk.core.reply.Responders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reply flow with the real stores against dynalite and a platform double that records every
 * send: exactly once under a double click and under a lost answer, the state machine, the events,
 * the response-time figure, and the lash-out guard with the desk's own triage in English and
 * Vietnamese. The adapters' own calls are tested against each platform's loopback fake in
 * infra/platforms.
 */
class CommentRepliesAgainstDynaliteTest {
    private static final Instant WRITTEN = Instant.parse("2026-12-01T09:00:00Z");
    private static final CommentVerdict CONCERN = new CommentVerdict("CONCERN", "high", true, "en",
            List.of("charged twice"), "REPLY", "We're sorry about the double charge. Please send us a private message with your order number and we'll fix it today.");
    private static final CommentVerdict CONCERN_VI = new CommentVerdict("CONCERN", "medium", true, "vi",
            List.of("giao hàng chậm"), "REPLY", "Chúng tôi rất tiếc. Vui lòng nhắn tin riêng cho chúng tôi mã đơn hàng.");

    private final MutableClock clock = new MutableClock(WRITTEN.plus(Duration.ofMinutes(42)));
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> metrics = new CopyOnWriteArrayList<>();
    private DynamoEngagementStore engagement;
    private DynamoReplyStore store;
    private RecordingPlatform mastodon;
    private RecordingPlatform facebook;

    /** The server's client; another tier runs the same tests on its own server (tests/moto). */
    DynamoDbClient dynamo() {
        return Dynalite.shared().client();
    }

    /** A new, active table with the project's key schema; answers its name. */
    String createTable() {
        return Dynalite.shared().createTable();
    }

    @BeforeEach
    void freshTable() {
        DynamoDbClient dynamo = dynamo();
        String table = createTable();
        engagement = new DynamoEngagementStore(dynamo, table);
        store = new DynamoReplyStore(dynamo, table);
        mastodon = new RecordingPlatform(Platform.MASTODON, true);
        facebook = new RecordingPlatform(Platform.FACEBOOK, false);
    }

    private CommentReplies replies() {
        Map<Platform, CommentResponder> configured = Map.of(Platform.MASTODON, mastodon, Platform.FACEBOOK, facebook);
        Responders responders = new Responders() {
            @Override
            public Optional<CommentResponder> find(Platform platform) {
                return Optional.ofNullable(configured.get(platform));
            }

            @Override
            public Optional<String> cannotReply(Platform platform) {
                return platform == Platform.DISCORD ? Optional.of("discord: a webhook only posts") : Optional.empty();
            }
        };
        DeskMetrics recorded = (metric, value, dims) -> metrics.add(metric.metricName() + "=" + (long) value + " " + String.join(",", dims));
        return new CommentReplies(store, responders, Triage.standard(), events::addAll, clock, recorded);
    }

    private StoredComment stored(Platform platform, String id, CommentVerdict verdict) {
        StoredComment c = new StoredComment("post-1", platform, "remote-1",
                new Comment(id, CommentKind.REPLY, new Author("u1", "Minh"), "I was charged twice and nobody answers", null, WRITTEN),
                verdict, false);
        assertTrue(engagement.putCommentOnce(c, new socialdesk.core.events.Announcement(java.util.List.of(), java.time.Instant.EPOCH)).isPresent());
        return c;
    }

    private static ReplyCommand accept(Platform platform, String id) {
        return new ReplyCommand(platform, id, null, true, "arn:aws:iam::123:user/ana", false);
    }

    @Test
    void acceptsTheSuggestionPostsItOnceAndRecordsTheCommentAnswered() {
        stored(Platform.FACEBOOK, "c1", CONCERN);

        CommentReplies.Result result = replies().reply(accept(Platform.FACEBOOK, "c1"));

        assertFalse(result.alreadySent());
        assertEquals(List.of(CONCERN.suggestedReply()), facebook.texts());
        assertEquals(ReplyStatus.SENT, result.reply().status());
        var tracked = store.findComment(Platform.FACEBOOK, "c1").orElseThrow();
        assertEquals(CommentState.ANSWERED, tracked.state());
        assertEquals("arn:aws:iam::123:user/ana", tracked.stateBy());
        assertEquals(result.reply().url(), tracked.note());
        DomainEvent answered = events.getFirst();
        assertEquals("CommentAnswered", answered.detailType());
        assertEquals("social.engagement", answered.source());
        assertEquals("c1", answered.detail().get("commentId"));
        assertEquals(2520L, answered.detail().get("waitedSeconds"));
        assertEquals(List.of("CommentResponseTime=2520000 facebook,high"), metrics);
        assertEquals(List.of(), store.unanswered(10));
    }

    @Test
    void aRetryAfterTheReplyWentOutAnswersTheSameReplyAndPostsNothing() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        CommentReplies.Result first = replies().reply(accept(Platform.FACEBOOK, "c1"));

        CommentReplies.Result again = replies().reply(accept(Platform.FACEBOOK, "c1"));

        assertTrue(again.alreadySent());
        assertEquals(first.reply().remoteId(), again.reply().remoteId());
        assertEquals(1, facebook.sends());
        ReplyRefusedException other = assertThrows(ReplyRefusedException.class, () -> replies().reply(
                new ReplyCommand(Platform.FACEBOOK, "c1", "A different answer", false, "bob", false)));
        assertEquals(Reason.ALREADY_ANSWERED, other.reason());
        assertEquals(1, facebook.sends());
    }

    @Test
    void twoConcurrentRequestsPostOnce() throws Exception {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        facebook.holdNextSend();
        CommentReplies replies = replies();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<CommentReplies.Result> first = pool.submit(() -> replies.reply(accept(Platform.FACEBOOK, "c1")));
            assertTrue(facebook.sendStarted.await(10, TimeUnit.SECONDS));
            ReplyRefusedException second = assertThrows(ReplyRefusedException.class, () -> replies.reply(accept(Platform.FACEBOOK, "c1")));
            assertEquals(Reason.REPLY_IN_PROGRESS, second.reason());
            facebook.release.countDown();
            assertEquals(ReplyStatus.SENT, first.get(10, TimeUnit.SECONDS).reply().status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, facebook.sends());
        assertTrue(replies.reply(accept(Platform.FACEBOOK, "c1")).alreadySent());
        assertEquals(1, events.size());
    }

    @Test
    void manyConcurrentRequestsPostOnce() throws Exception {
        stored(Platform.MASTODON, "m1", CONCERN);
        CommentReplies replies = replies();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Object>> all = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    try {
                        return replies.reply(accept(Platform.MASTODON, "m1"));
                    } catch (ReplyRefusedException e) {
                        return e.reason();
                    }
                }));
            }
            for (Future<Object> f : all) {
                Object outcome = f.get(20, TimeUnit.SECONDS);
                assertTrue(outcome instanceof CommentReplies.Result || outcome == Reason.REPLY_IN_PROGRESS, String.valueOf(outcome));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mastodon.sends());
    }

    @Test
    void aLostAnswerOnAnIdempotentPlatformIsResentWithTheSameKeyAndLandsOnce() {
        stored(Platform.MASTODON, "m1", CONCERN);
        mastodon.loseNextAnswer();

        ReplyRefusedException lost = assertThrows(ReplyRefusedException.class, () -> replies().reply(accept(Platform.MASTODON, "m1")));
        assertEquals(Reason.PLATFORM_UNAVAILABLE, lost.reason());
        assertEquals(CommentState.NEW, store.findComment(Platform.MASTODON, "m1").orElseThrow().state());

        CommentReplies.Result retried = replies().reply(accept(Platform.MASTODON, "m1"));

        assertEquals(2, mastodon.sends());
        assertEquals(1, mastodon.created().size(), "the platform recognised the key: one reply");
        assertEquals(mastodon.created().getFirst(), retried.reply().remoteId());
        assertEquals(mastodon.keys().get(0), mastodon.keys().get(1));
        assertEquals(CommentState.ANSWERED, store.findComment(Platform.MASTODON, "m1").orElseThrow().state());
    }

    @Test
    void aLostAnswerWithoutAnIdempotencyKeyIsUncertainAndNeverResent() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        facebook.loseNextAnswer();

        ReplyRefusedException lost = assertThrows(ReplyRefusedException.class, () -> replies().reply(accept(Platform.FACEBOOK, "c1")));
        ReplyRefusedException retry = assertThrows(ReplyRefusedException.class, () -> replies().reply(accept(Platform.FACEBOOK, "c1")));

        assertEquals(Reason.REPLY_UNCERTAIN, lost.reason());
        assertEquals(Reason.REPLY_UNCERTAIN, retry.reason());
        assertTrue(retry.getMessage().contains("check the thread on facebook"), retry.getMessage());
        assertEquals(1, facebook.sends());
    }

    @Test
    void aClaimWhoseRequestDiedIsUncertainWhereThePlatformCannotBeAskedAndResentWhereItCan() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        stored(Platform.MASTODON, "m1", CONCERN);
        facebook.dieDuringNextSend();
        mastodon.dieDuringNextSend();
        assertThrows(IllegalStateException.class, () -> replies().reply(accept(Platform.FACEBOOK, "c1")));
        assertThrows(IllegalStateException.class, () -> replies().reply(accept(Platform.MASTODON, "m1")));
        clock.advance(CommentReplies.LEASE.plusSeconds(1));

        assertEquals(Reason.REPLY_UNCERTAIN, assertThrows(ReplyRefusedException.class,
                () -> replies().reply(accept(Platform.FACEBOOK, "c1"))).reason());
        CommentReplies.Result resent = replies().reply(accept(Platform.MASTODON, "m1"));

        assertEquals(1, facebook.sends());
        assertEquals(1, mastodon.created().size());
        assertEquals(ReplyStatus.SENT, resent.reply().status());
    }

    @Test
    void aRefusedReplyCanBeTriedAgainWithANewKey() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        facebook.refuseNext();
        assertEquals(Reason.PLATFORM_REFUSED, assertThrows(ReplyRefusedException.class,
                () -> replies().reply(accept(Platform.FACEBOOK, "c1"))).reason());

        replies().reply(accept(Platform.FACEBOOK, "c1"));

        assertEquals(2, facebook.sends());
        assertFalse(facebook.keys().get(0).equals(facebook.keys().get(1)));
        assertEquals(CommentState.ANSWERED, store.findComment(Platform.FACEBOOK, "c1").orElseThrow().state());
    }

    @Test
    void refusesWhatCannotOrMustNotBeSentWithAReason() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        stored(Platform.DISCORD, "d1", CONCERN);
        stored(Platform.X, "x1", CONCERN);
        stored(Platform.MASTODON, "long", CONCERN);

        assertEquals(Reason.COMMENT_NOT_FOUND, refused(accept(Platform.FACEBOOK, "nope")));
        assertEquals(Reason.PLATFORM_CANNOT, refused(accept(Platform.DISCORD, "d1")));
        assertEquals(Reason.PLATFORM_NOT_CONFIGURED, refused(accept(Platform.X, "x1")));
        assertEquals(Reason.INVALID_REQUEST, refused(new ReplyCommand(Platform.FACEBOOK, "c1", " ", false, "ana", false)));
        assertEquals(Reason.VALIDATION_FAILED, refused(new ReplyCommand(Platform.MASTODON, "long", "a".repeat(501), false, "ana", false)));
        assertEquals(0, facebook.sends() + mastodon.sends());
    }

    @Test
    void aReplyThatReadsAsAbuseIsRefusedInEnglishUnlessConfirmedAndTheConfirmationIsRecorded() {
        stored(Platform.FACEBOOK, "c1", CONCERN);
        String lashOut = "You are an idiot and a liar, shut up you moron";

        ReplyRefusedException refused = assertThrows(ReplyRefusedException.class, () -> replies().reply(
                new ReplyCommand(Platform.FACEBOOK, "c1", lashOut, false, "ana", false)));
        assertEquals(Reason.READS_AS_ABUSE, refused.reason());
        assertTrue(refused.getMessage().contains("confirm explicitly"), refused.getMessage());
        assertEquals(0, facebook.sends());

        CommentReplies.Result confirmed = replies().reply(new ReplyCommand(Platform.FACEBOOK, "c1", lashOut, false, "ana", true));
        assertTrue(confirmed.reply().lashOutConfirmed());
        assertEquals(1, facebook.sends());
    }

    @Test
    void aReplyThatReadsAsAbuseInVietnameseIsRefusedAndACalmOneGoes() {
        stored(Platform.FACEBOOK, "v1", CONCERN_VI);

        assertEquals(Reason.READS_AS_ABUSE, refused(new ReplyCommand(Platform.FACEBOOK, "v1",
                "Đồ ngu, câm mồm đi, đồ lừa đảo", false, "ana", false)));
        CommentReplies.Result calm = replies().reply(new ReplyCommand(Platform.FACEBOOK, "v1",
                "Chúng tôi xin lỗi vì sự chậm trễ. Vui lòng nhắn tin cho chúng tôi mã đơn hàng để được hỗ trợ ngay.", false, "ana", false));

        assertEquals(ReplyStatus.SENT, calm.reply().status());
        assertEquals(List.of("CommentResponseTime=2520000 facebook,medium"), metrics);
    }

    @Test
    void hideShowAndDismissMoveTheStateAndTheWaitingList() {
        stored(Platform.FACEBOOK, "h1", CONCERN);
        stored(Platform.FACEBOOK, "d1", CONCERN);
        assertEquals(2, store.unanswered(10).size());

        assertEquals(CommentState.HIDDEN, replies().hide(Platform.FACEBOOK, "h1", true, "ana").state());
        assertTrue(store.findComment(Platform.FACEBOOK, "h1").orElseThrow().hidden());
        assertEquals(List.of("d1"), store.unanswered(10).stream().map(t -> t.stored().comment().id()).toList());
        assertEquals(CommentState.NEW, replies().hide(Platform.FACEBOOK, "h1", false, "ana").state());
        assertEquals(List.of("hide h1", "show h1"), facebook.moderation());

        var dismissed = replies().dismiss(Platform.FACEBOOK, "d1", "a joke between regulars", "bob");
        assertEquals(CommentState.DISMISSED, dismissed.state());
        assertEquals("a joke between regulars", dismissed.note());
        assertEquals(Reason.INVALID_REQUEST, assertThrows(ReplyRefusedException.class,
                () -> replies().dismiss(Platform.FACEBOOK, "h1", " ", "bob")).reason());
        assertEquals(List.of("h1"), store.unanswered(10).stream().map(t -> t.stored().comment().id()).toList());
    }

    private ReplyRefusedException.Reason refused(ReplyCommand command) {
        return assertThrows(ReplyRefusedException.class, () -> replies().reply(command)).reason();
    }

    /**
     * A platform that records every send. Idempotent ones answer a repeated key with the reply they
     * made the first time, as Mastodon does; scripted: an answer lost after the reply was made, a
     * refusal, a send that never returns (the request's process dies), a send held until released.
     */
    static final class RecordingPlatform implements CommentResponder {
        private final Platform platform;
        private final boolean idempotent;
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final List<String> keys = new CopyOnWriteArrayList<>();
        private final List<String> moderation = new CopyOnWriteArrayList<>();
        private final Map<String, String> byKey = new LinkedHashMap<>();
        private volatile String next = "";
        final CountDownLatch sendStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        RecordingPlatform(Platform platform, boolean idempotent) {
            this.platform = platform;
            this.idempotent = idempotent;
        }

        void loseNextAnswer() { next = "lose"; }
        void refuseNext() { next = "refuse"; }
        void dieDuringNextSend() { next = "die"; }
        void holdNextSend() { next = "hold"; }

        int sends() { return keys.size(); }
        List<String> texts() { return List.copyOf(texts); }
        List<String> keys() { return List.copyOf(keys); }
        List<String> moderation() { return List.copyOf(moderation); }
        synchronized List<String> created() { return List.copyOf(byKey.values()); }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public ContentRules rules() {
            return PlatformRules.standard().get(platform);
        }

        @Override
        public boolean idempotent() {
            return idempotent;
        }

        @Override
        public Duration idempotencyWindow() {
            return idempotent ? Duration.ofHours(1) : Duration.ZERO;
        }

        @Override
        public PublishOutcome reply(ReplyRequest request) {
            keys.add(request.idempotencyKey());
            texts.add(request.text());
            String script = next;
            next = "";
            if (script.equals("refuse")) {
                return new PublishOutcome.Permanent(platform.id() + ": refused (400): the comment is closed");
            }
            if (script.equals("hold")) {
                sendStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String id;
            synchronized (this) {
                id = idempotent ? byKey.computeIfAbsent(request.idempotencyKey(), k -> "r" + (byKey.size() + 1))
                        : "r" + keys.size();
                if (!idempotent) {
                    byKey.put(request.idempotencyKey() + keys.size(), id);
                }
            }
            return switch (script) {
                case "lose" -> new PublishOutcome.Transient(platform.id() + ": no answer within 10000 ms", null);
                case "die" -> throw new IllegalStateException("the process died mid-send");
                default -> new PublishOutcome.Published(id, "https://" + platform.id() + ".example/r/" + id);
            };
        }

        @Override
        public PublishOutcome setHidden(HideRequest request, boolean hidden) {
            moderation.add((hidden ? "hide " : "show ") + request.commentId());
            return new PublishOutcome.Published(request.commentId(), null);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
