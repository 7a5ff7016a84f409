package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TriageModelTest {
    private final TriageModel model = TestModels.voting(new String[] {"zorp"}, new Category[] {Category.CONCERN});

    @Test
    void predictsTheCategoryAWordVotesForWithProbabilitiesThatSumToOne() {
        TriageModel.Prediction p = model.predict("zorp zorp, again");

        assertEquals(Category.CONCERN, p.category());
        double sum = 0;
        for (Category c : Category.values()) {
            sum += p.probability(c);
        }
        assertEquals(1, sum, 1e-9);
        assertTrue(p.probability(Category.CONCERN) > 0.8, "probability " + p.probability(Category.CONCERN));
        assertEquals("\"zorp\"", p.evidence().getFirst());
    }

    @Test
    void writingAndReadingKeepsEveryByte() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        model.write(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        TriageModel.read(new ByteArrayInputStream(first.toByteArray())).write(second);

        assertArrayEquals(first.toByteArray(), second.toByteArray());
    }

    @Test
    void aFileOfAnotherFormatIsRefusedWithAReason() {
        IOException e = assertThrows(IOException.class,
                () -> TriageModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        assertTrue(e.getMessage().contains("triage model"), e.getMessage());
    }

    @Test
    void theShippedModelLoadsAndJudgesAnUnaccentedVietnameseComplaint() {
        TriageModel.Prediction p = TriageModel.standard().predict("shop lam an kieu gi vay, giao sai hang 2 lan roi ma khong ai tra loi");

        assertTrue(p.category().flagged(), p.category() + " " + p.evidence());
        assertTrue(!p.evidence().isEmpty());
    }
}
