package socialdesk.triage.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import socialdesk.core.triage.TriageModel;

/** Training is deterministic: the repository's data gives back the very weights core ships. */
class ShippedModelTest {

    @Test
    void retrainingFromTheRepositoryReproducesTheShippedWeightsByteForByte() throws IOException {
        byte[] shipped;
        try (InputStream in = TriageModel.class.getResourceAsStream(TriageModel.RESOURCE)) {
            assertNotNull(in, "core ships no " + TriageModel.RESOURCE);
            shipped = in.readAllBytes();
        }

        byte[] trained = TriageTraining.trainShippedModel(TrainingData.ofRepository());

        assertEquals(shipped.length, trained.length, "model size");
        assertTrue(Arrays.equals(shipped, trained), "the shipped weights differ from a retraining on data/: "
                + "run ./social triage --train and commit " + TriageTraining.SHIPPED);
    }
}
