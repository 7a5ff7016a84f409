package socialdesk.probe;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code java -cp target/probe.jar socialdesk.probe.FirstGetItem <endpoint> [create]}: builds a DynamoDB client (with the one
 * HTTP client on the classpath) and does one GetItem of table {@code probe}, printing how long the
 * build and the first call took and the JVM's uptime at the answer; {@code create} makes the table first.
 */
public final class FirstGetItem {
    private FirstGetItem() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        long built = System.nanoTime();
        if (args.length > 1 && args[1].equals("create")) {
            try {
                dynamo.createTable(b -> b.tableName("probe").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
            } catch (ResourceInUseException e) {
                System.out.println("table probe exists");
            }
            return;
        }
        dynamo.getItem(b -> b.tableName("probe").key(Map.of("PK", AttributeValue.fromS("never-written"))));
        long answered = System.nanoTime();
        System.out.printf("http=%s build=%d ms first-getitem=%d ms uptime-at-answer=%d ms%n",
                httpClientName(),
                (built - start) / 1_000_000, (answered - built) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static String httpClientName() {
        for (String name : new String[] {"software.amazon.awssdk.http.crt.AwsCrtHttpClient",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"}) {
            try {
                Class.forName(name, false, FirstGetItem.class.getClassLoader());
                return name.substring(name.lastIndexOf('.') + 1);
            } catch (ClassNotFoundException e) {
                // not this one
            }
        }
        return "?";
    }
}
