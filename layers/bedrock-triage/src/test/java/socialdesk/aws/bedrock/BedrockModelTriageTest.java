package socialdesk.aws.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import socialdesk.aws.triage.ModelTriageProvider;

class BedrockModelTriageTest {
    /** The functions find the layer's triage only through this registration (META-INF/services). */
    @Test
    void theLayerRegistersTheBedrockTriageForTheFunctionsToFind() {
        List<Class<? extends ModelTriageProvider>> found = ServiceLoader.load(ModelTriageProvider.class, ModelTriageProvider.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::type).toList();
        assertEquals(List.of(BedrockModelTriage.class), found);
    }
}
