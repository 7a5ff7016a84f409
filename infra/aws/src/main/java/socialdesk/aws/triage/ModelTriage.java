package socialdesk.aws.triage;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.log.JsonLog;

/**
 * The triager a function wires: the local one alone unless a model id is configured, else the model
 * triage of the {@link ModelTriageProvider} on the class path (the Bedrock triage layer, at
 * /opt/java/lib on Lambda) in front of it. A model id without the layer, or a layer that cannot be
 * loaded, never stops the function: one log line says why and the local triage answers alone.
 */
public final class ModelTriage {
    static final String UNAVAILABLE = "model triage unavailable, the local triage answers alone";

    private ModelTriage() {
    }

    public static CommentTriager forModel(String modelId, CommentTriager local) {
        // The interface's own loader: on Lambda it is the one that sees both /var/task and /opt/java/lib.
        return forModel(modelId, local, ServiceLoader.load(ModelTriageProvider.class, ModelTriageProvider.class.getClassLoader()));
    }

    static CommentTriager forModel(String modelId, CommentTriager local, Iterable<ModelTriageProvider> providers) {
        if (modelId == null || modelId.isBlank()) {
            return local;
        }
        String model = modelId.strip();
        try {
            Iterator<ModelTriageProvider> found = providers.iterator();
            if (!found.hasNext()) {
                JsonLog.warn(UNAVAILABLE, "modelId", model, "reason",
                        "BEDROCK_MODEL_ID is set but no model triage is on the class path: the Bedrock triage layer is not attached");
                return local;
            }
            ModelTriageProvider provider = found.next();
            CommentTriager triager = provider.triager(model, local);
            JsonLog.info("model triage on", "modelId", model, "provider", provider.getClass().getName());
            return triager;
        } catch (ServiceConfigurationError | LinkageError e) {
            // A layer built from another version of the desk: its classes do not link against this jar.
            JsonLog.warn(UNAVAILABLE, "modelId", model, "reason", "the model triage on the class path cannot be loaded",
                    "error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return local;
        }
    }
}
