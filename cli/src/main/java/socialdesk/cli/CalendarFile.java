package socialdesk.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import socialdesk.core.json.Json;
import socialdesk.core.json.JsonRead;
import socialdesk.core.post.PostImage;
import socialdesk.core.post.PostQueue;

/**
 * A content calendar, CSV or YAML, read into create requests for {@code POST /posts}. Columns (CSV
 * header) or keys (YAML mappings): {@code text}, {@code platforms} ({@code ;} or {@code |} between
 * platforms; a YAML list works too), {@code at} (ISO-8601 with an offset) or {@code next_slot}
 * ({@code true}), {@code link}, {@code evergreen}, and up to four images as {@code image_1} (a public
 * http(s) URL, or an image file named relative to the calendar, which the import uploads) with
 * {@code alt_1} (its alt text) to {@code image_4} / {@code alt_4}. What can be checked here is checked
 * here (empty text, no platform, a time that does not parse, at and next_slot both or neither, an
 * image file that is missing or not an image); the posts API checks the rest and is the authority.
 */
final class CalendarFile {
    /** Images per row: image_1 / alt_1 to image_4 / alt_4, the most a post carries. */
    static final int IMAGE_COLUMNS = PostImage.MAX_PER_POST;
    static final Set<String> COLUMNS = columns();
    /** In YAML these must be YAML booleans: a quoted "yes" is text, and text is not a yes. */
    private static final Set<String> BOOLEAN_COLUMNS = Set.of("next_slot", "evergreen");

    /**
     * One row of the calendar.
     *
     * @param line     where it starts in the file (1-based)
     * @param request  the body for {@code POST /posts}, clientToken included; null when {@code problems} is not empty
     * @param problems what is wrong with it before asking the API
     */
    record Row(int line, Map<String, Object> request, List<String> problems, Map<Integer, LocalImage> files) {
        Row {
            problems = List.copyOf(problems);
            files = Map.copyOf(files);
        }

        /**
         * The request to send once each image file is uploaded: {@code upload} turns a file into the
         * {@code media://} reference that takes its place among the images.
         */
        Map<String, Object> requestWithUploads(java.util.function.Function<LocalImage, String> upload) {
            if (files.isEmpty()) {
                return request;
            }
            Map<String, Object> out = new LinkedHashMap<>(request);
            List<Object> images = new ArrayList<>(JsonRead.list(request, "images"));
            files.forEach((index, file) -> images.set(index, image(upload.apply(file), JsonRead.string(images.get(index), "alt"))));
            out.put("images", images);
            return out;
        }
    }

    private CalendarFile() {
    }

    private static Set<String> columns() {
        Set<String> columns = new java.util.HashSet<>(Set.of("text", "platforms", "at", "next_slot", "link", "evergreen"));
        for (int n = 1; n <= IMAGE_COLUMNS; n++) {
            columns.add("image_" + n);
            columns.add("alt_" + n);
        }
        return Set.copyOf(columns);
    }

