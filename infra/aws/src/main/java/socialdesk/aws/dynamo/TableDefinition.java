package socialdesk.aws.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single table's keys and index, as template.yaml declares them; the local stack and the
 * tests create the table from here, and a contract test keeps the two in step.
 */
public final class TableDefinition {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    /**
     * Overloaded second index, projection ALL. Every post carries {@code GSI2PK = POSTS#<yyyy-MM>}
     * (the UTC month of its due time) and {@code GSI2SK = <due epoch ms, 13 digits>#<id>}: listing
     * by date range is one Query per month, in due order, with the status as a filter. Evergreen
     * entries carry {@code GSI2PK = EVERGREEN#<platform>}, {@code GSI2SK = <last due ms>#<id>}:
     * the least recently posted first.
     */
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    /**
     * Sparse third index, keys only: the event outbox. An item carries {@code GSI3PK = OUTBOX} and
     * {@code GSI3SK = <announce-after epoch ms, 13 digits>} while it holds events the bus has not
     * heard yet. An index of its own, because the items that hold events are already on GSI1 and
     * GSI2 for other reasons (a comment's lookup by its platform id and its state listing).
     */
    public static final String GSI3 = "GSI3";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    public static final String TTL = "expiresAt";

    private TableDefinition() {
    }

    /** The CreateTable request for a table of this shape, on-demand billing. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(PK), string(SK), string(GSI1PK), string(GSI1SK), string(GSI2PK), string(GSI2SK),
                        string(GSI3PK), string(GSI3SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(GSI1)
                        .keySchema(key(GSI1PK, KeyType.HASH), key(GSI1SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build(),
                        GlobalSecondaryIndex.builder()
                        .indexName(GSI2)
                        .keySchema(key(GSI2PK, KeyType.HASH), key(GSI2SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build(),
                        GlobalSecondaryIndex.builder()
                        .indexName(GSI3)
                        .keySchema(key(GSI3PK, KeyType.HASH), key(GSI3SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
