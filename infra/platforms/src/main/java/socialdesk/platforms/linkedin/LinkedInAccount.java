package socialdesk.platforms.linkedin;

import java.net.URI;
import java.util.Map;
import socialdesk.platforms.SecretFields;

/**
 * One LinkedIn author: an organization page ({@code urn:li:organization:…}, token with
 * {@code w_organization_social}, the member being an admin or content admin of the page) or a
 * member ({@code urn:li:person:…}, token with {@code w_member_social}).
 *
 * @param apiUrl          {@code https://api.linkedin.com} (tests: loopback)
 * @param accessToken     an OAuth 2.0 access token (LinkedIn's last 60 days)
 * @param author          the author URN
 * @param linkedinVersion the {@code Linkedin-Version} header, {@code YYYYMM}; LinkedIn supports each
 *                        version for about a year, so move it forward now and then
 */
public record LinkedInAccount(URI apiUrl, String accessToken, String author, String linkedinVersion) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.linkedin.com");
    public static final String DEFAULT_VERSION = "202605";

    public LinkedInAccount {
        apiUrl = SecretFields.baseUri(apiUrl, "linkedin", "apiUrl");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("linkedin account has no accessToken");
        }
        if (author == null || !author.strip().matches("urn:li:(organization|person):[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("linkedin author must be urn:li:organization:<id> or urn:li:person:<id>");
        }
        author = author.strip();
        if (linkedinVersion == null || !linkedinVersion.strip().matches("20\\d{2}(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("linkedin linkedinVersion must be YYYYMM, e.g. " + DEFAULT_VERSION);
        }
        linkedinVersion = linkedinVersion.strip();
    }

    public LinkedInAccount(URI apiUrl, String accessToken, String author) {
        this(apiUrl, accessToken, author, DEFAULT_VERSION);
    }

    /**
     * Reads {@code {"accessToken": "...", "author": "urn:li:organization:123", "linkedinVersion": "202605",
     * "apiUrl": "https://api.linkedin.com"}} ({@code linkedinVersion} and {@code apiUrl} optional).
     */
    public static LinkedInAccount fromSecretJson(String json) {
        Map<String, Object> secret = SecretFields.object(json, "linkedin");
        return new LinkedInAccount(
                SecretFields.uri(secret, "linkedin", "apiUrl", DEFAULT_API_URL),
                SecretFields.string(secret, "linkedin", "accessToken"),
                SecretFields.string(secret, "linkedin", "author"),
                secret.get("linkedinVersion") == null ? DEFAULT_VERSION : SecretFields.string(secret, "linkedin", "linkedinVersion"));
    }

    @Override
    public String toString() {
        return "LinkedInAccount[apiUrl=" + apiUrl + ", accessToken=***, author=" + author + ", linkedinVersion=" + linkedinVersion + "]";
    }
}
