package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the rules and the model are combined, with a hand-made model whose votes are known. */
class CommentTriagePolicyTest {
    private final CommentTriage triage = new CommentTriage(TestModels.voting(
            new String[] {"zorp", "sunday", "refund", "blip"},
            new Category[] {Category.CONCERN, Category.ABUSE, Category.PRAISE, Category.QUESTION}));

    @Test
    void whereNoCueFiresTheModelDecidesAndAConcernGetsSeverityAndACalmReply() {
        TriageResult r = triage.triage("zorp zorp zorp", "en");

        assertEquals(Category.CONCERN, r.category());
        assertEquals(Severity.MEDIUM, r.severity());
        assertNotNull(r.suggestion());
        assertNotNull(r.suggestion().reply());
        assertTrue(r.confidence() > 0.8, "confidence " + r.confidence());
        assertTrue(r.reasons().getLast().startsWith("model: CONCERN"), r.reasons().toString());
        assertTrue(r.reasons().getLast().contains("\"zorp\""), r.reasons().toString());
    }

    @Test
    void aModelFlaggedVietnameseConcernIsAnsweredInVietnamese() {
        TriageResult r = triage.triage("zorp zorp zorp", "vi");

        assertEquals(Category.CONCERN, r.category());
        assertEquals("vi", r.lang());
        assertTrue(r.suggestion().reply().contains("bạn"), r.suggestion().reply());
    }

    @Test
    void aStrongRuleCueDecidesWhateverTheModelSays() {
        TriageResult r = triage.triage("Charged twice and still no refund!", "en");

        assertEquals(Category.CONCERN, r.category());
        assertEquals(Severity.HIGH, r.severity());
        assertTrue(r.confidence() >= 0.5 && r.confidence() < 0.6, "the model disagrees: " + r.confidence());
        assertTrue(r.reasons().getLast().startsWith("model: PRAISE"), r.reasons().toString());
    }

    @Test
    void aConfidentModelRaisesAHarmlessRuleDecisionToAbuse() {
        TriageResult rules = CommentTriage.byRules("Is the store open on Sunday?", "en");
        TriageResult r = triage.triage("Is the store open on Sunday?", "en");

        assertEquals(Category.QUESTION, rules.category());
        assertEquals(Category.ABUSE, r.category());
        assertEquals(Action.HIDE_OR_REPORT, r.suggestion().action());
        assertTrue(r.reasons().getLast().endsWith("over the rules' QUESTION"), r.reasons().toString());
    }

    @Test
    void aModelGuessThatIsNotFlaggedNeverOverridesACue() {
        TriageResult r = triage.triage("Your managers are a bunch of idiots blip blip", "en");

        assertEquals(Category.ABUSE, r.category());
    }

    @Test
    void aHarmlessModelDecisionHasNoSuggestion() {
        TriageResult r = triage.triage("blip blip", "en");

        assertEquals(Category.QUESTION, r.category());
        assertEquals(Severity.NONE, r.severity());
        assertNull(r.suggestion());
    }
}
