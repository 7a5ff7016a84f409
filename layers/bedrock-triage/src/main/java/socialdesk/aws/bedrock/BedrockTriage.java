package socialdesk.aws.bedrock;

import java.time.Duration;
import java.util.function.Supplier;
import socialdesk.core.engagement.CommentTriager;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The optional model triage: off (the local triage, no client built, no SDK class loaded) unless a
 * model id is configured. The time budget fits the platform-webhook function's 10 s timeout: one
 * call takes at most {@link #API_CALL_TIMEOUT} (two attempts, the second only when the first failed
 * fast enough), and calls take at most {@link #ALLOWANCE} in any {@link #WINDOW}, so a delivery
 * with many comments keeps at least 3.5 s of its 10 s for the table and the bus.
 */
public final class BedrockTriage {
    /** A whole call, retry included; the client gives up and the local triage answers. */
    static final Duration API_CALL_TIMEOUT = Duration.ofMillis(2_500);
    /** One attempt; a second starts only if the call's timeout leaves room for it. */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofMillis(2_000);
    static final int MAX_ATTEMPTS = 2;
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration ALLOWANCE = Duration.ofSeconds(4);

    private BedrockTriage() {
    }

    /**
     * The triager for a function: the local one when {@code modelId} is empty, else the model with
     * the local one as its fallback, on a client built from the function's region and credentials.
     */
    public static CommentTriager forModel(String modelId, CommentTriager local) {
        // Tested before the method reference below is linked: linking it loads the SDK's classes.
        return off(modelId) ? local : forModel(modelId, local, BedrockRuntimeClients::fromEnvironment);
    }

    /** As above with the client given lazily: it is built only when a model id is set. */
    static CommentTriager forModel(String modelId, CommentTriager local, Supplier<BedrockRuntimeClient> client) {
        if (off(modelId)) {
            return local;
        }
        return new BedrockCommentTriager(client.get(), modelId.strip(), local, new CallBudget(WINDOW, ALLOWANCE, System::nanoTime));
    }

    private static boolean off(String modelId) {
        return modelId == null || modelId.isBlank();
    }
}
