package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CommentTriageTest {
    private final CommentTriage triage = CommentTriage.standard();

    private TriageResult run(String text) {
        return triage.triage(text, null);
    }

    private void assertCategory(Category expected, Severity severity, String text) {
        TriageResult r = run(text);
        assertEquals(expected, r.category(), () -> text + " -> " + r);
        assertEquals(severity, r.severity(), () -> text + " -> " + r);
    }

    // ---- categories, English

    @Test
    void refundNotReceivedIsAHighConcern() {
        assertCategory(Category.CONCERN, Severity.HIGH, "It has been a month and still no refund for the cancelled order.");
    }

    @Test
    void ordinaryDeliveryFailureIsAMediumConcern() {
        assertCategory(Category.CONCERN, Severity.MEDIUM, "My parcel never arrived and tracking hasn't moved since Tuesday.");
    }

    @Test
    void mildDisappointmentIsALowConcern() {
        assertCategory(Category.CONCERN, Severity.LOW, "The soup was a bit bland this time, kind of disappointed.");
    }

    @Test
    void insultsWithNothingActionableAreAbuse() {
        assertCategory(Category.ABUSE, Severity.MEDIUM, "Your managers are a bunch of idiots.");
    }

    @Test
    void threatOfViolenceIsHighAbuse() {
        assertCategory(Category.ABUSE, Severity.HIGH, "I know where you live and I'll be waiting outside the store tonight.");
    }

    @Test
    void mockeryIsLowAbuse() {
        assertCategory(Category.ABUSE, Severity.LOW, "who approved this logo lol, so cringe");
    }

    @Test
    void slursAreAbuse() {
        assertCategory(Category.ABUSE, Severity.MEDIUM, "shut up you retard");
    }

    @Test
    void linksAndMoneySchemesAreSpam() {
        assertCategory(Category.SPAM, Severity.NONE, "Earn $300 a day from home, no experience needed, link in bio");
    }

    @Test
    void questionToTheCompanyIsAQuestion() {
        assertCategory(Category.QUESTION, Severity.NONE, "How do I change the delivery address after ordering?");
    }

    @Test
    void praiseIsPraise() {
        assertCategory(Category.PRAISE, Severity.NONE, "Amazing service, the staff were so friendly. Thank you!");
    }

    @Test
    void smallTalkIsNeutral() {
        assertCategory(Category.NEUTRAL, Severity.NONE, "@minh_t look at this lol");
    }

    // ---- categories, Vietnamese with and without diacritics, teen-code

    @Test
    void vietnameseScamAccusationIsAHighConcern() {
        assertCategory(Category.CONCERN, Severity.HIGH, "Shop lừa đảo, giao hàng giả, hoàn tiền cho tôi ngay");
    }

    @Test
    void unaccentedVietnameseComplaintIsUnderstood() {
        TriageResult r = run("don hang giao thieu 2 mon, nhan tin ko ai tra loi");
        assertEquals("vi", r.lang());
        assertEquals(Category.CONCERN, r.category());
        assertEquals(Severity.MEDIUM, r.severity());
    }

    @Test
    void teenCodeIsExpanded() {
        TriageResult r = run("sp nay co size L ko shop? dc thi ib minh nha");
        assertEquals("vi", r.lang());
        assertEquals(Category.QUESTION, r.category(), r::toString);
    }

    @Test
    void vietnameseInsultIsAbuse() {
        assertCategory(Category.ABUSE, Severity.MEDIUM, "admin ngu như bò, óc chó thật sự");
    }

    @Test
    void vietnameseThreatIsHighAbuse() {
        assertCategory(Category.ABUSE, Severity.HIGH, "thằng quản lý liệu hồn, tao biết nhà mày rồi");
    }

    @Test
    void vietnameseSpamIsSpam() {
        assertCategory(Category.SPAM, Severity.NONE, "Việc làm online tại nhà, thu nhập 500k/ngày, ib zalo mình nhé");
    }

    @Test
    void vietnameseQuestionIsAQuestion() {
        assertCategory(Category.QUESTION, Severity.NONE, "Quán có chỗ đậu xe máy không ạ?");
    }

    @Test
    void vietnamesePraiseIsPraise() {
        assertCategory(Category.PRAISE, Severity.NONE, "Nhân viên nhiệt tình, đồ ăn ngon, sẽ quay lại");
    }

    @Test
    void vietnameseSmallTalkIsNeutral() {
        assertCategory(Category.NEUTRAL, Severity.NONE, "Hôm nay Hà Nội lạnh quá mọi người ơi");
    }

    @Test
    void vietnameseWithoutDiacriticsIsDetected() {
        assertEquals("vi", run("cho minh hoi quan mo cua may gio vay").lang());
        assertEquals("en", run("what time do you open on sundays").lang());
    }

    // ---- the hard distinctions

    @Test
    void swornComplaintIsConcernNotAbuse() {
        TriageResult r = run("You idiots charged me twice and nobody answers the damn phone");
        assertEquals(Category.CONCERN, r.category());
        assertEquals(Severity.HIGH, r.severity());
    }

    @Test
    void vietnameseSwornComplaintIsConcern() {
        assertCategory(Category.CONCERN, Severity.MEDIUM, "đm chờ 2 tiếng mà shipper ko tới, gọi ko ai bắt máy");
    }

    @Test
    void casualProfanityNotAimedAtAnyoneIsNotAbuse() {
        assertCategory(Category.PRAISE, Severity.NONE, "holy shit this ramen is fucking good");
        assertCategory(Category.PRAISE, Severity.NONE, "trà sữa ngon vl, đỉnh vcl");
    }

    @Test
    void negatedComplaintIsPraise() {
        assertCategory(Category.PRAISE, Severity.NONE, "Not bad at all, pretty comfy actually");
        assertCategory(Category.PRAISE, Severity.NONE, "Áo chẳng tệ chút nào, vải mát");
    }

    @Test
    void negatedPraiseIsAComplaint() {
        assertEquals(Category.CONCERN, run("the food was not good and the service was not great").category());
    }

    @Test
    void sarcasmIsAConcern() {
        assertEquals(Category.CONCERN, run("great, another 2 hour wait for a pizza. thanks for nothing").category());
        assertEquals(Category.CONCERN, run("Wow, 'fast delivery' they said. Order still hasn't arrived 🙃").category());
    }

    @Test
    void contrastDecidesBetweenPraiseAndComplaint() {
        assertEquals(Category.CONCERN, run("Bánh ngon nhưng giao tới nguội hết rồi").category());
        assertEquals(Category.PRAISE, run("Waited a bit for the table but honestly the food was amazing").category());
    }

    @Test
    void allCapsComplaintKeepsItsSeverityAndSaysSo() {
        TriageResult r = run("MY ORDER NEVER ARRIVED AND NOBODY ANSWERS!!!");
        assertEquals(Category.CONCERN, r.category());
        assertTrue(r.reasons().contains("all caps"), r.reasons()::toString);
    }

    @Test
    void emojiCarryMeaning() {
        assertEquals(Category.PRAISE, run("😍😍🔥").category());
        assertEquals(Category.NEUTRAL, run("👀").category());
        assertEquals(Category.ABUSE, run("imagine buying from these guys 🤡").category());
    }

    @Test
    void elongatedWordsAreRecognised() {
        assertEquals(Category.CONCERN, run("delivery is sooooo slooooow, waiting for 2 hours now").category());
    }

    @Test
    void laughingIsNotAStomachAche() {
        assertFalse(run("Xem clip này cười đau bụng 🤣").flagged());
    }

    // ---- severity rules

    @Test
    void safetyHealthLegalDataAndPressAreHigh() {
        for (String text : new String[] {
                "Got food poisoning after eating your chicken, spent the night in hospital",
                "I'm talking to my lawyer about this contract",
                "My personal data was leaked after I signed up with you",
                "If this isn't fixed today it goes to the press",
                "ăn xong bị ngộ độc phải nhập viện",
                "không giải quyết thì tôi báo công an"}) {
            TriageResult r = run(text);
            assertEquals(Category.CONCERN, r.category(), text);
            assertEquals(Severity.HIGH, r.severity(), text);
        }
    }

    @Test
    void unflaggedCommentsHaveNoSeverityAndNoSuggestion() {
        TriageResult r = run("Do you deliver on Sundays?");
        assertFalse(r.flagged());
        assertEquals(Severity.NONE, r.severity());
        assertNull(r.suggestion());
    }

    // ---- suggestions

    @Test
    void concernGetsACalmReplyInItsLanguageAboutItsTopicWithAPrivateChannel() {
        TriageResult en = run("The jacket arrived torn and the zip is broken");
        assertNotNull(en.suggestion());
        assertEquals(Action.REPLY, en.suggestion().action());
        assertEquals(Topic.QUALITY, en.suggestion().topic());
        assertTrue(en.suggestion().reply().contains("DM"), en.suggestion().reply());

        TriageResult vi = run("Giao hàng chậm quá, 5 ngày rồi chưa nhận được");
        assertEquals("vi", vi.lang());
        assertTrue(vi.suggestion().reply().contains("tin nhắn riêng"), vi.suggestion().reply());
    }

    @Test
    void highSeverityConcernIsEscalatedWithAReply() {
        TriageResult r = run("You sold my number to spammers, this is a data leak");
        assertEquals(Action.ESCALATE, r.suggestion().action());
        assertEquals(Topic.DATA, r.suggestion().topic());
        assertNotNull(r.suggestion().reply());
    }

    @Test
    void replyNeverEchoesInsults() {
        TriageResult r = run("You absolute morons lost my luggage, fucking useless clowns");
        assertEquals(Category.CONCERN, r.category());
        String reply = r.suggestion().reply().toLowerCase(Locale.ROOT);
        for (String word : new String[] {"moron", "fuck", "useless", "clown", "idiot"}) {
            assertFalse(reply.contains(word), reply);
        }
    }

    @Test
    void abuseIsHiddenOrReportedNotAnswered() {
        TriageResult r = run("everyone who works there is a worthless idiot");
        assertEquals(Category.ABUSE, r.category());
        assertEquals(Action.HIDE_OR_REPORT, r.suggestion().action());
        assertNull(r.suggestion().reply());
        assertFalse(r.suggestion().note().isBlank());
    }

    @Test
    void languageHintWins() {
        assertEquals("vi", triage.triage("ok", "vi").lang());
        assertEquals("en", triage.triage("ok", "en").lang());
    }

    @Test
    void emptyAndNullTextAreNeutral() {
        assertEquals(Category.NEUTRAL, triage.triage("", null).category());
        assertEquals(Category.NEUTRAL, triage.triage(null, null).category());
    }

    @Test
    void reasonsAreShort() {
        for (String reason : run("Charged twice, no refund, support closed my ticket, lawyer next").reasons()) {
            assertTrue(reason.length() < 80, reason);
        }
    }
}
