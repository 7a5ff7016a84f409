package socialdesk.triage.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The shipped comment weight and thresholds are what the nested search chooses over all labelled
 * comments, the same procedure each outer fold of {@code --cross-validate --nested} runs on its
 * training businesses: nothing shipped was picked by looking at test folds.
 */
class ShippedTuningTest {

    @Test
    void theShippedTuningIsTheSearchsChoiceOverAllComments() throws IOException {
        TrainingData data = TrainingData.ofRepository();

        GroupedCrossValidation.Tuning chosen = GroupedCrossValidation.chooseTuning(data.comments(), data.corpora());

        assertEquals(GroupedCrossValidation.Tuning.SHIPPED, chosen,
                "set Trainer.COMMENT_WEIGHT and CommentTriage's thresholds to the choice, then ./social triage --train");
    }
}
