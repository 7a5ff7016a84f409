package socialdesk.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The general complaint and abuse cues: each test names a class of cue and checks it on sentences written
 * for this test, in several wordings, so that a cue that only matches one sentence does not pass.
 */
class GeneralCuesTest {
    private final CommentTriage triage = CommentTriage.standard();

    private TriageResult run(String text) {
        return triage.triage(text, null);
    }

    private void assertAll(Category expected, String... texts) {
        for (String text : texts) {
            TriageResult r = run(text);
            assertEquals(expected, r.category(), () -> text + " -> " + r);
        }
    }

    private void assertAll(Category expected, Severity severity, String... texts) {
        for (String text : texts) {
            TriageResult r = run(text);
            assertEquals(expected, r.category(), () -> text + " -> " + r);
            assertEquals(severity, r.severity(), () -> text + " -> " + r);
        }
    }

    private void assertNotFlagged(String... texts) {
        for (String text : texts) {
            TriageResult r = run(text);
            assertFalse(r.flagged(), () -> text + " -> " + r);
        }
    }

    // ---- concerns, English

    @Test
    void moneyTakenWronglyIsAHighConcern() {
        assertAll(Category.CONCERN, Severity.HIGH,
                "I was billed twice for the same subscription this month.",
                "They keep charging my card even though I cancelled in March.",
                "The landlord kept our deposit and won't say why.",
                "Cashier shortchanged me and then denied it.",
                "Got a bill for a plan I never signed up for.");
    }

    @Test
    void silenceFromTheCompanyIsAConcern() {
        assertAll(Category.CONCERN,
                "Sent three emails about the blender, not a single reply.",
                "Your rep promised a callback. Never called me back.",
                "Messaged support on Monday and was left on read.");
    }

    @Test
    void cancellationsWithoutNoticeAndEndlessWaitsAreConcerns() {
        assertAll(Category.CONCERN,
                "My appointment got cancelled without any notice.",
                "The yoga class was rescheduled at the last minute again.",
                "Internet has been dropping every night for two weeks now.");
    }

    @Test
    void brokenWrongOrMisdescribedGoodsAreConcerns() {
        assertAll(Category.CONCERN,
                "The lamp arrived broken and the box was soaked.",
                "Booked a twin room and got a double, reception said nothing they can do.",
                "Paid for the large set, not what I paid for at all.");
    }

    @Test
    void healthInjurySafetyDataAndDiscriminationAreHigh() {
        assertAll(Category.CONCERN, Severity.HIGH,
                "The new face cream gave me a rash and my cheeks are swollen.",
                "My kid slipped on the wet floor by the pool, there was no sign.",
                "The clinic misdiagnosed my sprain.",
                "Someone logged into my account and ordered things with my card.",
                "Your branch gave my phone number to a debt collector.",
                "The guard treated us differently because of our accent, that is discrimination.");
    }

    @Test
    void aPlainStatementThatSomethingWentWrongIsNotNeutral() {
        assertAll(Category.CONCERN, "My flight was cancelled this morning and I found out at the gate.");
    }

    @Test
    void blockedCoreActionsRefusalsAndUnwantedContactAreConcerns() {
        assertAll(Category.CONCERN,
                "Since the update I can't log in on my tablet at all.",
                "The store refused to honour the warranty over a tiny scuff.",
                "My jacket took 12 days to arrive with express shipping. Took 12 days.",
                "Please stop calling me about the upgrade, I said no twice.");
    }

    @Test
    void aProblemToldOnlyToSayItWasPutRightIsPraise() {
        assertAll(Category.PRAISE,
                "Headphones arrived broken, they sent a replacement the very next morning. Thank you!",
                "app bị lỗi đăng nhập, nhắn page là xử lý nhanh luôn");
        assertAll(Category.CONCERN, "The app was broken for a week and it is still not fixed.");
    }

    // ---- concerns, Vietnamese (with and without diacritics, teen-code)

    @Test
    void vietnameseMoneyLossIsAHighConcern() {
        assertAll(Category.CONCERN, Severity.HIGH,
                "Tôi bị trừ tiền 2 lần cho cùng một đơn",
                "thanh toan xong moi thay phi an, mat 50k oan",
                "app tự trừ tiền oan mà không ai giải thích");
    }

    @Test
    void vietnameseNoReplyCancellationAndWrongGoodsAreConcerns() {
        assertAll(Category.CONCERN,
                "Nhắn page từ thứ 2 tới giờ vẫn chưa ai rep",
                "ib shop seen ko rep luôn",
                "Lớp học bị dời lịch 3 lần mà không báo trước",
                "đặt áo đen mà giao áo trắng, đổi thì bắt chịu phí ship",
                "ship toi noi thi hop bi mop, ben trong vo het");
    }

    @Test
    void vietnameseHealthSafetyDataAndDiscriminationAreHigh() {
        assertAll(Category.CONCERN, Severity.HIGH,
                "dùng serum 2 hôm mặt nổi mẩn ngứa rát",
                "ổ cắm trong phòng bị rò điện, con tôi suýt bị điện giật",
                "tai khoan bi chiem quyen, mat het diem",
                "nhân viên phân biệt đối xử với khách đi xe máy");
    }

