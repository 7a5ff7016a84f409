package socialdesk.core.triage;

import java.util.EnumMap;
import java.util.Map;

/**
 * Calm public replies for concerns, one per topic and language, and the desk notes that go with
 * each action. A reply names the subject so the person sees they were read, never repeats what
 * they said, and moves account details to a private channel.
 */
final class Replies {
    private static final Map<Topic, String> EN = new EnumMap<>(Topic.class);
    private static final Map<Topic, String> VI = new EnumMap<>(Topic.class);

    static {
        EN.put(Topic.REFUND, "We're sorry your refund hasn't reached you yet; that isn't the experience we want for you. "
                + "Please send us a DM with your order or booking number so we can check it and get it sorted quickly.");
        EN.put(Topic.BILLING, "Sorry about the problem with your payment. Please send us a DM with the date and amount of the charge "
                + "(no card numbers, please) so our billing team can look into it and put it right.");
        EN.put(Topic.DELIVERY, "Sorry your order hasn't reached you as it should. Please send us a DM with your order number "
                + "and we'll track it down and update you directly.");
        EN.put(Topic.DELAY, "Sorry for the long wait and for not keeping you updated. Please send us a DM with your booking "
                + "or order details so we can check what happened and help.");
        EN.put(Topic.SAFETY, "We're very sorry to hear this and we take it seriously. Please send us a DM with your contact "
                + "details and where and when it happened, so our team can follow up with you today.");
        EN.put(Topic.DATA, "Thank you for telling us. We take the protection of your personal data seriously and will look into this. "
                + "Please send us a DM rather than sharing any personal details here, so our team can investigate.");
        EN.put(Topic.QUALITY, "Sorry the product didn't meet the standard you expected. Please send us a DM with your order "
                + "number and a photo so we can make it right.");
        EN.put(Topic.STAFF, "Sorry about the way you were treated; that isn't the service we want to give. Please send us a DM "
                + "with the place and time so we can follow up with the team.");
        EN.put(Topic.SERVICE, "Sorry for the trouble with our service. Please send us a DM with your account details and where "
                + "it happens so our team can check it for you.");
        EN.put(Topic.LEGAL, "We're sorry about your experience and we want to resolve it properly. Please send us a DM with your "
                + "order or account details so a senior member of our team can review it with you.");
        EN.put(Topic.GENERAL, "Thank you for letting us know, and sorry this wasn't a good experience. Please send us a DM with "
                + "the details so we can look into it.");

        VI.put(Topic.REFUND, "Chúng mình rất xin lỗi vì bạn vẫn chưa nhận được tiền hoàn. Bạn vui lòng gửi mã đơn hoặc mã đặt chỗ "
                + "qua tin nhắn riêng để chúng mình kiểm tra và xử lý sớm nhất nhé.");
        VI.put(Topic.BILLING, "Chúng mình xin lỗi về sự cố thanh toán của bạn. Bạn vui lòng gửi ngày và số tiền bị trừ qua tin nhắn riêng "
                + "(không cần gửi số thẻ) để bộ phận thanh toán kiểm tra và hoàn lại cho bạn nếu có sai sót nhé.");
        VI.put(Topic.DELIVERY, "Chúng mình xin lỗi vì đơn hàng chưa đến tay bạn như mong đợi. Bạn vui lòng gửi mã đơn qua tin nhắn riêng "
                + "để chúng mình kiểm tra và cập nhật cho bạn ngay nhé.");
        VI.put(Topic.DELAY, "Chúng mình xin lỗi vì bạn đã phải chờ lâu mà không được thông báo rõ ràng. Bạn vui lòng gửi thông tin "
                + "đơn hàng hoặc chuyến đi qua tin nhắn riêng để chúng mình kiểm tra và hỗ trợ bạn nhé.");
        VI.put(Topic.SAFETY, "Chúng mình rất lấy làm tiếc và xin tiếp nhận việc này một cách nghiêm túc. Bạn vui lòng gửi thông tin "
                + "liên hệ, thời gian và địa điểm qua tin nhắn riêng để đội ngũ liên hệ lại với bạn ngay trong hôm nay nhé.");
        VI.put(Topic.DATA, "Cảm ơn bạn đã báo cho chúng mình. Chúng mình rất coi trọng việc bảo vệ thông tin cá nhân của khách hàng "
                + "và sẽ kiểm tra ngay. Bạn vui lòng liên hệ qua tin nhắn riêng, đừng chia sẻ thông tin cá nhân ở đây nhé.");
        VI.put(Topic.QUALITY, "Chúng mình xin lỗi vì sản phẩm chưa đúng như bạn mong đợi. Bạn vui lòng gửi mã đơn và hình ảnh "
                + "qua tin nhắn riêng để chúng mình đổi trả hoặc hỗ trợ bạn nhé.");
        VI.put(Topic.STAFF, "Chúng mình xin lỗi vì trải nghiệm không vui với nhân viên. Bạn vui lòng cho chúng mình biết chi nhánh "
                + "và thời gian qua tin nhắn riêng để chúng mình xem xét và chấn chỉnh nhé.");
        VI.put(Topic.SERVICE, "Chúng mình xin lỗi vì sự bất tiện bạn gặp phải. Bạn vui lòng gửi thông tin tài khoản và khu vực "
                + "gặp sự cố qua tin nhắn riêng để đội kỹ thuật kiểm tra cho bạn nhé.");
        VI.put(Topic.LEGAL, "Chúng mình rất tiếc về trải nghiệm của bạn và muốn giải quyết thỏa đáng. Bạn vui lòng gửi thông tin "
                + "đơn hàng hoặc tài khoản qua tin nhắn riêng để cấp quản lý trực tiếp xem xét cùng bạn nhé.");
        VI.put(Topic.GENERAL, "Cảm ơn bạn đã phản hồi, chúng mình xin lỗi vì trải nghiệm chưa tốt. Bạn vui lòng gửi chi tiết "
                + "qua tin nhắn riêng để chúng mình kiểm tra và hỗ trợ bạn nhé.");
    }

    private Replies() {
    }

    static SuggestedResponse forConcern(Topic topic, Severity severity, String lang) {
        String reply = ("vi".equals(lang) ? VI : EN).get(topic);
        if (severity == Severity.HIGH) {
            return new SuggestedResponse(Action.ESCALATE, topic, reply,
                    "High severity (" + topic.name().toLowerCase() + "): hand to a senior person now, reply publicly once, "
                            + "continue in private; never argue in public.");
        }
        return new SuggestedResponse(Action.REPLY, topic, reply,
                "Reply publicly once, calmly, and continue in private; do not argue.");
    }

    static SuggestedResponse forAbuse(Severity severity) {
        String note = switch (severity) {
            case HIGH -> "Threat of violence or exposure of someone's details: do not reply. Hide it, report it to the platform, "
                    + "keep a screenshot and alert whoever is named and your security contact.";
            case MEDIUM -> "Insult or hate with nothing to act on: do not reply. Hide it or report it under the platform's "
                    + "harassment or hate rules.";
            default -> "Mild rudeness: no reply needed. Hide it only if it breaks the page's community rules.";
        };
        return new SuggestedResponse(Action.HIDE_OR_REPORT, Topic.GENERAL, null, note);
    }
}
