/**
 * Platform APIs on loopback for tests, shipped in this module's test-jar: {@link
 * socialdesk.platforms.fake.FakeMastodon}, {@link socialdesk.platforms.fake.FakeBluesky}, their
 * scriptable base {@link socialdesk.platforms.fake.FakePlatformServer}, and {@link
 * socialdesk.platforms.fake.TestClock} to share "now" between a fake and the code under test.
 */
package socialdesk.platforms.fake;