    /** Reads and checks the file; a file that cannot be read as a calendar at all is a {@link CliException#usage}. */
    static List<Row> read(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".csv")) {
            throw CliException.usage(name + ": a calendar is a .csv or a .yaml / .yml file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw CliException.usage("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw CliException.usage(name + ": not UTF-8 text (save the calendar as UTF-8)");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
        List<RawRow> raw = yaml ? yamlRows(name, text) : csvRows(name, text);
        if (raw.isEmpty()) {
            throw CliException.usage(name + ": no rows to import");
        }
        List<Row> rows = new ArrayList<>();
        for (RawRow r : raw) {
            rows.add(toRow(name, file.toAbsolutePath().getParent(), r));
        }
        return rows;
    }

    /** A row as written: its line, its values by column, and problems found while reading it. */
    record RawRow(int line, Map<String, String> values, List<String> problems) {
    }

    static List<RawRow> csvRows(String name, String text) {
        List<CsvReader.Record> records = CsvReader.parse(text);
        if (records.isEmpty()) {
            return List.of();
        }
        CsvReader.Record header = records.get(0);
        if (header.problem() != null) {
            throw CliException.usage(name + ": line " + header.line() + ": the header row has " + header.problem());
        }
        List<String> columns = new ArrayList<>();
        for (String h : header.fields()) {
            String column = column(h);
            if (!COLUMNS.contains(column)) {
                throw CliException.usage(name + ": line " + header.line() + ": unknown column '" + h.strip()
                        + "'; the columns are text, platforms, at, next_slot, link, evergreen, image_1 to image_"
                        + IMAGE_COLUMNS + " and alt_1 to alt_" + IMAGE_COLUMNS);
            }
            if (columns.contains(column)) {
                throw CliException.usage(name + ": line " + header.line() + ": column '" + column + "' appears twice");
            }
            columns.add(column);
        }
        requireColumns(name, columns);
        List<RawRow> rows = new ArrayList<>();
        for (CsvReader.Record record : records.subList(1, records.size())) {
            List<String> problems = new ArrayList<>();
            if (record.problem() != null) {
                problems.add(record.problem());
            }
            if (record.fields().size() > columns.size()
                    && record.fields().subList(columns.size(), record.fields().size()).stream().anyMatch(f -> !f.isBlank())) {
                problems.add(record.fields().size() + " fields for " + columns.size()
                        + " columns (quote a field that holds a comma)");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                values.put(columns.get(c), c < record.fields().size() ? record.fields().get(c) : "");
            }
            rows.add(new RawRow(record.line(), values, problems));
        }
        return rows;
    }

    static List<RawRow> yamlRows(String name, String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (YAMLException e) {
            throw CliException.usage(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse("").strip());
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof SequenceNode list)) {
            throw CliException.usage(name + ": a YAML calendar is a list of posts (each item '- text: ...')");
        }
        List<RawRow> rows = new ArrayList<>();
        for (Node item : list.getValue()) {
            int line = item.getStartMark().getLine() + 1;
            List<String> problems = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            if (!(item instanceof MappingNode mapping)) {
                problems.add("not a mapping of text, platforms, at / next_slot, link, evergreen, image_N / alt_N");
                rows.add(new RawRow(line, values, problems));
                continue;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? column(k.getValue()) : "?";
                if (!COLUMNS.contains(key)) {
                    problems.add("unknown key '" + key + "'");
                    continue;
                }
                Node value = tuple.getValueNode();
                if (value instanceof ScalarNode scalar && BOOLEAN_COLUMNS.contains(key) && !Tag.BOOL.equals(scalar.getTag())) {
                    problems.add(key + " must be true or false, not " + (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                            ? "'" + scalar.getValue() + "'" : "the text \"" + scalar.getValue() + "\" (drop the quotes)"));
                } else if (value instanceof ScalarNode scalar) {
                    values.put(key, scalar.getValue());
                } else if (value instanceof SequenceNode seq && key.equals("platforms")
                        && seq.getValue().stream().allMatch(v -> v instanceof ScalarNode)) {
                    values.put(key, String.join(";", seq.getValue().stream().map(v -> ((ScalarNode) v).getValue()).toList()));
                } else {
                    problems.add(key + " must be " + (key.equals("platforms") ? "a list or a text" : "a single value"));
                }
            }
            rows.add(new RawRow(line, values, problems));
        }
        return rows;
    }

    private static void requireColumns(String name, List<String> columns) {
        for (String needed : List.of("text", "platforms")) {
            if (!columns.contains(needed)) {
                throw CliException.usage(name + ": no '" + needed + "' column in the header row");
            }
        }
        if (!columns.contains("at") && !columns.contains("next_slot")) {
            throw CliException.usage(name + ": the header row needs an 'at' or a 'next_slot' column");
        }
    }

    /** "Next slot", "next-slot", "NextSlot" all name next_slot. */
    static String column(String header) {
        String c = header.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return c.equals("nextslot") ? "next_slot" : c;
    }

    /** @param baseDir where image file names in the row are looked up: the calendar's own folder */
    static Row toRow(String fileName, Path baseDir, RawRow raw) {
        List<String> problems = new ArrayList<>(raw.problems());
        Map<String, String> v = raw.values();
        Map<String, Object> request = new LinkedHashMap<>();
        String text = v.getOrDefault("text", "");
        if (text.isBlank()) {
            problems.add("text is empty");
        }
        request.put("text", text.strip());
        String link = v.getOrDefault("link", "").strip();
        if (!link.isEmpty()) {
            request.put("link", link);
        }
        List<Object> images = new ArrayList<>();
        Map<Integer, LocalImage> files = new java.util.HashMap<>();
        for (int n = 1; n <= IMAGE_COLUMNS; n++) {
            String url = v.getOrDefault("image_" + n, "").strip();
            String alt = v.getOrDefault("alt_" + n, "").strip();
            if (url.isEmpty() && !alt.isEmpty()) {
                problems.add("alt_" + n + " without image_" + n);
            } else if (!url.isEmpty() && alt.isEmpty()) {
                problems.add("image_" + n + " has no alt_" + n + " (what the image shows, for people who cannot see it)");
            } else if (!url.isEmpty() && LocalImage.isAddress(url)) {
                images.add(image(url, alt));
            } else if (!url.isEmpty()) {
                // Until it is uploaded the file stands in by its digest, which the client token is made from.
                java.util.Optional<LocalImage> file = LocalImage.read(baseDir, url, "image_" + n, problems);
                if (file.isPresent()) {
                    files.put(images.size(), file.get());
                    images.add(image("file:sha256:" + file.get().sha256(), alt));
                }
            }
        }
        if (!images.isEmpty()) {
            request.put("images", images);
        }
        List<String> platforms = new ArrayList<>();
        for (String p : v.getOrDefault("platforms", "").split("[;|]")) {
            if (!p.isBlank()) {
                platforms.add(p.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (platforms.isEmpty()) {
            problems.add("no platforms (separate several with ';' or '|')");
        }
        request.put("platforms", platforms);
        String at = v.getOrDefault("at", "").strip();
        Boolean nextSlot = bool(v.get("next_slot"), "next_slot", problems);
        if (!at.isEmpty()) {
            PostQueue.parseTime("at", at, problems);
            request.put("at", at);
        }
        if (Boolean.TRUE.equals(nextSlot)) {
            if (!at.isEmpty()) {
                problems.add("both at and next_slot: give one");
            }
            request.put("nextSlot", true);
        } else if (at.isEmpty()) {
            problems.add("no time: give at (ISO-8601 with an offset) or next_slot true");
        }
        Boolean evergreen = bool(v.get("evergreen"), "evergreen", problems);
        if (Boolean.TRUE.equals(evergreen)) {
            request.put("evergreen", true);
        }
        if (!problems.isEmpty()) {
            return new Row(raw.line(), null, problems, Map.of());
        }
        request.put("clientToken", clientToken(fileName, request));
        return new Row(raw.line(), request, List.of(), files);
    }

    /**
     * One image of a request, its keys always in this order: the client token is a hash of the request's
     * JSON, so an order that changed from one run to the next (as {@code Map.of}'s does) would make the
     * same row a new post on every import.
     */
    private static Map<String, Object> image(String url, String alt) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("url", url);
        image.put("alt", alt);
        return image;
    }

    /**
     * The post's name for the API: the file's name and the row's content, hashed. Importing the
     * same file again sends the same tokens, so the API answers the posts it already has instead of
     * adding them twice; an edited row is a new post.
     */
    static String clientToken(String fileName, Map<String, Object> request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((fileName + "\u0000" + Json.write(request)).getBytes(StandardCharsets.UTF_8));
            return "import-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Boolean bool(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x" -> true;
            case "false", "no", "n", "0" -> false;
            default -> {
                problems.add(name + " '" + value.strip() + "' is not true or false");
                yield null;
            }
        };
    }
}
