/**
 * One adapter per social platform, each a {@link socialdesk.core.publish.PlatformPublisher} over
 * {@link java.net.http.HttpClient}.
 *
 * <p>Adding a platform: a sub-package with an account record read from its secret
 * ({@code fromSecretJson}, errors naming fields, {@code toString} hiding secrets, a configurable base
 * URL so tests can point at loopback) and a publisher that takes {@code (HttpClient, Account, Clock)}
 * and holds a {@link socialdesk.platforms.PlatformHttp}. The publisher checks its core
 * {@code ContentRules} before any request, handles only what is special about its platform
 * (idempotency, duplicates, error bodies) and leaves status classes, rate-limit headers, network
 * failures and refused credentials ({@code CredentialsRejected}) to {@code PlatformHttp}. Meta's
 * platforms (Facebook, Instagram, Threads) share {@link socialdesk.platforms.meta.GraphClient} and
 * {@link socialdesk.platforms.meta.GraphErrors}. {@code publish} never throws, and no reason ever
 * carries a token or a URL that holds one. Tests run it against a fake built on
 * {@code socialdesk.platforms.fake.FakePlatformServer} (test-jar).
 */
package socialdesk.platforms;
