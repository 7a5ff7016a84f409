package socialdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static socialdesk.webhook.WebhookTestKit.body;
import static socialdesk.webhook.WebhookTestKit.status;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.amazonaws.services.lambda.runtime.tests.annotations.HandlerParams;
import com.amazonaws.services.lambda.runtime.tests.annotations.Response;
import com.amazonaws.services.lambda.runtime.tests.annotations.Responses;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import socialdesk.aws.testing.TestContext;

/**
 * The platform samples in events/, read by aws-lambda-java-tests as Lambda's Java runtime reads
 * them, through the real handler over dynalite with the test secrets they are signed with.
 */
class WebhookSampleEventsTest {

    @ParameterizedTest
    @HandlerParams(
            events = @Events(type = APIGatewayV2HTTPEvent.class, events = {
                    @Event("events/meta-handshake.json"), @Event("events/x-crc.json"), @Event("events/linkedin-challenge.json")}),
            responses = @Responses(type = APIGatewayV2HTTPResponse.class, responses = {
                    @Response("responses/meta-handshake.json"), @Response("responses/x-crc.json"),
                    @Response("responses/linkedin-challenge.json")}))
    void eachHandshakeGetsThePlatformsExpectedAnswer(APIGatewayV2HTTPEvent handshake, APIGatewayV2HTTPResponse expected) {
        WebhookTestKit kit = new WebhookTestKit();

        APIGatewayV2HTTPResponse response = kit.handler.handleRequest(handshake, TestContext.of("platform-webhook", "handshake"));

        assertEquals(expected, response);
        assertEquals(0, kit.itemCount());
    }

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
            @Event("events/meta-feed-comment.json"), @Event("events/meta-feed-comment-edit.json"),
            @Event("events/meta-feed-comment-remove.json"), @Event("events/meta-feed-reaction.json"),
            @Event("events/meta-feed-reaction-remove.json"), @Event("events/meta-feed-share.json"),
            @Event("events/instagram-comment.json"), @Event("events/instagram-mention.json"),
            @Event("events/x-tweet-create.json"), @Event("events/x-favorite.json"),
            @Event("events/linkedin-comment.json"), @Event("events/linkedin-like.json")})
    void eachSignedDeliveryIsVerifiedOverItsExactBytesAndStored(APIGatewayV2HTTPEvent delivery) {
        WebhookTestKit kit = new WebhookTestKit().withOurPosts();
        int before = kit.itemCount();

        Map<String, Object> response = kit.invoke(delivery);

        assertEquals(200, status(response), body(response));
        assertTrue(kit.itemCount() > before, () -> "nothing stored for " + delivery.getRawPath() + ": " + body(response));
    }
}
