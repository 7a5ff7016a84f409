package socialdesk.platforms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.PostImage;
import socialdesk.core.publish.PublishOutcome;
import socialdesk.core.publish.PublishOutcome.Permanent;
import socialdesk.core.publish.PublishOutcome.Transient;

/**
 * A post's images fetched for a platform that wants the bytes (Mastodon, Bluesky, X, LinkedIn,
 * Discord): each URL through {@link PublicUrlFetcher} (public addresses only, a time and size cap),
 * then checked against the platform's {@link ImageRules} (type and size, which only the bytes tell).
 * Platforms that fetch an image themselves (Meta's, Slack, Telegram) are given the URL instead.
 *
 * <p>A fetch that fails (the host is down, slow, answers 404) may work later: the post is retried.
 * An image of a type or size the platform refuses will not change: the post fails for good, saying
 * which image and why.
 */
public final class ImageFiles {
    /** How long one image may take to fetch, redirects included. */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);
    /** The most any platform takes (Mastodon's 16 MB); a platform's own limit is checked after. */
    public static final long MAX_FETCH_BYTES = 16L * 1024 * 1024;
    private static final String DATA_SCHEME = "data:";

    private static final class Shared {
        static final PublicUrlFetcher FETCHER = new PublicUrlFetcher(FETCH_TIMEOUT);
    }

    /** One fetched image, ready to upload. Width and height are null when the format cannot be read here (WebP, HEIC). */
    public record ImageFile(int number, String alt, String contentType, byte[] bytes, Integer width, Integer height) {
        /** A file name for uploads that ask for one: {@code image-1.jpg}. */
        public String fileName() {
            String sub = contentType.startsWith("image/") ? contentType.substring("image/".length()) : "bin";
            String extension = switch (sub) {
                case "jpeg" -> "jpg";
                case "svg+xml" -> "svg";
                default -> sub;
            };
            return "image-" + number + "." + extension;
        }
    }

    /** The images could not be had; {@link #outcome()} says whether trying again may help. */
    public static final class Unavailable extends Exception {
        private final transient PublishOutcome outcome;

        public Unavailable(PublishOutcome outcome) {
            super(outcome.toString());
            this.outcome = outcome;
        }

        public PublishOutcome outcome() {
            return outcome;
        }
    }

    private final PublicUrlFetcher fetcher;

    public ImageFiles(PublicUrlFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /** Production's: public addresses only, {@link #FETCH_TIMEOUT} per image. */
    public static PublicUrlFetcher sharedFetcher() {
        return Shared.FETCHER;
    }

    /** Every image of the post, fetched and checked, in order. */
    public List<ImageFile> fetch(List<PostImage> images, ImageRules rules) throws Unavailable, InterruptedException {
        List<ImageFile> files = new ArrayList<>(images.size());
        String platform = rules.platform().id();
        for (int i = 0; i < images.size(); i++) {
            int number = i + 1;
            PublicUrlFetcher.Fetched fetched;
            try {
                String url = images.get(i).url();
                fetched = url.startsWith(DATA_SCHEME) ? inHand(url) : fetcher.fetch(URI.create(url), type -> true, MAX_FETCH_BYTES);
            } catch (PublicUrlFetcher.FetchFailed e) {
                throw new Unavailable(new Transient(platform + ": could not fetch image " + number + ": " + e.getMessage(), null));
            } catch (IllegalArgumentException e) {
                throw new Unavailable(new Permanent(platform + ": image " + number + "'s url is not a URL"));
            }
            String type = ImageRules.typeByContent(fetched.body()).orElse(fetched.contentType().toLowerCase(Locale.ROOT));
            Optional<String> problem = rules.fileProblem(number, type, fetched.body().length);
            if (problem.isPresent()) {
                throw new Unavailable(new Permanent(problem.get()));
            }
            int[] size = dimensions(fetched.body());
            Optional<String> shape = size == null ? Optional.empty() : rules.dimensionProblem(number, size[0], size[1]);
            if (shape.isPresent()) {
                throw new Unavailable(new Permanent(shape.get()));
            }
            files.add(new ImageFile(number, images.get(i).alt(), type, fetched.body(),
                    size == null ? null : size[0], size == null ? null : size[1]));
        }
        return files;
    }

    /**
     * An image already read by the caller (an upload from the desk's media bucket), passed as an
     * RFC 2397 {@code data:<type>;base64,<bytes>} URL: nothing is fetched.
     */
    private static PublicUrlFetcher.Fetched inHand(String url) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(DATA_SCHEME.length(), comma);
        if (!header.endsWith(";base64")) {
            throw new IllegalArgumentException("only base64 data URLs are taken");
        }
        byte[] bytes = Base64.getDecoder().decode(url.substring(comma + 1));
        return new PublicUrlFetcher.Fetched(URI.create(DATA_SCHEME + ","), header.substring(0, header.length() - ";base64".length()), bytes);
    }

    /** A data URL holding {@code bytes} of {@code contentType}, which {@link #fetch} reads without fetching. */
    public static String dataUrl(String contentType, byte[] bytes) {
        return DATA_SCHEME + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Width and height from the image's header (nothing is decoded), or null when no reader here knows
     * the format or the header is not within {@code image} (the start of a file is enough).
     */
    public static int[] dimensions(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
