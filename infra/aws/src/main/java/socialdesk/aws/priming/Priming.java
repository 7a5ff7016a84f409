package socialdesk.aws.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import socialdesk.aws.AwsClients;
import socialdesk.aws.media.S3MediaBucket;
import socialdesk.core.json.Json;
import socialdesk.core.log.JsonLog;
import socialdesk.core.post.StoredImage;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * SnapStart runtime hooks of one function (the org.crac API, which Lambda calls around the snapshot
 * of a published version). {@link #beforeCheckpoint} runs what the first invoke would otherwise pay
 * for (class loading and initialisation of the JSON paths, each SDK client's marshalling, signing,
 * HTTP and unmarshalling paths), with no effect on data; {@link #afterRestore} refreshes what must
 * differ between restored copies, the credentials first. Every step tolerates failure: a snapshot is still taken if an endpoint is down.
 *
 * <p>The handler keeps a reference to its {@code Priming}: the CRaC context holds resources weakly.
 */
public final class Priming implements Resource {
    /**
     * The key the DynamoDB priming read asks for. Every item the code writes has a partition key with
     * a known prefix ({@code POST#}, {@code REMOTE#}, {@code EVENT#}, {@code CADENCE#}, ...), so this
     * one can never exist: the read finds nothing and changes nothing.
     */
    public static final String NEVER_WRITTEN_KEY = "PRIMING#";
    /**
     * A parameter path under which nothing is ever created (the desk's own live under the template's
     * {@code CredentialsPath}); asking for it reads no credential into the snapshot.
     */
    public static final String NEVER_CREATED_PARAMETER_PATH = "/social-desk-priming/never-created";
    /** An upload key the posts API never makes (its UUIDs are random or name-based, never all zeros). */
    static final String NEVER_MADE_UPLOAD = "00000000-0000-0000-0000-000000000000.jpg";

    private static final String SAMPLE_JSON = """
            {"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"}},"headers":{"content-type":"application/json"},\
            "body":"{\\"text\\":\\"priming\\",\\"n\\":1,\\"ok\\":true,\\"list\\":[1.5,null]}","isBase64Encoded":false}""";

    /** A scheduled tick as EventBridge Scheduler delivers it: its time is what joda-time parses. */
    private static final String SAMPLE_SCHEDULED_EVENT = """
            {"version":"0","id":"priming","detail-type":"Scheduled Event","source":"aws.scheduler","account":"000000000000",\
            "time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{}}""";

    /** The condition that makes every priming write a refused one: {@link #NEVER_WRITTEN_KEY} never exists. */
    private static final String ONLY_IF_PRESENT = "attribute_exists(PK)";

    /** One named action. */
    public record Step(String name, Runnable action) {
    }

    private final String function;
    private final List<Step> before;
    private final List<Step> after;

    private Priming(String function, List<Step> before, List<Step> after) {
        this.function = function;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
    }

    public static Builder forFunction(String function) {
        return new Builder(function);
    }

    /** Registers the hooks with the global CRaC context and answers this, for the handler to keep. */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run("beforeCheckpoint", before);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        run("afterRestore", after);
    }

    /** The names of the steps run before a checkpoint, in order (tests, logs). */
    public List<String> primingSteps() {
        return before.stream().map(Step::name).toList();
    }

    /** The names of the steps run after a restore, in order (tests, logs). */
    public List<String> restoreSteps() {
        return after.stream().map(Step::name).toList();
    }

    /** Runs a write that must be refused; the refusal is the expected answer. */
    private static void refused(Runnable write) {
        try {
            write.run();
        } catch (ConditionalCheckFailedException expected) {
            // NEVER_WRITTEN_KEY does not exist: nothing was written.
        }
    }

    private void run(String phase, List<Step> steps) {
        long start = System.nanoTime();
        int failed = 0;
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException e) {
                failed++;
                JsonLog.warn("priming step failed", "function", function, "phase", phase, "step", step.name(),
                        "error", e.getClass().getSimpleName());
            }
        }
        JsonLog.info("priming done", "function", function, "phase", phase, "steps", steps.size(), "failed", failed,
                "ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Collects the steps. */
    public static final class Builder {
        private final String function;
        private final List<Step> before = new ArrayList<>();
        private final List<Step> after = new ArrayList<>();

        private Builder(String function) {
            this.function = function;
        }

        public Builder prime(String name, Runnable action) {
            before.add(new Step(name, action));
            return this;
        }

        public Builder restore(String name, Runnable action) {
            after.add(new Step(name, action));
            return this;
        }

        /**
         * The Lambda runtime's own JSON for the handler's types. The runtime, not the handler, turns
         * the invocation's JSON into {@code eventType} and the answer back into JSON, with
         * aws-lambda-java-serialization (its own shaded Jackson, and joda-time for a scheduled
         * event's time); without this a restored snapshot loads those classes on its first event.
         * The serializers are the ones the runtime picks: its event serializers for AWS event types,
         * its Jackson factory for anything else. Outside Lambda's runtime (unit tests) the library is
         * absent and there is nothing to prime.
         */
        public Builder lambdaSerialization(Class<?> eventType, String eventJson, Object sampleAnswer) {
            return prime("runtime JSON of " + eventType.getSimpleName(), () -> {
                try {
                    ClassLoader loader = eventType.getClassLoader();
                    serializer(eventType, loader).fromJson(eventJson);
                    writeWithRuntimeSerializer(sampleAnswer, loader);
                } catch (NoClassDefFoundError notInLambdaRuntime) {
                    JsonLog.info("priming: no Lambda runtime serialization on the class path", "function", function);
                }
            });
        }

        private static <T> PojoSerializer<T> serializer(Class<T> type, ClassLoader loader) {
            return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                    ? LambdaEventSerializers.serializerFor(type, loader)
                    : JacksonFactory.getInstance().getSerializer(type);
        }

        @SuppressWarnings("unchecked")
        private static <T> void writeWithRuntimeSerializer(T answer, ClassLoader loader) {
            serializer((Class<T>) answer.getClass(), loader).toJson(answer, OutputStream.nullOutputStream());
        }

        /** The runtime's JSON of a function URL handler: APIGatewayV2HTTPEvent in, APIGatewayV2HTTPResponse out. */
        public Builder functionUrlRuntimeJson() {
            return lambdaSerialization(APIGatewayV2HTTPEvent.class, SAMPLE_JSON, APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200).withHeaders(Map.of("content-type", "application/json")).withBody("{}").build());
        }

        /** The runtime's JSON of a scheduled handler: a ScheduledEvent in, the run's summary (a map) out. */
        public Builder scheduledEventRuntimeJson() {
            return lambdaSerialization(ScheduledEvent.class, SAMPLE_SCHEDULED_EVENT, new LinkedHashMap<>(Map.of("due", 0)));
        }

        /** Parses and writes a function URL-shaped JSON document: the core JSON paths every handler uses. */
        public Builder json() {
            return prime("json", () -> Json.write(Map.of("parsed", Json.parse(SAMPLE_JSON))));
        }

        /**
         * A strongly consistent GetItem of {@link #NEVER_WRITTEN_KEY}: signing, marshalling, the HTTP
         * connection and the unmarshalling of the item paths. A read (0.5 RRU eventually consistent,
         * here 1 RRU strongly consistent) cannot change data. DescribeEndpoints would do as well for
         * the HTTP stack but loads classes no invoke needs; GetItem is the operation the invokes use.
         */
        public Builder dynamoRead(DynamoDbClient dynamo, String table) {
            return prime("dynamodb GetItem " + NEVER_WRITTEN_KEY, () -> dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of("PK", AttributeValue.fromS(NEVER_WRITTEN_KEY), "SK", AttributeValue.fromS(NEVER_WRITTEN_KEY)))
                    .consistentRead(true)));
        }

        /**
         * The write and query operations the stores use, each refused or empty, so none changes data:
         * a Query of {@link #NEVER_WRITTEN_KEY}'s partition (nothing is there), and a PutItem, an
         * UpdateItem and a DeleteItem of that key, each on the condition that the item exists, which
         * it never does: DynamoDB answers ConditionalCheckFailed and writes nothing (each refusal
         * costs a write unit, once per snapshot). Loads what GetItem does not: those operations'
         * request and response models, marshallers, and the conditional-failure error path.
         */
        public Builder dynamoWritesRefused(DynamoDbClient dynamo, String table) {
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(NEVER_WRITTEN_KEY), "SK", AttributeValue.fromS(NEVER_WRITTEN_KEY));
            Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS(NEVER_WRITTEN_KEY), "SK", AttributeValue.fromS(NEVER_WRITTEN_KEY),
                    "primedAt", AttributeValue.fromN("0"));
            return prime("dynamodb Query " + NEVER_WRITTEN_KEY, () -> dynamo.query(b -> b.tableName(table).consistentRead(true).limit(1)
                            .keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(NEVER_WRITTEN_KEY)))))
                    .prime("dynamodb PutItem (refused)", () -> refused(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                            .conditionExpression(ONLY_IF_PRESENT))))
                    .prime("dynamodb UpdateItem (refused)", () -> refused(() -> dynamo.updateItem(b -> b.tableName(table).key(key)
                            .conditionExpression(ONLY_IF_PRESENT)
                            .updateExpression("SET primedAt = :n ADD primings :one")
                            .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.ALL_OLD))))
                    .prime("dynamodb DeleteItem (refused)", () -> refused(() -> dynamo.deleteItem(b -> b.tableName(table).key(key)
                            .conditionExpression(ONLY_IF_PRESENT))));
        }

        /**
         * One request and its answer through {@code client} (the platforms' {@code java.net.http}
         * client) against a server on loopback that this step starts and stops: the client's
         * HTTP/1.1 exchange, body publishers and handlers are loaded, and nothing leaves the machine.
         * TLS is not reached: the first request to a platform still sets it up.
         */
        public Builder httpRoundTrip(HttpClient client) {
            return prime("http round trip on loopback", () -> LoopbackHttp.roundTrip(client));
        }

        /**
         * PutEvents with no entries: marshalled, signed and sent, and refused by EventBridge (an empty
         * list is invalid) or accepted as nothing by an emulator. No event is ever put.
         */
        public Builder eventsNothing(EventBridgeClient events) {
            return prime("eventbridge PutEvents []", () -> {
                try {
                    events.putEvents(b -> b.entries(List.of()));
                } catch (AwsServiceException refused) {
                    if (refused.statusCode() != 400) {
                        throw refused;
                    }
                    // The expected answer: the request went the whole way and nothing was put.
                }
            });
        }

        /**
         * Parameter Store's two read paths with nothing to read: {@code GetParametersByPath} of
         * {@link #NEVER_CREATED_PARAMETER_PATH} (an empty page: the success path, unmarshalling
         * included) and {@code GetParameter} of a name under it (the {@code ParameterNotFound} error
         * path), so no credential is in the snapshot. The models a found parameter is read into are
         * initialised too: their field tables are built when the classes are, which the first real
         * read would otherwise pay for.
         */
        public Builder parametersMiss(SsmClient parameters) {
            return prime("ssm Parameter fields", () -> GetParameterResponse.builder().parameter(Parameter.builder().build()).build())
                    .prime("ssm GetParametersByPath (empty)", () -> parameters.getParametersByPath(b -> b
                            .path(NEVER_CREATED_PARAMETER_PATH).recursive(false).withDecryption(true)))
                    .prime("ssm GetParameter (missing)", () -> {
                        try {
                            parameters.getParameter(b -> b.name(NEVER_CREATED_PARAMETER_PATH + "/none").withDecryption(true));
                        } catch (AwsServiceException e) {
                            // aws-core's base type: naming SSM's own exception here would fail verification of this
                            // class in a function that does not carry that client (posts-api).
                            if (e.awsErrorDetails() == null || !"ParameterNotFound".equals(e.awsErrorDetails().errorCode())) {
                                throw e;
                            }
                            // The answer every deployment gives: the error path is primed along with the request.
                        }
                    });
        }

        /**
         * The media bucket's signing: a {@code GET} URL for a key that is never made, signed and not
         * sent. It loads and initialises the SDK signer and its HMAC, which each upload offer and each
         * uploaded image's read would otherwise pay for at the first; no request, so nothing is read
         * and no grant beyond the function's is needed.
         */
        public Builder mediaBucketSigning(S3MediaBucket bucket) {
            return prime("media bucket signing", () -> bucket.presignedGet(StoredImage.PREFIX + NEVER_MADE_UPLOAD, Duration.ofMinutes(1)));
        }

        /**
         * After restore: the clients fetch credentials of their own on the next request instead of
         * signing with any the priming requests fetched into the snapshot.
         */
        public Builder renewCredentials(AwsClients clients) {
            return restore("renew credentials", clients::renewCredentials);
        }

        /** Re-seeds a generator after restore, so restored copies do not share a random sequence. */
        public Builder reseed(Random random) {
            return restore("reseed random", () -> random.setSeed(new SecureRandom().nextLong()));
        }

        public Priming build() {
            return new Priming(function, before, after);
        }
    }
}
