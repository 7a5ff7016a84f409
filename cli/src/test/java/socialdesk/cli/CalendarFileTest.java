package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.template.Template;

class CalendarFileTest {
    private static final Path ROOT = Template.findRoot(Path.of(""));

    @Test
    void theSampleCalendarsOfTheReadmeReadTheSameAndCleanly() {
        List<CalendarFile.Row> csv = CalendarFile.read(ROOT.resolve("examples/calendar.csv"));
        List<CalendarFile.Row> yaml = CalendarFile.read(ROOT.resolve("examples/calendar.yaml"));

        assertEquals(3, csv.size());
        assertTrue(csv.stream().allMatch(r -> r.problems().isEmpty()), csv.toString());
        assertTrue(yaml.stream().allMatch(r -> r.problems().isEmpty()), yaml.toString());
        for (int i = 0; i < 3; i++) {
            Map<String, Object> a = new java.util.LinkedHashMap<>(csv.get(i).request());
            Map<String, Object> b = new java.util.LinkedHashMap<>(yaml.get(i).request());
            a.remove("clientToken");
            b.remove("clientToken");
            assertEquals(a, b);
        }
        assertEquals(List.of(2, 3, 4), csv.stream().map(CalendarFile.Row::line).toList());
        assertEquals(List.of(2, 6, 10), yaml.stream().map(CalendarFile.Row::line).toList());
    }

    @Test
    void theClientTokenDependsOnTheFileNameAndTheRowOnly() {
        Map<String, Object> row = Map.of("text", "Hello", "platforms", List.of("mastodon"), "at", "2027-01-12T09:00:00+07:00");

        assertEquals(CalendarFile.clientToken("a.csv", row), CalendarFile.clientToken("a.csv", Map.copyOf(row)));
        assertNotEquals(CalendarFile.clientToken("a.csv", row), CalendarFile.clientToken("b.csv", row));
        assertTrue(CalendarFile.clientToken("a.csv", row).matches("import-[0-9a-f]{40}"));
    }

    @Test
    void yamlTakesOnlyYamlBooleansForEvergreenAndNextSlot() {
        List<CalendarFile.RawRow> rows = CalendarFile.yamlRows("c.yaml", """
                - text: Quoted yes is text
                  platforms: [mastodon]
                  at: 2027-01-12T09:00:00+07:00
                  evergreen: "yes"
                - text: A real boolean
                  platforms: [mastodon]
                  next_slot: true
                  evergreen: false
                """);

        assertEquals(List.of("evergreen must be true or false, not the text \"yes\" (drop the quotes)"), rows.get(0).problems());
        CalendarFile.Row second = CalendarFile.toRow("c.yaml", ROOT, rows.get(1));
        assertEquals(List.of(), second.problems());
        assertEquals(true, second.request().get("nextSlot"));
    }

    @Test
    void aTimeWithItsZoneInBracketsIsAcceptedAndATimeWithoutOffsetIsExplained() {
        List<CalendarFile.RawRow> rows = CalendarFile.csvRows("c.csv", """
                text,platforms,at
                Hi,mastodon,2027-01-01T09:00:00+07:00[Asia/Ho_Chi_Minh]
                Hi,mastodon,2027-01-01T09:00:00
                """);

        assertEquals(List.of(), CalendarFile.toRow("c.csv", ROOT, rows.get(0)).problems());
        assertEquals(List.of("at '2027-01-01T09:00:00' has no offset: add the UTC offset it is in (e.g. 2026-11-27T09:00:00+07:00)"),
                CalendarFile.toRow("c.csv", ROOT, rows.get(1)).problems());
    }

