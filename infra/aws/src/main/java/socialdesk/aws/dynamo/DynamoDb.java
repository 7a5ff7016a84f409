package socialdesk.aws.dynamo;

import java.util.Map;
import java.util.function.Consumer;
import socialdesk.aws.client.AwsJsonClient;
import socialdesk.aws.client.AwsServiceException;
import socialdesk.aws.client.CredentialsProvider;
import socialdesk.aws.client.ServiceEndpoint;
import socialdesk.aws.client.Transport;
import socialdesk.core.json.JsonRead;

/**
 * The DynamoDB operations this project uses, over the JSON 1.0 protocol. Built once per container;
 * safe to share between threads.
 */
public final class DynamoDb {
    private final AwsJsonClient client;

    public DynamoDb(ServiceEndpoint endpoint, CredentialsProvider credentials, Transport transport) {
        this.client = new AwsJsonClient(endpoint, "DynamoDB_20120810", "1.0", credentials, transport);
    }

    public DynamoResponse getItem(Consumer<DynamoRequest> request) {
        return call("GetItem", request);
    }

    /** @throws ConditionalCheckFailedException when the condition expression was false */
    public DynamoResponse putItem(Consumer<DynamoRequest> request) {
        return call("PutItem", request);
    }

    /** @throws ConditionalCheckFailedException when the condition expression was false */
    public DynamoResponse updateItem(Consumer<DynamoRequest> request) {
        return call("UpdateItem", request);
    }

    /** @throws ConditionalCheckFailedException when the condition expression was false */
    public DynamoResponse deleteItem(Consumer<DynamoRequest> request) {
        return call("DeleteItem", request);
    }

    public DynamoResponse query(Consumer<DynamoRequest> request) {
        return call("Query", request);
    }

    public DynamoResponse scan(Consumer<DynamoRequest> request) {
        return call("Scan", request);
    }

    /** Creates a table from its JSON definition ({@link TableDefinition#createTableRequest}). */
    public void createTable(Map<String, Object> definition) {
        client.call("CreateTable", definition);
    }

    /** The table's status ({@code ACTIVE}, {@code CREATING}, ...); an {@link AwsServiceException} with code {@code ResourceNotFoundException} when there is none. */
    public String tableStatus(String table) {
        Object status = JsonRead.at(client.call("DescribeTable", Map.of("TableName", table)), "Table", "TableStatus");
        return status == null ? "UNKNOWN" : status.toString();
    }

    private DynamoResponse call(String operation, Consumer<DynamoRequest> spec) {
        DynamoRequest request = new DynamoRequest();
        spec.accept(request);
        try {
            return new DynamoResponse(client.call(operation, request.body()));
        } catch (AwsServiceException e) {
            if ("ConditionalCheckFailedException".equals(e.code())) {
                throw new ConditionalCheckFailedException(e);
            }
            throw e;
        }
    }
}
