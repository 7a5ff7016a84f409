package socialdesk.aws.triage;

import socialdesk.core.engagement.CommentTriager;

/**
 * A comment triage by a model that ships apart from the function jars: the Bedrock triage is a
 * Lambda layer (layers/bedrock-triage), attached only when the template's {@code BedrockModelId} is
 * set, and registers its implementation under {@code META-INF/services}. The functions name only
 * this interface, so a jar without the layer never links a Bedrock class.
 */
public interface ModelTriageProvider {
    /**
     * The triager that asks {@code modelId} first and lets {@code local} answer whenever the model
     * does not; {@code modelId} is never blank. Builds its client here, once per container.
     */
    CommentTriager triager(String modelId, CommentTriager local);
}
