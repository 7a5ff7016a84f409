package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageFeaturesTest {

    @Test
    void vietnameseWithoutDiacriticsSharesTheFoldedFeaturesOfTheAccentedText() {
        TriageFeatures.Vector accented = TriageFeatures.of("Chưa nhận được hoàn tiền");
        TriageFeatures.Vector plain = TriageFeatures.of("chua nhan duoc hoan tien");

        List<String> accentedNames = Arrays.asList(accented.name());
        for (String name : plain.name()) {
            assertTrue(accentedNames.contains(name), name + " missing from the accented text's features");
        }
        assertTrue(accentedNames.contains("w:hoàn"), "the word as written is a feature too");
    }

    @Test
    void sameTextGivesTheSameSortedUnitLengthVector() {
        TriageFeatures.Vector a = TriageFeatures.of("Still waiting on my refund!!!");
        TriageFeatures.Vector b = TriageFeatures.of("Still waiting on my refund!!!");

        assertArrayEquals(a.index(), b.index());
        double norm = 0;
        for (int i = 0; i < a.size(); i++) {
            norm += a.value()[i] * a.value()[i];
            if (i > 0) {
                assertTrue(a.index()[i - 1] < a.index()[i], "indices sorted and distinct");
            }
        }
        assertEquals(1, norm, 1e-5);
    }

    @Test
    void bucketsStayWithinTheTable() {
        for (String name : List.of("f:refund", "b:^ still", "c:<re", "g:all caps", "w:hoàn")) {
            int b = TriageFeatures.bucket(name);
            assertTrue(b >= 0 && b < TriageFeatures.SIZE, name + " -> " + b);
        }
    }

    @Test
    void emptyTextHasOnlyItsBoundaryFeature() {
        assertEquals(1, TriageFeatures.of("").size());
    }
}
