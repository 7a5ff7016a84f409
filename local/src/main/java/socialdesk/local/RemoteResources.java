package socialdesk.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The stack's resources on an AWS-compatible endpoint ({@code AWS_ENDPOINT_URL}: Floci, LocalStack,
 * ...), made with the SDK: the bus, the rules with the patterns and input transformers of
 * template.yaml, every topic, the SecureString parameters of {@code .local/secrets.json}, and an SQS queue subscribed
 * to each topic (raw delivery) that is polled so notifications are printed and written here as in
 * the in-process mode. A rule that targets a function gets an SQS queue as its target instead
 * (the emulator cannot invoke a JVM on this machine); that queue is polled and each message handed
 * to the local function. Everything is created idempotently: a second start reuses what exists.
 */
public final class RemoteResources implements AutoCloseable {
    private final EventBridgeClient events;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final SsmClient ssm;
    private final S3Client s3;
    private final Region region;
    private final List<Thread> pollers = new ArrayList<>();
    private final Console console;
    private volatile boolean closed;
    /** Local topic ARN -> the emulator's ARN of the same topic. */
    private final Map<String, String> topicArns = new java.util.LinkedHashMap<>();

    RemoteResources(URI endpoint, LocalIdentity identity, Console console) {
        this.console = console;
        SdkHttpClient http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build();
        AwsCredentialsProvider credentials = identity.credentials();
        Region region = Region.of(identity.region());
        events = EventBridgeClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        sns = SnsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        ssm = SsmClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        // Path-style, as the functions address a bucket at any endpoint other than AWS's.
        s3 = S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http)
                .forcePathStyle(true).build();
        this.region = region;
    }

    /** Creates (or finds) everything and starts polling one queue per topic. */
    static RemoteResources create(String endpoint, LocalIdentity identity, String busName, List<BusRules.Rule> rules,
                                  LocalSecrets secrets, java.util.Collection<LocalTopic> localTopics, List<String> buckets,
                                  Console console) {
        RemoteResources remote = new RemoteResources(URI.create(endpoint), identity, console);
        remote.createParameters(secrets);
        buckets.forEach(remote::createBucket);
        remote.createBus(busName);
        for (LocalTopic localTopic : localTopics) {
            String local = localTopic.arn();
            String arn = remote.sns.createTopic(b -> b.name(local.substring(local.lastIndexOf(':') + 1))).topicArn();
            remote.topicArns.put(local, arn);
            String queueUrl = remote.queue(LocalDesk.STACK + "-" + localTopic.name() + "-messages");
            remote.sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(remote.queueArn(queueUrl))
                    .attributes(Map.of("RawMessageDelivery", "true")).returnSubscriptionArn(true));
            remote.poll(queueUrl, body -> localTopic.publish(null, body));
        }
        for (BusRules.Rule rule : rules) {
            remote.putRule(rule);
        }
        console.line("remote", "bus " + busName + ", topics " + remote.topicArns.values() + ", " + rules.size() + " rule(s) on " + endpoint);
        return remote;
    }

    /** Every configured parameter of the local file, under the same name, as a SecureString (a new version when it exists). */
    void createParameters(LocalSecrets secrets) {
        for (String name : secrets.names()) {
            secrets.secretString(name).ifPresent(value -> ssm.putParameter(b -> b.name(name).value(value)
                    .type(ParameterType.SECURE_STRING).overwrite(true)));
        }
    }

    /** The bucket, private as the template's is (the emulator's default), or the one an earlier run made. */
    void createBucket(String name) {
        try {
            s3.createBucket(b -> {
                b.bucket(name);
                // us-east-1 takes no location constraint, and refuses one naming itself.
                if (!region.equals(Region.US_EAST_1)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // Made on an earlier run.
        }
    }

    /**
     * The bucket takes {@code PUT}s from {@code origin} with the two headers an upload signs, as the
     * template's CORS rule takes them from the console's distribution.
     */
    void allowBrowserUploads(String bucket, String origin) {
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(r -> r.id("ConsoleUploads")
                .allowedMethods("PUT").allowedOrigins(LocalDesk.origin(origin))
                .allowedHeaders("content-type", "x-amz-checksum-sha256").maxAgeSeconds(3600))));
    }

    void createBus(String busName) {
        try {
            events.createEventBus(b -> b.name(busName));
        } catch (ResourceAlreadyExistsException e) {
            // Made on an earlier run.
        }
    }

    /** The rule with its pattern, and targets: the topic as is, a function through an SQS queue polled here. */
    void putRule(BusRules.Rule rule) {
        events.putRule(b -> b.name(rule.name()).eventBusName(rule.busName()).eventPattern(rule.patternJson()));
        List<Target> targets = new ArrayList<>();
        for (BusRules.RuleTarget t : rule.targets()) {
            String arn;
            if (t.function() != null) {
                String queueUrl = queue(LocalDesk.STACK + "-" + t.function().function().name() + "-events");
                arn = queueArn(queueUrl);
                LocalFunction function = t.function().function();
                poll(queueUrl, body -> {
                    try {
                        function.invoke(body.getBytes(StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        console.line(function.name(), "invocation failed: " + e.getMessage());
                    }
                });
            } else if (topicArns.containsKey(t.topicArn())) {
                arn = topicArns.get(t.topicArn());
            } else {
                console.line("remote", "rule " + rule.name() + ": target " + t.id() + " is left out");
                continue;
            }
            Target.Builder target = Target.builder().id(t.id()).arn(arn);
            if (t.inputTemplate() != null) {
                target.inputTransformer(InputTransformer.builder().inputPathsMap(t.inputPathsMap())
                        .inputTemplate(t.inputTemplate()).build());
            } else if (t.input() != null) {
                target.input(t.input());
            } else if (t.inputPath() != null) {
                target.inputPath(t.inputPath());
            }
            targets.add(target.build());
        }
        if (!targets.isEmpty()) {
            var response = events.putTargets(b -> b.rule(rule.name()).eventBusName(rule.busName()).targets(targets));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new IllegalStateException("rule " + rule.name() + ": targets refused: " + response.failedEntries());
            }
        }
    }

    String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Long-polls a queue on a virtual thread, handing each message body on, then deleting it. */
    void poll(String queueUrl, java.util.function.Consumer<String> handler) {
        pollers.add(Thread.ofVirtual().name("poll-" + queueUrl).start(() -> {
            while (!closed) {
                try {
                    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10).maxNumberOfMessages(10)).messages();
                    for (Message message : messages) {
                        handler.accept(message.body());
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                } catch (RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    console.line("remote", "polling " + queueUrl + " failed: " + e.getMessage());
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }));
    }

    @Override
    public void close() {
        closed = true;
        pollers.forEach(Thread::interrupt);
        events.close();
        sns.close();
        sqs.close();
        ssm.close();
        s3.close();
    }
}
