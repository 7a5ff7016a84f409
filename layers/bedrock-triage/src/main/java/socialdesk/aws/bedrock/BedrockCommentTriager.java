package socialdesk.aws.bedrock;

import java.util.List;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.log.JsonLog;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Triage by a model on Amazon Bedrock (the Converse API, made to answer through one tool whose
 * input schema is the contract), with the local triage as the answer whenever the model is slow,
 * refuses, errs, is throttled or answers outside the contract. Each fallback is logged once, as a
 * JSON line with its reason; the comment's text is never logged. It only classifies and suggests:
 * nothing is posted.
 *
 * <p>Thread-safe; one per container. The request parts that never change (system prompt, tool) are
 * built once.
 */
public final class BedrockCommentTriager implements CommentTriager {
    /** Room for the tool call: reasons, a reply of {@value TriageTool#MAX_REPLY_CHARS} characters, JSON. */
    static final int MAX_OUTPUT_TOKENS = 400;

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final CommentTriager local;
    private final CallBudget budget;
    private final List<SystemContentBlock> system;
    private final ToolConfiguration tools;

    BedrockCommentTriager(BedrockRuntimeClient client, String modelId, CommentTriager local, CallBudget budget) {
        this.client = client;
        this.modelId = modelId;
        this.local = local;
        this.budget = budget;
        this.system = List.of(SystemContentBlock.fromText(TriageTool.SYSTEM_PROMPT));
        this.tools = ToolConfiguration.builder()
                .tools(t -> t.toolSpec(TriageTool.specification()))
                .toolChoice(c -> c.tool(s -> s.name(TriageTool.NAME)))
                .build();
    }

    @Override
    public CommentVerdict triage(String text, String langHint) {
        if (!budget.available()) {
            return fallBack(text, langHint, "budget spent", "model time in this window is used up");
        }
        ConverseResponse response;
        long start = budget.now();
        try {
            response = client.converse(request(text, langHint));
        } catch (ThrottlingException | ServiceQuotaExceededException e) {
            return fallBack(text, langHint, "throttled", errorCode(e));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException | ModelTimeoutException e) {
            return fallBack(text, langHint, "timeout", e.getClass().getSimpleName());
        } catch (AccessDeniedException | ValidationException | ResourceNotFoundException e) {
            return fallBack(text, langHint, "refused", errorCode(e));
        } catch (SdkServiceException e) {
            return fallBack(text, langHint, "service error", errorCode(e));
        } catch (SdkClientException e) {
            // The network, or an answer the SDK could not read (bad JSON).
            return fallBack(text, langHint, "client error", e.getClass().getSimpleName());
        } finally {
            budget.spend(start);
        }
        try {
            return TriageTool.verdict(toolInput(response), local, modelId);
        } catch (TriageTool.OutOfContract e) {
            return fallBack(text, langHint, "out of contract", e.getMessage());
        }
    }

    ConverseRequest request(String text, String langHint) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .system(system)
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(TriageTool.userMessage(text, langHint))).build())
                .toolConfig(tools)
                .inferenceConfig(c -> c.maxTokens(MAX_OUTPUT_TOKENS).temperature(0f))
                .build();
    }

    private static Document toolInput(ConverseResponse response) {
        StopReason stop = response.stopReason();
        if (stop == StopReason.GUARDRAIL_INTERVENED || stop == StopReason.CONTENT_FILTERED) {
            throw new TriageTool.OutOfContract("the model refused (" + stop + ")");
        }
        if (stop == StopReason.MAX_TOKENS) {
            throw new TriageTool.OutOfContract("the answer was cut at the token limit");
        }
        if (response.output() == null || response.output().message() == null) {
            throw new TriageTool.OutOfContract("no message in the answer");
        }
        List<ToolUseBlock> calls = response.output().message().content().stream()
                .map(ContentBlock::toolUse).filter(t -> t != null).toList();
        if (calls.size() != 1) {
            throw new TriageTool.OutOfContract(calls.isEmpty() ? "no tool call in the answer" : "more than one tool call");
        }
        if (!TriageTool.NAME.equals(calls.getFirst().name())) {
            throw new TriageTool.OutOfContract("a call to another tool");
        }
        return calls.getFirst().input();
    }

    private CommentVerdict fallBack(String text, String langHint, String reason, String detail) {
        JsonLog.warn("bedrock triage fell back to the local triage", "reason", reason, "detail", detail, "modelId", modelId);
        return local.triage(text, langHint);
    }

    private static String errorCode(SdkServiceException e) {
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : null;
        return (code == null ? e.getClass().getSimpleName() : code) + " " + e.statusCode();
    }
}
