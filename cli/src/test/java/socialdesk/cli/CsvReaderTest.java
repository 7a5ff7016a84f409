package socialdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void readsPlainFieldsAndKeepsEmptyOnes() {
        List<CsvReader.Record> records = CsvReader.parse("a,b,c\n1,,3\n");

        assertEquals(2, records.size());
        assertEquals(List.of("1", "", "3"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        List<CsvReader.Record> records = CsvReader.parse("text,n\n\"Hello, \"\"world\"\"\nsecond line\",1\nnext,2\n");

        assertEquals(List.of("Hello, \"world\"\nsecond line", "1"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(4, records.get(2).line(), "the record after a two-line field starts on line 4");
        assertNull(records.get(1).problem());
    }

    @Test
    void skipsTheByteOrderMarkAndReadsCrlfAndCrLineEnds() {
        List<CsvReader.Record> records = CsvReader.parse("\uFEFFtext,at\r\n\"a\r\nb\",x\r\nc,y\rd,z");

        assertEquals(List.of("text", "at"), records.get(0).fields());
        assertEquals(List.of("a\nb", "x"), records.get(1).fields());
        assertEquals(List.of("c", "y"), records.get(2).fields());
        assertEquals(4, records.get(2).line());
        assertEquals(List.of("d", "z"), records.get(3).fields());
        assertEquals(5, records.get(3).line());
    }

    @Test
    void blankLinesAreSkippedButLineNumbersStayTrue() {
        List<CsvReader.Record> records = CsvReader.parse("h\n\n\nrow\n");

        assertEquals(2, records.size());
        assertEquals(4, records.get(1).line());
    }

    @Test
    void aQuotedEmptyFieldIsARecord() {
        assertEquals(List.of(""), CsvReader.parse("h\n\"\"\n").get(1).fields());
    }

    @Test
    void anUnclosedQuoteAndStrayQuotesAreProblemsOfTheirRecord() {
        assertNotNull(CsvReader.parse("h\n\"never closed,1\n2\n").get(1).problem());
        assertNotNull(CsvReader.parse("h\nab\"c\n").get(1).problem());
        CsvReader.Record after = CsvReader.parse("h\n\"ab\"c,1\n").get(1);
        assertNotNull(after.problem());
        assertNull(CsvReader.parse("h\n\"ab\"  ,1\n").get(1).problem(), "spaces after a closing quote are fine");
    }

    @Test
    void anUnclosedQuoteEndsWithItsLineAndTheNextRowIsStillRead() {
        List<CsvReader.Record> records = CsvReader.parse("text,platforms\n\"Sale starts, mastodon\nNext post,bluesky\n");

        assertEquals(3, records.size());
        assertEquals(List.of("Sale starts, mastodon"), records.get(1).fields());
        assertEquals("a quoted field is not closed on line 2 (close it with \", or double a quote inside a quoted field: \"\")",
                records.get(1).problem());
        assertEquals(List.of("Next post", "bluesky"), records.get(2).fields());
        assertEquals(3, records.get(2).line());
        assertNull(records.get(2).problem());
    }

    @Test
    void anUnclosedQuoteThatMeetsALaterQuoteDoesNotTakeTheNextRowWithIt() {
        List<CsvReader.Record> records = CsvReader.parse("text,platforms\n\"Sale starts,mastodon\n\"Next post\",bluesky\n");

        assertEquals(3, records.size());
        assertEquals(2, records.get(1).line());
        assertNotNull(records.get(1).problem());
        assertEquals(List.of("Next post", "bluesky"), records.get(2).fields());
        assertNull(records.get(2).problem());
    }
}
