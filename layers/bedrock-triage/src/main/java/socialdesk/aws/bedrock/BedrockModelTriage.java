package socialdesk.aws.bedrock;

import socialdesk.aws.triage.ModelTriageProvider;
import socialdesk.core.engagement.CommentTriager;

/**
 * What the layer registers (META-INF/services): the functions find it through
 * {@code socialdesk.aws.triage.ModelTriage} only when a model id is set.
 */
public final class BedrockModelTriage implements ModelTriageProvider {
    @Override
    public CommentTriager triager(String modelId, CommentTriager local) {
        return BedrockTriage.forModel(modelId, local);
    }
}
