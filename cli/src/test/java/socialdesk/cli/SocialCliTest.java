package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import socialdesk.core.json.Json;

class SocialCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return SocialCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<Map<String, Object>> outputLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.parseObject(line));
            }
        }
        return lines;
    }

    @Test
    void triageWritesOneJsonLinePerInputInTheDocumentedFieldOrder() {
        int status = run("""
                {"id":"c1","text":"Charged twice and still no refund!"}
                {"id":"c2","text":"Quán mở cửa mấy giờ vậy ạ?","lang":"vi"}
                """, "triage");
        assertEquals(0, status);
        List<Map<String, Object>> lines = outputLines();
        assertEquals(2, lines.size());
        Map<String, Object> first = lines.get(0);
        assertEquals(List.of("id", "category", "flagged", "severity", "lang", "confidence", "reasons", "suggestion"),
                List.copyOf(first.keySet()));
        assertEquals("c1", first.get("id"));
        assertEquals("CONCERN", first.get("category"));
        assertEquals(true, first.get("flagged"));
        assertEquals("high", first.get("severity"));
        assertEquals("en", first.get("lang"));
        assertEquals("QUESTION", lines.get(1).get("category"));
        assertEquals("none", lines.get(1).get("severity"));
        assertFalse(lines.get(1).containsKey("suggestion"));
    }

    @Test
    void badLinesGetAnErrorLineAndTheOthersStillRun() {
        int status = run("""
                this is not json
                {"id":"no-text"}
                {"id":7,"text":42}
                {"id":"ok","text":"love it"}
                """, "triage");
        assertEquals(0, status);
        List<Map<String, Object>> lines = outputLines();
        assertEquals(4, lines.size());
        assertTrue(((String) lines.get(0).get("error")).startsWith("line 1: not a JSON object"));
        assertFalse(lines.get(0).containsKey("id"));
        assertEquals("no-text", lines.get(1).get("id"));
        assertTrue(((String) lines.get(1).get("error")).contains("missing \"text\""));
        assertEquals(7L, lines.get(2).get("id"));
        assertEquals("PRAISE", lines.get(3).get("category"));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Exception"));
    }

    @Test
    void evaluatePrintsPerCategoryScoresPerLanguageAndDavidsonShares(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labelled.jsonl");
        Files.writeString(file, """
                {"id":"1","lang":"en","text":"My order never arrived","category":"CONCERN","severity":"medium"}
                {"id":"2","lang":"vi","text":"Shop ơi còn size M không ạ?","category":"QUESTION","severity":"none"}
                {"id":"3","lang":"en","text":"you are all idiots","category":"ABUSE","severity":"medium"}
                {"id":"4","text":"@someone you faggot","davidson_class":"hate_speech"}
                {"id":"5","text":"early bird catches the worm","davidson_class":"neither"}
                """);
        int status = run("", "triage", "--evaluate", file.toString());
        assertEquals(0, status);
        String report = out.toString(StandardCharsets.UTF_8);
        for (String expected : new String[] {"[en]", "[vi]", "[all]", "CONCERN", "macro-F1", "flagged P",
                "hate_speech flagged ABUSE 1.000 (1/1)", "neither not flagged 1.000 (1/1)"}) {
            assertTrue(report.contains(expected), () -> "missing " + expected + " in\n" + report);
        }
    }

    @Test
    void evaluateNamesTheLineThatIsNotJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"text\":\"ok\",\"category\":\"NEUTRAL\"}\nbroken line\n");

        assertEquals(1, run("", "triage", "--evaluate", file.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("broken.jsonl line 2 is not a JSON object"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evaluateReadsTheRepositorysHeldOutDavidsonTweets() {
        String root = System.getProperty("project.root");
        Path tweets = (root != null ? Path.of(root) : Path.of("..")).resolve("data/davidson-dev.jsonl");

        assertEquals(0, run("", "triage", "--evaluate", tweets.toString()));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("hate_speech flagged ABUSE") && report.contains("/120)"), report);
    }

    @Test
    void crossValidationRefusesAnUnknownCorpusByName() {
        assertEquals(1, run("", "triage", "--cross-validate", "--corpora", "davidson_neither,tiktok"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unknown corpus 'tiktok'") && text.contains("YOUTUBE_SPAM"), text);
    }

    @Test
    void benchPrintsMicrosecondsPerComment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"text\":\"no refund yet\"}\n{\"id\":\"2\",\"text\":\"ngon quá\"}\n");
        assertEquals(0, run("", "triage", "--bench", file.toString(), "--passes", "3"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("per comment (us): min"), text);
        assertTrue(text.contains("median") && text.contains("p99"), text);
    }

    @Test
    void missingReportFileIsAPreciseMessage() {
        assertEquals(1, run("", "triage", "--evaluate", "/no/such/file.jsonl"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file: /no/such/file.jsonl"));
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() {
        assertEquals(2, run("", "frobnicate"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unknown command 'frobnicate'"));
        assertTrue(text.contains("usage: social"));
    }

    @Test
    void unknownTriageOptionExitsTwo() {
        assertEquals(2, run("", "triage", "--nope"));
    }
}
