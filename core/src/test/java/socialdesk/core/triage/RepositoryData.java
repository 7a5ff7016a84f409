package socialdesk.core.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import socialdesk.core.json.Json;

/** The JSON Lines files of the repository's {@code data/} folder, for tests. */
final class RepositoryData {
    private RepositoryData() {
    }

    static List<Map<String, Object>> rows(String file) throws IOException {
        String root = System.getProperty("project.root");
        Path data = root != null ? Path.of(root, "data") : Path.of("../data");
        return Files.readAllLines(data.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(Json::parseObject).toList();
    }
}
