package socialdesk.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;
import socialdesk.template.EventRules;

/** What the container tests are built from, checked without Docker so that it cannot rot where Docker is absent. */
class EmulatorSetupTest {
    private static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack");

    @Test
    void withoutTheVariableTheImageIsThePinnedLocalStackCommunityRelease() {
        assertEquals("localstack/localstack:4.14.0", Emulator.imageName(null).asCanonicalNameString());
        assertEquals("localstack/localstack:4.14.0", Emulator.imageName(" ").asCanonicalNameString());
    }

    @Test
    void anotherImageIsTakenAsACompatibleSubstituteForLocalStack() {
        DockerImageName floci = Emulator.imageName("floci/floci:1.5.11");

        assertEquals("floci/floci:1.5.11", floci.asCanonicalNameString());
        assertTrue(floci.isCompatibleWith(LOCALSTACK));
        assertFalse(DockerImageName.parse("floci/floci:1.5.11").isCompatibleWith(LOCALSTACK));
    }

    @Test
    void localStackImagesAreUsedAsTheyAre() {
        assertEquals("localstack/localstack:2026.3.0", Emulator.imageName("localstack/localstack:2026.3.0").asCanonicalNameString());
        assertTrue(Emulator.imageName("localstack/localstack-pro:4.14.0").isCompatibleWith(DockerImageName.parse("localstack/localstack-pro")));
    }

    @Test
    void thePostFailedRuleIsReadFromTheTemplateWithItsPatternAndTransformer() {
        EventRules.Rule rule = EventRules.onTheBus().stream()
                .filter(r -> r.logicalId().equals("PostFailedRule")).findFirst().orElseThrow();

        assertEquals(Map.of("source", List.of("social.publishing"), "detail-type", List.of("PostFailed")),
                rule.eventPattern());
        EventRules.TopicTarget target = rule.topicTargets().getFirst();
        assertEquals("NotificationTopic", target.topicLogicalId());
        assertEquals("$.detail.postId", target.inputPathsMap().get("postId"));
        assertTrue(target.inputTemplate().contains("<postId>"), target.inputTemplate());
    }
}
