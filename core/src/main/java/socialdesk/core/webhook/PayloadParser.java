package socialdesk.core.webhook;

import java.time.Instant;

/** Turns one platform's parsed webhook JSON into engagement events. Pure: no I/O. */
public interface PayloadParser {
    /**
     * @param json       the parsed body (any JSON value)
     * @param receivedAt when the delivery arrived; the time of entries that carry none
     * @throws MalformedPayloadException when the envelope is not the platform's
     */
    ParsedDelivery parse(Object json, Instant receivedAt);
}
