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
}
