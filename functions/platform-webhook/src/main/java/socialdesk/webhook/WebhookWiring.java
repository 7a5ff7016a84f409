package socialdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import socialdesk.aws.AwsCallBudget;
import socialdesk.aws.AwsClients;
import socialdesk.aws.Env;
import socialdesk.aws.dynamo.DynamoEngagementStore;
import socialdesk.aws.dynamo.DynamoEventOutbox;
import socialdesk.aws.events.EventBridgePublisher;
import socialdesk.aws.metrics.EmfMetrics;
import socialdesk.aws.priming.Priming;
import socialdesk.aws.secrets.ParameterStoreCredentials;
import socialdesk.aws.triage.ModelTriage;
import socialdesk.core.engagement.Author;
import socialdesk.core.engagement.Comment;
import socialdesk.core.engagement.CommentFlaggedEvent;
import socialdesk.core.engagement.CommentKind;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.EngagementIngestion;
import socialdesk.core.engagement.Owners;
import socialdesk.core.engagement.StoredComment;
import socialdesk.core.engagement.Triage;
import socialdesk.core.events.OutboxRelay;
import socialdesk.core.json.Json;
import socialdesk.core.metrics.DeskMetrics;
import socialdesk.core.post.Platform;
import socialdesk.core.webhook.MetaPayloadParser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Builds the webhook service from the function's environment, once per container: AWS clients and
 * triage at init (SnapStart snapshots them); webhook signing secrets (Parameter Store) on first use
 * (never in a snapshot).
 */
public final class WebhookWiring {
    /**
     * The function's 10 s timeout (template.yaml) holds one delivery's AWS calls, one after another:
     * GetParametersByPath (the signing secrets, first delivery), GetItem (already seen?), GetItem (the
     * post of the remote id), PutItem (the comment, once), UpdateItem (the counters), PutItem (the
     * event id remembered), PutEvents, and PutEvents again for entries the bus refused.
     */
    public static final AwsCallBudget AWS_CALLS = new AwsCallBudget(Duration.ofSeconds(10), 8);

    private WebhookWiring() {
    }

    /**
     * The service, the clients' SnapStart steps (the handler adds its own and registers them) and the
     * metrics it records.
     */
    record Wired(PlatformWebhooks webhooks, Priming.Builder priming, DeskMetrics metrics) {
    }

    static Wired fromEnvironment() {
        String table = Env.required("TABLE_NAME");
        String bus = Env.required("EVENT_BUS_NAME");
        // /social-desk/webhooks: a platform without a parameter under it is not configured (its route answers 404).
        String credentialsPath = Env.required("WEBHOOK_CREDENTIALS_PATH");
        AwsClients clients = AwsClients.fromEnvironment(AWS_CALLS);
        DynamoDbClient dynamo = clients.dynamoDb();
        EventBridgeClient events = clients.eventBridge();
        Clock clock = Clock.systemUTC();
        CommentTriager local = Triage.standard();
        // Empty (the default) is the local triage alone; a model id puts Bedrock (the layer the template
        // attaches with it) in front of it. The snapshot is primed with the local triage only: priming never calls the model.
        CommentTriager triager = ModelTriage.forModel(Env.optional("BEDROCK_MODEL_ID", ""), local);
        DeskMetrics metrics = EmfMetrics.toStandardOutput();
        EngagementIngestion ingestion = new EngagementIngestion(
                new DynamoEngagementStore(dynamo, table),
                triager,
                new OutboxRelay(new EventBridgePublisher(events, bus), new DynamoEventOutbox(dynamo, table)),
                clock,
                metrics);
        WebhookSecrets secrets = new ParameterStoreWebhookSecrets(new ParameterStoreCredentials(clients.ssm(), credentialsPath, metrics));
        return new Wired(new PlatformWebhooks(secrets, ingestion, clock), priming(clients, table, local, clock), metrics);
    }

    /**
     * Before the snapshot: the JSON paths, the triage (lexicon, scanner, replies) on a sample
     * comment, a Meta payload parsed, a DynamoDB read of a key that never exists and the writes the
     * stores make, each refused, an empty PutEvents, reads of a parameter path that is never created,
     * and the metrics' EMF lines built and written nowhere. Nothing is stored, put, read of real
     * credentials or recorded as a metric.
     */
    static Priming.Builder priming(AwsClients clients, String table, CommentTriager triager, Clock clock) {
        return Priming.forFunction("platform-webhook")
                .renewCredentials(clients)
                .json()
                .functionUrlRuntimeJson()
                .prime("triage and the flagged event", () -> primeFlaggedEvent(triager, clock))
                .prime("meta payload", () -> new MetaPayloadParser().parse(Json.parse(SAMPLE_META), clock.instant()))
                .dynamoRead(clients.dynamoDb(), table)
                .dynamoWritesRefused(clients.dynamoDb(), table)
                .eventsNothing(clients.eventBridge())
                .parametersMiss(clients.ssm())
                .prime("metrics", EmfMetrics::primeWithoutWriting);
    }

    /**
     * A sample concern triaged and made into the CommentFlagged event its ingestion would write (its
     * excerpt, next step and name-based id), nothing stored or sent: the path every flagged comment takes.
     */
    private static void primeFlaggedEvent(CommentTriager triager, Clock clock) {
        String text = "Still waiting on my refund after three weeks, is anyone there?";
        CommentVerdict verdict = triager.triage(text, "en");
        Comment comment = new Comment("priming", CommentKind.COMMENT, new Author("priming", null), text, null, clock.instant());
        CommentFlaggedEvent.of(new StoredComment(Owners.unmatched(Platform.FACEBOOK), Platform.FACEBOOK, null, comment, verdict, false));
    }

    private static final String SAMPLE_META = """
            {"object":"page","entry":[{"id":"0","time":1767225600,"changes":[{"field":"feed","value":{"item":"comment",\
            "verb":"add","post_id":"0_1","comment_id":"1_2","message":"priming","created_time":1767225600,\
            "from":{"id":"3","name":"Priming"}}}]}]}""";
}