    @Test
    void imageColumnsBecomeImagesWithTheirAltTextInBothFormats() {
        List<CalendarFile.RawRow> csv = CalendarFile.csvRows("c.csv", """
                text,platforms,at,Image 1,Alt 1,image_2,alt_2
                Opening,instagram;bluesky,2027-01-01T09:00:00+07:00,https://cdn.example.com/a.jpg,"The shop, open",https://cdn.example.com/b.jpg,The team
                No alt,bluesky,2027-01-01T09:00:00+07:00,https://cdn.example.com/a.jpg,,,Orphan alt
                """);
        List<CalendarFile.RawRow> yaml = CalendarFile.yamlRows("c.yaml", """
                - text: Opening
                  platforms: [instagram, bluesky]
                  at: 2027-01-01T09:00:00+07:00
                  image_1: https://cdn.example.com/a.jpg
                  alt_1: The shop, open
                  image_2: https://cdn.example.com/b.jpg
                  alt_2: The team
                """);

        List<Object> expected = List.of(Map.of("url", "https://cdn.example.com/a.jpg", "alt", "The shop, open"),
                Map.of("url", "https://cdn.example.com/b.jpg", "alt", "The team"));
        assertEquals(expected, CalendarFile.toRow("c.csv", ROOT, csv.get(0)).request().get("images"));
        // The client token hashes the request's JSON: its keys must come out in the same order in every run.
        assertTrue(socialdesk.core.json.Json.write(CalendarFile.toRow("c.csv", ROOT, csv.get(0)).request())
                .contains("\"images\":[{\"url\":\"https://cdn.example.com/a.jpg\",\"alt\":\"The shop, open\"},{\"url\""));
        assertEquals(expected, CalendarFile.toRow("c.yaml", ROOT, yaml.get(0)).request().get("images"));
        assertEquals(List.of("image_1 has no alt_1 (what the image shows, for people who cannot see it)", "alt_2 without image_2"),
                CalendarFile.toRow("c.csv", ROOT, csv.get(1)).problems());
    }

    /** The smallest files whose first bytes make a PNG and a JPEG. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

    @Test
    void anImageColumnNamingAFileNextToTheCalendarIsCheckedHereAndUploadedAtImport(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("photos"));
        Files.write(dir.resolve("photos/shop.png"), PNG);
        Files.writeString(dir.resolve("notes.txt"), "not a picture");
        Files.write(dir.resolve("empty.jpg"), new byte[0]);
        List<CalendarFile.RawRow> rows = CalendarFile.csvRows("c.csv", """
                text,platforms,at,image_1,alt_1,image_2,alt_2
                Opening,mastodon,2027-01-01T09:00:00+07:00,https://cdn.example.com/a.jpg,The sign,photos/shop.png,The shop
                Missing,mastodon,2027-01-01T09:00:00+07:00,photos/none.png,Nothing,,
                Wrong,mastodon,2027-01-01T09:00:00+07:00,notes.txt,Text,empty.jpg,Empty
                Folder,mastodon,2027-01-01T09:00:00+07:00,photos,A folder,,
                """);

        CalendarFile.Row opening = CalendarFile.toRow("c.csv", dir, rows.get(0));
        assertEquals(List.of(), opening.problems());
        assertEquals(java.util.Set.of(1), opening.files().keySet(), "the second image is the file");
        assertEquals("image/png", opening.files().get(1).contentType());
        Map<String, Object> sent = opening.requestWithUploads(file -> "media://uploads/" + file.path().getFileName());
        assertEquals(List.of(Map.of("url", "https://cdn.example.com/a.jpg", "alt", "The sign"),
                Map.of("url", "media://uploads/shop.png", "alt", "The shop")), sent.get("images"));
        assertEquals(opening.request().get("clientToken"), sent.get("clientToken"));

        assertEquals(List.of("image_1 'photos/none.png' is not an http(s) URL and there is no such file ("
                + dir.resolve("photos/none.png") + ")"), CalendarFile.toRow("c.csv", dir, rows.get(1)).problems());
        assertEquals(List.of("image_1 'notes.txt' is not a JPEG, PNG, GIF or WebP image",
                "image_2 'empty.jpg' is not a JPEG, PNG, GIF or WebP image (it is empty)"), CalendarFile.toRow("c.csv", dir, rows.get(2)).problems());
        assertEquals(List.of("image_1 'photos' is a folder, not an image file"), CalendarFile.toRow("c.csv", dir, rows.get(3)).problems());
    }

    @Test
    void theClientTokenOfARowWithAFileFollowsItsContentNotItsPath(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("a/photo.png"), PNG);
        Files.write(dir.resolve("b/photo.png"), PNG);
        Files.write(dir.resolve("b/other.jpg"), JPEG);
        String header = "text,platforms,at,image_1,alt_1\n";
        java.util.function.Function<String, Object> tokenOf = file -> CalendarFile.toRow("c.csv", dir, CalendarFile.csvRows("c.csv",
                header + "Hi,mastodon,2027-01-01T09:00:00+07:00," + file + ",Alt\n").get(0)).request().get("clientToken");

        assertEquals(tokenOf.apply("a/photo.png"), tokenOf.apply("b/photo.png"), "the same picture moved is the same post");
        assertNotEquals(tokenOf.apply("a/photo.png"), tokenOf.apply("b/other.jpg"), "another picture is another post");
    }
}
