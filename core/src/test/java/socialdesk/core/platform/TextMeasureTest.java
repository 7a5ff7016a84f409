package socialdesk.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextMeasureTest {

    @ParameterizedTest(name = "{0} is {1} grapheme(s)")
    @CsvSource({
            "'\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66', 1", // family, ZWJ sequence
            "'\uD83C\uDDFB\uD83C\uDDF3', 1",                                     // flag VN (regional indicators)
            "'\uD83D\uDC4D\uD83C\uDFFD', 1",                                     // thumbs up, skin tone
            "'\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08', 1",                         // rainbow flag, VS16 + ZWJ
            "'e\u0301', 1",                                                      // e + combining acute
            "'Tiê\u0301ng Việt', 10",                                            // decomposed and precomposed Vietnamese
            "'日本語のテキスト', 8",
            "'\u0915\u094D\u0937', 1",                                           // Devanagari conjunct
            "'a\r\nb', 3",
            "'', 0"
    })
    void countsUserPerceivedCharacters(String text, int expected) {
        assertEquals(expected, TextMeasure.graphemes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "Tiếng Việt", "日本語", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301", "lone \uD83D high"})
    void utf8LengthMatchesTheEncoder(String text) {
        assertEquals(TextMeasure.utf8LengthByEncoding(text), TextMeasure.utf8Length(text));
    }
}
