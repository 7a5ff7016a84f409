package socialdesk.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import socialdesk.template.Template;

/** The main Java sources of one function module, read as text with comments removed. */
final class JavaSources {
    private final Path sourceRoot;
    private final Map<Path, String> code;

    private JavaSources(Path sourceRoot, Map<Path, String> code) {
        this.sourceRoot = sourceRoot;
        this.code = code;
    }

    static JavaSources of(Path moduleDir) {
        Path root = moduleDir.resolve("src/main/java");
        Map<Path, String> code = new LinkedHashMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted()
                        .forEach(f -> code.put(root.relativize(f), withoutComments(Template.read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new JavaSources(root, code);
    }

    Path sourceRoot() {
        return sourceRoot;
    }

    /** The file that declares a top-level class, e.g. {@code socialdesk/publish/PublishDuePostsHandler.java}. */
    Path fileOf(String className) {
        return Path.of(className.replace('.', '/') + ".java");
    }

    String source(String className) {
        return code.get(fileOf(className));
    }

    /** The first capture group of every match of the pattern, over all files. */
    List<String> captures(Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (String text : code.values()) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** Files in which the pattern occurs. */
    List<Path> filesContaining(Pattern pattern) {
        return code.entrySet().stream().filter(e -> pattern.matcher(e.getValue()).find()).map(Map.Entry::getKey).toList();
    }

    /** Removes line and block comments, leaving string and character literals alone. */
    static String withoutComments(String java) {
        StringBuilder out = new StringBuilder(java.length());
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (c == '/' && i + 1 < n && java.charAt(i + 1) == '/') {
                while (i < n && java.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && java.charAt(i + 1) == '*') {
                int end = java.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(java, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && java.charAt(j) != c && java.charAt(j) != '\n') {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(java, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
