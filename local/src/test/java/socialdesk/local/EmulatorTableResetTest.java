package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.aws.dynamo.TableDefinition;
import socialdesk.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code --fresh} in emulator mode resets the table on the endpoint, here dynalite standing in for
 * the emulator's DynamoDB: the last run's items are gone, the table is there again and empty; an
 * endpoint that cannot do it is refused with what to do instead.
 */
class EmulatorTableResetTest {
    private static final String TABLE = "social-desk-Table";

    @TempDir
    Path data;

    @Test
    void resetDropsTheLastRunsItemsAndLeavesAnEmptyTable() {
        try (DynaliteProcess dynalite = DynaliteProcess.start(Template.ROOT, new LocalDesk.Ports(0).next(), data, line -> { });
             DynamoDbClient dynamo = LocalDesk.dynamoAt(dynalite.endpoint(), LocalIdentity.resolve(Map.of(), true))) {
            dynamo.createTable(TableDefinition.createTableRequest(TABLE));
            dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("PK", AttributeValue.fromS("POST#demo-1"),
                    "SK", AttributeValue.fromS("POST"), "status", AttributeValue.fromS("PUBLISHED"))));

            LocalDesk.resetTable(dynamo, TABLE, dynalite.endpoint());

            assertEquals(0, dynamo.scan(b -> b.tableName(TABLE)).count(), "the last run's posts are gone");
            assertEquals(TableDefinition.createTableRequest(TABLE).keySchema(),
                    dynamo.describeTable(b -> b.tableName(TABLE)).table().keySchema());

            LocalDesk.resetTable(dynamo, "social-desk-NeverMade", dynalite.endpoint());
            assertEquals(0, dynamo.scan(b -> b.tableName("social-desk-NeverMade")).count(), "a missing table is simply made");
        }
    }

    @Test
    void anEndpointThatCannotResetItIsRefusedWithWhatToDo() {
        String nobody = "http://127.0.0.1:" + new LocalDesk.Ports(0).next();
        try (DynamoDbClient dynamo = LocalDesk.dynamoAt(nobody, LocalIdentity.resolve(Map.of(), true))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalDesk.resetTable(dynamo, TABLE, nobody));
            assertTrue(refused.getMessage().startsWith("--fresh cannot reset table " + TABLE + " on " + nobody + " ("), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("delete it there yourself, or start without --fresh to keep its posts"), refused.getMessage());
        }
    }
}
