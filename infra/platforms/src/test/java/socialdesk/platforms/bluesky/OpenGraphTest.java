package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenGraphTest {
    private static final URI PAGE = URI.create("https://shop.example/tin-tuc/khai-truong");

    @Test
    void readsPropertiesWithEitherQuotesEntitiesAndARelativeImage() {
        String html = "<!doctype html><html><head>\n<meta property=\"og:title\" content=\"C&agrave;ph&ecirc; &amp; b&#225;nh &#x1F370;\">"
                + "<META name='description' content='Gi&#7843;m   20%\n c&#7843; tu&#7847;n'>"
                + "<meta content=\"/img/cover.png\" property=\"og:image\"><title>Fallback</title></head>"
                + "<body><meta property=\"og:title\" content=\"not in the head\"></body></html>";

        OpenGraph tags = OpenGraph.read(html.getBytes(StandardCharsets.UTF_8), PAGE);

        assertEquals("C&agrave;ph&ecirc; & bánh 🍰", tags.first("og:title"), "unknown named entities stay as written");
        assertEquals("Giảm 20% cả tuần", tags.first("og:description", "description"));
        assertEquals(URI.create("https://shop.example/img/cover.png"), tags.url("og:image"));
        assertEquals("Fallback", tags.title());
        assertEquals("", tags.first("twitter:title"));
    }

    @Test
    void readsTheCharsetThePageDeclares() {
        String html = "<html><head><meta charset=\"windows-1252\"><meta property=\"og:title\" content=\"Caf\u00e9 \u2013 menu\"></head>";

        OpenGraph tags = OpenGraph.read(html.getBytes(Charset.forName("windows-1252")), PAGE);

        assertEquals("Café – menu", tags.first("og:title"));
    }

    @Test
    void anImageThatIsNotHttpIsIgnored() {
        String html = "<head><meta property=\"og:image\" content=\"javascript:alert(1)\">"
                + "<meta property=\"twitter:image\" content=\"data:image/png;base64,AAAA\"></head>";

        OpenGraph tags = OpenGraph.read(html.getBytes(StandardCharsets.UTF_8), PAGE);

        assertNull(tags.url("og:image"));
        assertNull(tags.url("twitter:image"));
    }
}
