package socialdesk.aws.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.Triage;
import socialdesk.core.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * What one model triage costs, from the request the SDK really sends (system prompt, tool schema,
 * the comment) and a typical answer, with no tokenizer at hand:
 * <ul>
 *   <li>tokens ≈ UTF-8 bytes ÷ 4, rounded up (the usual four characters a token for English and
 *       JSON; Vietnamese letters with diacritics take 2-3 bytes, so they count as more tokens);</li>
 *   <li>plus {@value #TOOL_TEMPLATE_TOKENS} input tokens for the prompt a model's own template wraps
 *       around tool definitions and {@value #TOOL_CALL_TOKENS} output tokens for the tool-call
 *       wrapper: stated allowances, not measurements.</li>
 * </ul>
 * The figures are printed (docs/decisions/2026-12-06-bedrock-triage.md carries them); the test
 * fails if the request outgrows its token budget.
 */
class BedrockRequestCostTest {
    static final int TOOL_TEMPLATE_TOKENS = 300;
    static final int TOOL_CALL_TOKENS = 20;
    /** A guard against a prompt or schema that grows unnoticed: the cost below assumes about this. */
    static final int MAX_INPUT_TOKENS = 1_400;

    /** On-demand prices in USD per million tokens, input and output, with their source and date. */
    record Price(String model, double inputPerMillion, double outputPerMillion, String source) {
    }

    static final List<Price> PRICES = List.of(
            new Price("Amazon Nova Lite (amazon.nova-lite-v1:0)", 0.06, 0.24,
                    "us-east-1 on-demand, AWS Price List (AmazonBedrock offer) read 2026-09-01"),
            new Price("Claude Haiku 4.5", 1.00, 5.00,
                    "global cross-region on-demand as published in 2026 (regional endpoints +10%); needs an inference profile"));

    private record Sample(String name, String comment, String lang, String answer) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("English concern", "Still waiting on my refund after three weeks, is anyone there? Order 48213, nobody answers the chat.",
                    "en", """
                    {"category":"CONCERN","severity":"high","reasons":["refund overdue three weeks","support not answering"],\
                    "language":"en","suggestedReply":"We're sorry your refund is taking this long. Please send us a private \
                    message with your order number so we can check it today."}"""),
            new Sample("Vietnamese concern", "Đơn hàng của tôi bị giao trễ 2 tuần rồi mà shop không trả lời tin nhắn, thất vọng quá",
                    "vi", """
                    {"category":"CONCERN","severity":"medium","reasons":["giao hàng trễ 2 tuần","không trả lời tin nhắn"],\
                    "language":"vi","suggestedReply":"Chúng tôi rất tiếc vì đơn hàng của bạn bị trễ. Bạn vui lòng nhắn tin \
                    riêng mã đơn để chúng tôi kiểm tra ngay nhé."}"""),
            new Sample("English praise", "Love the new menu, the iced latte is perfect!", "en", """
                    {"category":"PRAISE","severity":"none","reasons":["compliments the menu"],"language":"en","suggestedReply":""}"""));

    @Test
    void aTypicalRequestStaysWithinItsTokenBudgetAndItsCostIsPrinted() {
        CommentTriager local = Triage.standard();
        StringBuilder report = new StringBuilder("Bedrock triage, tokens per comment (estimated: UTF-8 bytes / 4)\n");
        try (ConverseServer server = ConverseServer.start();
             BedrockRuntimeClient client = BedrockRuntimeClients.client(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLETEST", "test-secret-key")), server.uri())) {
            BedrockCommentTriager triager = new BedrockCommentTriager(client, "amazon.nova-lite-v1:0", local,
                    new CallBudget(BedrockTriage.WINDOW, BedrockTriage.ALLOWANCE, System::nanoTime));
            for (Sample sample : SAMPLES) {
                server.reset();
                server.answer(ConverseServer.toolUse(TriageTool.NAME, sample.answer()));

                String category = triager.triage(sample.comment(), sample.lang()).category();

                assertEquals(Json.parseObject(sample.answer()).get("category"), category, "the sample answer is within the contract");
                ConverseServer.Received sent = server.received().getFirst();
                Map<String, Object> body = sent.body();
                int bodyBytes = bytes(sent.rawBody());
                int inputTokens = tokens(bodyBytes) + TOOL_TEMPLATE_TOKENS;
                int outputTokens = tokens(bytes(sample.answer())) + TOOL_CALL_TOKENS;
                report.append(String.format(Locale.ROOT,
                        "  %-19s request %,d B (system %,d B, tool config %,d B, comment message %,d B) -> %,d input tokens;"
                                + " answer %,d B -> %,d output tokens%n",
                        sample.name(), bodyBytes, bytes(TriageTool.SYSTEM_PROMPT), bytes(Json.write(body.get("toolConfig"))),
                        bytes(TriageTool.userMessage(sample.comment(), sample.lang())), inputTokens, bytes(sample.answer()), outputTokens));
                for (Price price : PRICES) {
                    double input = inputTokens * 1_000 * price.inputPerMillion() / 1e6;
                    double output = outputTokens * 1_000 * price.outputPerMillion() / 1e6;
                    report.append(String.format(Locale.ROOT,
                            "      per 1,000 comments on %s: %,d x $%.2f/M + %,d x $%.2f/M = $%.4f + $%.4f = $%.4f (%s)%n",
                            price.model(), inputTokens * 1_000, price.inputPerMillion(), outputTokens * 1_000, price.outputPerMillion(),
                            input, output, input + output, price.source()));
                }
                assertTrue(inputTokens <= MAX_INPUT_TOKENS, () -> sample.name() + ": " + inputTokens + " input tokens");
                assertTrue(outputTokens <= BedrockCommentTriager.MAX_OUTPUT_TOKENS, () -> sample.name() + ": " + outputTokens + " output tokens");
            }
        }
        System.out.print(report);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int tokens(int bytes) {
        return (bytes + 3) / 4;
    }
}
