package socialdesk.triage.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import socialdesk.core.triage.TriageModel;

/** Training the shipped model from the repository's data, and where it is shipped. */
public final class TriageTraining {
    /** The shipped weights, relative to the repository root: a resource of core. */
    public static final Path SHIPPED = Path.of("core/src/main/resources/socialdesk/core/triage", TriageModel.RESOURCE);

    private TriageTraining() {
    }

    /** The model trained on all our labelled comments and the corpora's mapped rows, in its shipped format. */
    public static byte[] trainShippedModel(TrainingData data) throws IOException {
        return bytes(Trainer.train(data.comments(), data.corpora()));
    }

    public static byte[] bytes(TriageModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TriageModel.RESOURCE.length() + (1 << 21));
        try {
            model.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Trains and writes the shipped weights into the repository whose {@code data/} folder is given. */
    public static Path writeShippedModel(TrainingData data) throws IOException {
        Path target = data.root().getParent().resolve(SHIPPED);
        Files.createDirectories(target.getParent());
        Files.write(target, trainShippedModel(data));
        return target;
    }
}
