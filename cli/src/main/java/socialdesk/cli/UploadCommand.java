package socialdesk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code social upload FILE...}: each image file to the media bucket, through the posts API; prints
 * the {@code media://} reference a post's image {@code url} then takes (in the API, the console or a
 * calendar). Every file is checked before any is sent, so a wrong one uploads nothing.
 */
final class UploadCommand {
    static final String USAGE = """
            usage: social upload FILE... [target options]
              FILE   a JPEG, PNG, GIF or WebP image of at most 16 MB; prints one line per file:
                     its media:// reference, then the file name
            """;

    private UploadCommand() {
    }

    static int run(String[] argv, PrintStream out) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE + Target.OPTIONS_USAGE);
            return 0;
        }
        Target target = Target.parse(args);
        if (args.isEmpty()) {
            throw CliException.usage("which file? social upload FILE...");
        }
        args.stream().filter(a -> a.startsWith("--")).findFirst().ifPresent(option -> {
            throw CliException.usage("unknown option '" + option + "'");
        });
        List<String> problems = new ArrayList<>();
        List<LocalImage> images = new ArrayList<>();
        for (String name : args) {
            Optional<LocalImage> image = LocalImage.read(Path.of(""), name, "file", problems);
            image.ifPresent(images::add);
        }
        if (!problems.isEmpty()) {
            throw CliException.usage(String.join("; ", problems) + " (nothing was uploaded)");
        }
        PostsApi api = target.postsApi();
        for (LocalImage image : images) {
            try {
                out.println(image.upload(api) + "  " + image.path());
            } catch (LocalImage.RefusedException e) {
                throw CliException.failed(e.getMessage());
            }
            out.flush();
        }
        return 0;
    }
}
