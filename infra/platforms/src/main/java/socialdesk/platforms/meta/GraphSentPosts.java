package socialdesk.platforms.meta;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import socialdesk.core.json.JsonRead;
import socialdesk.core.publish.PublishRequest;
import socialdesk.core.publish.SentPostLookup;
import socialdesk.platforms.PlatformHttp;
import socialdesk.platforms.PlatformHttp.Response;
import socialdesk.platforms.SentPostMatch;

/**
 * Looks for a sent post in a Graph API edge of the account's own posts, newest first, from the due
 * time on ({@code since}, Unix seconds): a Facebook Page's {@code /feed}, an Instagram account's
 * {@code /media}, a Threads profile's {@code /threads}. Each item's text field is compared with what
 * the adapter sent; pages are followed by {@code paging.cursors.after} while they still reach back
 * into the window, at most {@link #MAX_PAGES}.
 */
public final class GraphSentPosts implements SentPostLookup {
    private static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 5;

    /** Opens a Graph client with a current token (Threads refreshes its own). */
    @FunctionalInterface
    public interface Graph {
        GraphClient open() throws Exception;
    }

    /** What one edge needs: where it is, the fields to ask for, which holds the text, the time and the link. */
    public record Edge(String path, String textField, String timeField, String linkField) {
        String fields() {
            return "id," + textField + "," + timeField + "," + linkField;
        }
    }

    /** How the adapter turned the request into the text the platform keeps. */
    @FunctionalInterface
    public interface SentText {
        String of(PublishRequest request);
    }

    private final String platform;
    private final Graph graph;
    private final Edge edge;
    private final SentText sentText;

    public GraphSentPosts(String platform, Graph graph, Edge edge, SentText sentText) {
        this.platform = platform;
        this.graph = graph;
        this.edge = edge;
        this.sentText = sentText;
    }

    @Override
    public Reconciliation find(PublishRequest request, Instant sentSince) {
        String sent = sentText.of(request);
        if (sent == null || sent.isBlank()) {
            return new Reconciliation.CannotLook(platform + ": a post without text cannot be told apart from the account's others");
        }
        Instant from = SentPostMatch.windowStart(sentSince);
        try {
            GraphClient client = graph.open();
            String after = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("fields", edge.fields());
                params.put("since", Long.toString(from.getEpochSecond()));
                params.put("limit", Integer.toString(PAGE_SIZE));
                if (after != null) {
                    params.put("after", after);
                }
                Response response = client.get(edge.path(), params);
                if (response.statusClass() != PlatformHttp.StatusClass.SUCCESS || JsonRead.object(response.json(), "error") != null) {
                    return SentPostMatch.failed(client.failure(response));
                }
                boolean reachedBack = false;
                for (Object item : JsonRead.list(response.json(), "data")) {
                    Instant created = SentPostMatch.graphTime(JsonRead.string(item, edge.timeField()));
                    if (created != null && created.isBefore(from)) {
                        reachedBack = true;
                        continue;
                    }
                    String id = JsonRead.id(item, "id");
                    if (id != null && SentPostMatch.sameText(sent, JsonRead.string(item, edge.textField()))) {
                        return new Reconciliation.Found(id, JsonRead.string(item, edge.linkField()));
                    }
                }
                after = JsonRead.string(response.json(), "paging", "cursors", "after");
                if (reachedBack || after == null || JsonRead.string(response.json(), "paging", "next") == null) {
                    return new Reconciliation.NotFound();
                }
            }
            return new Reconciliation.LookupFailed(platform + ": more than " + MAX_PAGES * PAGE_SIZE
                    + " posts since the due time; not guessing", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconciliation.LookupFailed(platform + ": interrupted while looking", null);
        } catch (Exception e) {
            return new Reconciliation.LookupFailed(platform + ": could not read the account's posts: " + e.getClass().getSimpleName(), null);
        }
    }
}
