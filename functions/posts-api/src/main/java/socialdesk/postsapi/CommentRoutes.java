package socialdesk.postsapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import socialdesk.aws.dynamo.DynamoReplyStore;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.Platform;
import socialdesk.core.reply.CommentReplies;
import socialdesk.core.reply.CommentState;
import socialdesk.core.reply.Reply;
import socialdesk.core.reply.ReplyCommand;
import socialdesk.core.reply.ReplyRefusedException;
import socialdesk.core.reply.TrackedComment;

/**
 * The comment routes of the posts API: what a person on the desk does about a flagged comment.
 *
 * <pre>
 * GET  /comments?state=NEW&amp;severity=high&amp;limit=N   the comments in one state (NEW oldest first, others newest first)
 * GET  /comments/{platform}/{commentId}                one comment, its state and the suggested reply
 * POST /comments/{platform}/{commentId}/reply          {"text": ...} or {"acceptSuggestion": true}; "confirmLashOut": true
 *                                                      sends a text that reads as abuse (logged). 201, or 200 when an
 *                                                      earlier request sent this very reply (nothing new is posted)
 * POST /comments/{platform}/{commentId}/hide           hide on the platform (never delete)
 * POST /comments/{platform}/{commentId}/unhide
 * POST /comments/{platform}/{commentId}/dismiss        {"reason": ...}: no answer needed
 * </pre>
 * The comment id is one path segment, percent-encoded (a Bluesky id is an at:// URI).
 */
final class CommentRoutes {
    static final Pattern COMMENT_PATH = Pattern.compile("/comments/([^/]+)/([^/]+)(?:/(reply|hide|unhide|dismiss))?");
    private static final Set<String> SEVERITIES = Set.of("high", "medium", "low", "none");
    private static final int MAX_LIST = 200;

    private final CommentReplies replies;
    private final DynamoReplyStore store;

    CommentRoutes(CommentReplies replies, DynamoReplyStore store) {
        this.replies = replies;
        this.store = store;
    }

    /** An answer: status and JSON body. */
    record Answer(int status, Object body) {
    }

    Answer list(Map<String, String> query) {
        CommentState state;
        try {
            state = CommentState.fromName(query.getOrDefault("state", "NEW"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_state", e.getMessage());
        }
        String severity = query.get("severity");
        if (severity != null && !SEVERITIES.contains(severity.toLowerCase(Locale.ROOT))) {
            throw new ApiException(400, "invalid_severity", "severity is one of high, medium, low, none");
        }
        int limit = 50;
        if (query.get("limit") != null) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIST) {
                throw new ApiException(400, "invalid_limit", "limit is a whole number from 1 to " + MAX_LIST);
            }
        }
        List<Map<String, Object>> comments = store.list(state, severity == null ? null : severity.toLowerCase(Locale.ROOT), limit)
                .stream().map(CommentRoutes::commentJson).toList();
        return new Answer(200, Map.of("comments", comments));
    }

    Answer route(String method, Matcher path, Object body, String caller) {
        Platform platform = platform(path.group(1));
        String commentId = URLDecoder.decode(path.group(2), StandardCharsets.UTF_8);
        String action = path.group(3);
        if (action == null) {
            if (!method.equals("GET")) {
                throw new ApiException(405, "method_not_allowed", "this route allows GET");
            }
            return new Answer(200, commentJson(replies.comment(platform, commentId)));
        }
        if (!method.equals("POST")) {
            throw new ApiException(405, "method_not_allowed", "this route allows POST");
        }
        return switch (action) {
            case "reply" -> {
                Object text = JsonRead.object(body) == null ? null : JsonRead.object(body).get("text");
                if (text != null && !(text instanceof String)) {
                    throw new ApiException(400, "invalid_body", "text is a string");
                }
                ReplyCommand command = new ReplyCommand(platform, commentId, (String) text, flag(body, "acceptSuggestion"),
                        caller, flag(body, "confirmLashOut"));
                CommentReplies.Result result = replies.reply(command);
                Map<String, Object> out = replyJson(result.reply());
                out.put("alreadySent", result.alreadySent());
                yield new Answer(result.alreadySent() ? 200 : 201, out);
            }
            case "hide" -> new Answer(200, commentJson(replies.hide(platform, commentId, true, caller)));
            case "unhide" -> new Answer(200, commentJson(replies.hide(platform, commentId, false, caller)));
            case "dismiss" -> new Answer(200, commentJson(replies.dismiss(platform, commentId, JsonRead.string(body, "reason"), caller)));
            default -> throw new ApiException(404, "route_not_found", "no action " + action);
        };
    }

    private static boolean flag(Object body, String name) {
        Object value = JsonRead.object(body) == null ? null : JsonRead.object(body).get(name);
        if (value != null && !(value instanceof Boolean)) {
            throw new ApiException(400, "invalid_body", name + " is true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    private static Platform platform(String id) {
        try {
            return Platform.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "platform_not_found", "no platform '" + id + "'; use one of "
                    + Arrays.stream(Platform.values()).map(Platform::id).toList());
        }
    }

    /** The HTTP status of each refusal. */
    static int status(ReplyRefusedException.Reason reason) {
        return switch (reason) {
            case COMMENT_NOT_FOUND -> 404;
            case INVALID_REQUEST -> 400;
            case VALIDATION_FAILED, READS_AS_ABUSE, PLATFORM_CANNOT, PLATFORM_REFUSED -> 422;
            case PLATFORM_NOT_CONFIGURED, NO_SUGGESTION, COMMENT_REMOVED, ALREADY_ANSWERED, REPLY_IN_PROGRESS,
                 REPLY_UNCERTAIN, CREDENTIALS_REJECTED -> 409;
            case PLATFORM_UNAVAILABLE -> 503;
        };
    }

    static Map<String, Object> commentJson(TrackedComment tracked) {
        StoredComment stored = tracked.stored();
        Comment c = stored.comment();
        CommentVerdict v = stored.verdict();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platform", stored.platform().id());
        out.put("commentId", c.id());
        out.put("postId", Owners.isUnmatched(stored.ownerId()) ? null : stored.ownerId());
        out.put("author", c.author().label());
        out.put("text", c.text());
        out.put("permalink", c.permalink());
        out.put("writtenAt", c.at().toString());
        out.put("category", v.category());
        out.put("severity", v.severity());
        out.put("language", v.lang());
        out.put("action", v.action());
        out.put("suggestedReply", v.suggestedReply());
        out.put("state", tracked.state().name());
        out.put("stateAt", tracked.stateAt() == null ? null : tracked.stateAt().toString());
        out.put("stateBy", tracked.stateBy());
        out.put(tracked.state() == CommentState.DISMISSED ? "dismissReason" : "replyUrl",
                tracked.state() == CommentState.DISMISSED || tracked.state() == CommentState.ANSWERED ? tracked.note() : null);
        out.put("hidden", tracked.hidden());
        out.put("removed", stored.removed());
        return out;
    }

    private static Map<String, Object> replyJson(Reply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platform", reply.platform().id());
        out.put("commentId", reply.commentId());
        out.put("status", reply.status().name());
        out.put("replyId", reply.remoteId());
        out.put("url", reply.url());
        out.put("text", reply.text());
        out.put("approvedBy", reply.approvedBy());
        out.put("sentAt", reply.sentAt() == null ? null : reply.sentAt().toString());
        out.put("lashOutConfirmed", reply.lashOutConfirmed());
        return out;
    }
}