    @Test
    void vietnameseRefusalLossAndDodgingResponsibilityAreConcerns() {
        assertAll(Category.CONCERN,
                "gửi đồ ở tủ mà bị mất ví, quản lý bảo không chịu trách nhiệm",
                "mang máy đi bảo hành thì bị từ chối vì tem rách",
                "dat lich 8h ma 10h moi duoc kham");
    }

    // ---- abuse

    @Test
    void secondPersonInsultsAreAbuse() {
        assertAll(Category.ABUSE,
                "you people are a bunch of clueless clowns",
                "ur staff r brain dead honestly",
                "Whoever manages this account is a total moron.");
    }

    @Test
    void imperativeContemptIsAbuse() {
        assertAll(Category.ABUSE, "Go to hell, the whole lot of you.", "drop dead admin", "go fuck yourself");
    }

    @Test
    void aBareAccusationThrownWithInsultsIsAbuseButADetailedOneIsAConcern() {
        assertAll(Category.ABUSE, "scam company, you are all idiots", "bọn lừa đảo, đm tụi mày");
        assertAll(Category.CONCERN, "Scam. They took my money and never shipped the order, idiots.");
    }

    @Test
    void threatsAreHighAbuse() {
        assertAll(Category.ABUSE, Severity.HIGH,
                "I hope somebody burns your warehouse down.",
                "Hope your store goes up in flames.",
                "thằng bảo vệ ra đường cẩn thận đấy",
                "tao mà gặp con quản lý thì nó no đòn");
    }

    @Test
    void xenophobiaIsAbuse() {
        assertAll(Category.ABUSE, "Why hire them? Go back to your own country.");
    }

    @Test
    void vietnameseInsultsAndCursesAtSomeoneAreAbuse() {
        assertAll(Category.ABUSE,
                "admin ngu như lợn, đọc cmt cũng không hiểu",
                "con bé thu ngân mặt như con khỉ",
                "dm tui may lam an nhu cc",
                "tổ sư thằng admin",
                "đồ vô học, cút đi",
                "admin có não không vậy",
                "mod page toàn trẻ trâu");
    }

    @Test
    void doxxingIsAThreatButOnesOwnAddressIsData() {
        assertAll(Category.ABUSE, Severity.HIGH, "found the manager's home address, posting it tonight");
        assertAll(Category.CONCERN, Severity.HIGH, "A stranger emailed me with my name and home address from my order. Did you leak it?");
    }

    // ---- precision: what must not be flagged

    @Test
    void negatedComplaintPhrasesAreNotComplaints() {
        assertNotFlagged("No hidden fees, no surprises, just great service.",
                "không có phí ẩn gì cả, rất minh bạch",
                "Never had a single problem with my account in 5 years.");
    }

    @Test
    void complaintWordsInsideAHypotheticalQuestionAreAQuestion() {
        assertAll(Category.QUESTION, "What happens if my flight is delayed, do I get compensation?",
                "nếu hàng bị lỗi thì đổi trả thế nào ạ");
    }

    @Test
    void questionsAboutFeesAndSideEffectsAreNotComplaints() {
        assertNotFlagged("có phụ phí cuối tuần không ạ", "thuốc này có tác dụng phụ gì không ạ",
                "Is there a cancellation fee if I change my booking?");
    }

    @Test
    void wordsThatAreOtherWordsWithoutDiacriticsDoNotMisfire() {
        // "chi nhanh" is chi nhánh (branch), not nhanh (fast); "em" is a sister, not êm (smooth)
        assertAll(Category.NEUTRAL, "hom qua moi di ngang qua chi nhanh nay", "Em trai mình làm ở kho bên này");
        // "hoi" is hơi (a bit), not hời (a bargain); "mat" is mất (lost), not mát (cool)
        assertAll(Category.CONCERN, "giao hoi lau, tra sua tan het da", "son nhanh troi, dung 2 tieng la mat mau");
    }

    @Test
    void unaccentedEverydayWordsAreNotComplaintWords() {
        // sap = sắp (soon), not sập; quat = quạt (fan), not quát; loi = lời (word), not lỗi; cham = chấm, not chậm
        assertNotFlagged("sap co hang moi chua shop", "quat dien con mau trang ko shop", "cam on loi khen cua ban",
                "cho minh cham diem san pham o dau", "hu tieu con ban ko quan", "vo minh thich quan nay lam");
        // ... while the same complaints typed without diacritics, in their usual phrases, are still found
        assertAll(Category.CONCERN, "app loi hoai, mo len la bi sap", "giao cham qua, hop bi vo het");
    }

    @Test
    void slangPraiseIsNotAHealthScare() {
        assertAll(Category.PRAISE, "map mới đẹp xỉu 🔥", "trà đào ngon xỉu luôn");
    }

    @Test
    void waitingForAFriendIsNotAComplaint() {
        assertNotFlagged("mình đang chờ bạn tới rồi cùng vào quán", "I'm waiting for my sister at your café lol");
    }

    @Test
    void sincerePraiseWithWouldBeSarcasmIsPraiseButRealSarcasmIsAConcern() {
        assertAll(Category.PRAISE, "Room was spotless and the staff attentive, just great.");
        assertTrue(run("Oh great, the order is late again.").flagged());
    }
}
