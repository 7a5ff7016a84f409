package socialdesk.aws.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import socialdesk.core.engagement.CommentTriager;
import socialdesk.core.engagement.CommentVerdict;
import socialdesk.core.engagement.Triage;
import socialdesk.core.log.JsonLog;

class ModelTriageTest {
    private final CommentTriager local = Triage.standard();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream previousLog;

    @BeforeEach
    void captureLog() {
        previousLog = JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(previousLog);
    }

    private String log() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noModelIdIsTheLocalTriageWithoutLookingForAProvider() {
        Iterable<ModelTriageProvider> untouchable = () -> fail("looked for a model triage with the model off");
        for (String off : new String[] {null, "", "  "}) {
            assertSame(local, ModelTriage.forModel(off, local, untouchable));
        }
        assertEquals("", log());
    }

    /** infra/aws's own class path has no provider, as a function jar deployed without the layer. */
    @Test
    void aModelIdWithoutTheLayerIsTheLocalTriageAndSaysWhy() {
        assertSame(local, ModelTriage.forModel("amazon.nova-lite-v1:0", local));
        assertTrue(log().contains("\"message\":\"" + ModelTriage.UNAVAILABLE + "\""), log());
        assertTrue(log().contains("\"modelId\":\"amazon.nova-lite-v1:0\""), log());
        assertTrue(log().contains("Bedrock triage layer is not attached"), log());
    }

    @Test
    void aLayerThatCannotBeLoadedIsTheLocalTriageAndSaysWhy() {
        Iterable<ModelTriageProvider> broken = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("socialdesk.aws.triage.ModelTriageProvider: Provider not found");
            }

            @Override
            public ModelTriageProvider next() {
                throw new AssertionError("hasNext failed first");
            }
        };
        assertSame(local, ModelTriage.forModel("amazon.nova-lite-v1:0", local, broken));
        assertTrue(log().contains("cannot be loaded") && log().contains("ServiceConfigurationError"), log());
    }

    @Test
    void aProviderOnTheClassPathGetsTheStrippedModelIdAndTheLocalFallback() {
        CommentTriager model = (text, lang) -> CommentVerdict.UNTRIAGED;
        List<ModelTriageProvider> providers = List.of((modelId, fallback) -> {
            assertEquals("amazon.nova-lite-v1:0", modelId);
            assertSame(local, fallback);
            return model;
        });
        assertSame(model, ModelTriage.forModel(" amazon.nova-lite-v1:0 ", local, providers));
        assertTrue(log().contains("\"message\":\"model triage on\""), log());
    }
}
