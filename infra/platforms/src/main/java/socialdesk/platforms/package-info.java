/**
 * One adapter per social platform, each a {@link socialdesk.core.publish.PlatformPublisher} over
 * {@link java.net.http.HttpClient}.
 *
 * <p>Adding a platform (X, LinkedIn, Facebook...): a sub-package with an account record read from
 * its secret ({@code fromSecretJson}, errors naming fields, {@code toString} hiding secrets) and a
 * publisher that takes {@code (HttpClient, Account, Clock)} and holds a {@link socialdesk.platforms.PlatformHttp}.
 * The publisher checks its core {@code ContentRules} before any request, handles only what is
 * special about its platform (idempotency, sessions, error codes) and leaves status classes,
 * rate-limit headers and network failures to {@code PlatformHttp}. {@code publish} never throws.
 * Tests run it against a fake built on {@code socialdesk.platforms.fake.FakePlatformServer} (test-jar).
 */
package socialdesk.platforms;
