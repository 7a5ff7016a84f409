package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        CalendarFile.Row second = CalendarFile.toRow("c.yaml", rows.get(1));
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

        assertEquals(List.of(), CalendarFile.toRow("c.csv", rows.get(0)).problems());
        assertEquals(List.of("at '2027-01-01T09:00:00' has no offset: add the UTC offset it is in (e.g. 2026-11-27T09:00:00+07:00)"),
                CalendarFile.toRow("c.csv", rows.get(1)).problems());
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
        assertEquals(expected, CalendarFile.toRow("c.csv", csv.get(0)).request().get("images"));
        assertEquals(expected, CalendarFile.toRow("c.yaml", yaml.get(0)).request().get("images"));
        assertEquals(List.of("image_1 has no alt_1 (what the image shows, for people who cannot see it)", "alt_2 without image_2"),
                CalendarFile.toRow("c.csv", csv.get(1)).problems());
    }
}
