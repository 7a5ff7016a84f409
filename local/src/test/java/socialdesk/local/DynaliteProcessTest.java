package socialdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.template.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite as the local stack runs it survives a client that goes away mid-request, as a function
 * JVM killed while writing does: the request is dropped, the table stays up (dynalite 4.0.0 on its
 * own dies with an uncaught "aborted").
 */
class DynaliteProcessTest {
    @TempDir
    Path data;

    @Test
    void aClientKilledMidRequestDoesNotTakeTheTableDown() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        try (DynaliteProcess dynalite = DynaliteProcess.start(Template.ROOT, new LocalDesk.Ports(0).next(), data, said::add);
             DynamoDbClient dynamo = LocalDesk.dynamoAt(dynalite.endpoint(), LocalIdentity.resolve(Map.of(), true))) {
            URI endpoint = URI.create(dynalite.endpoint());
            try (Socket half = new Socket(endpoint.getHost(), endpoint.getPort())) {
                OutputStream out = half.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                        + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: 4096\r\n\r\n{\"TableName\":")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            long until = System.nanoTime() + 5_000_000_000L;
            while (said.stream().noneMatch(l -> l.contains("went away mid-request")) && System.nanoTime() < until) {
                Thread.sleep(50);
            }

            assertEquals(List.of(), dynamo.listTables().tableNames(), "still answering");
            assertTrue(ProcessHandle.of(dynalite.pid()).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(said.stream().anyMatch(l -> l.contains("went away mid-request")), said.toString());
        }
    }
}
