package socialdesk.webhook;

import java.util.Optional;

/**
 * The platforms' webhook credentials. Empty when the platform is not configured for this
 * deployment (its route then answers 404). Implementations read on first use and cache.
 */
interface WebhookSecrets {
    /** Meta's app secret (signs POSTs) and the verify token chosen when subscribing. */
    record Meta(String appSecret, String verifyToken) {
    }

    Optional<Meta> meta();

    /** X's consumer secret (API secret key). */
    Optional<String> xConsumerSecret();

    /** LinkedIn's client secret. */
    Optional<String> linkedInClientSecret();
}
