package socialdesk.aws.dynamo;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    public static final String TTL = "expiresAt";

    private TableDefinition() {
    }

    /** The CreateTable request body for a table of this shape, on-demand billing. */
    public static Map<String, Object> createTableRequest(String tableName) {
        return Map.of(
                "TableName", tableName,
                "BillingMode", "PAY_PER_REQUEST",
                "AttributeDefinitions", Stream.of(PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK)
                        .map(name -> Map.of("AttributeName", name, "AttributeType", "S")).toList(),
                "KeySchema", keySchema(PK, SK),
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", GSI1, "KeySchema", keySchema(GSI1PK, GSI1SK),
                                "Projection", Map.of("ProjectionType", "KEYS_ONLY")),
                        Map.of("IndexName", GSI2, "KeySchema", keySchema(GSI2PK, GSI2SK),
                                "Projection", Map.of("ProjectionType", "ALL"))));
    }

    private static List<Map<String, String>> keySchema(String hash, String range) {
        return List.of(Map.of("AttributeName", hash, "KeyType", "HASH"), Map.of("AttributeName", range, "KeyType", "RANGE"));
    }
}
