package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextScannerFoldTest {

    /** The fold table decomposes only the Latin blocks; this checks no other character below U+1F00 would fold. */
    @Test
    void everyCharacterFoldsToTheAsciiBaseOfItsDecomposition() {
        for (char c = 0; c < 0x1F00; c++) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char expected = c >= 0xC0 && d.length() > 1 && d.charAt(0) < 0x80 ? d.charAt(0) : c;
            if (c == 'đ') {
                expected = 'd';
            } else if (c == 'Đ') {
                expected = 'D';
            }
            assertEquals(expected, TextScanner.foldChar(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void foldsVietnameseAndLatinAccents() {
        assertEquals("chung minh xin loi vi su bat tien", TextScanner.fold("chúng mình xin lỗi vì sự bất tiện"));
        assertEquals("cafe creme", TextScanner.fold("café crème"));
    }
}
