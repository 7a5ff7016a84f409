package socialdesk.platforms.bluesky;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import socialdesk.core.platform.ImageRules;
import socialdesk.core.post.PostImage;
import socialdesk.platforms.ImageFiles;
import socialdesk.platforms.ImageFiles.ImageFile;
import socialdesk.platforms.ImageFiles.Unavailable;

/**
 * A post's images as an {@code app.bsky.embed.images} embed: each image fetched, uploaded with
 * {@code com.atproto.repo.uploadBlob}, and listed with its alt text and, where its header tells the
 * size, its {@code aspectRatio} (so apps lay it out before loading it). A blob no record points to
 * is removed by the PDS, so uploading again after a lost answer costs nothing; the record's key
 * keeps the post itself single.
 */
final class BlueskyImages {
    static final String IMAGES_TYPE = "app.bsky.embed.images";

    private final ImageFiles files;

    BlueskyImages(ImageFiles files) {
        this.files = files;
    }

    /** The embed for the post's images (there is at least one). */
    Map<String, Object> embed(List<PostImage> images, ImageRules rules, LinkCards.ThumbUpload upload)
            throws Unavailable, IOException, InterruptedException {
        List<Object> entries = new ArrayList<>(images.size());
        for (ImageFile file : files.fetch(images, rules)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image", upload.upload(file.bytes(), file.contentType()));
            entry.put("alt", file.alt());
            if (file.width() != null && file.height() != null && file.width() > 0 && file.height() > 0) {
                entry.put("aspectRatio", Map.of("width", file.width(), "height", file.height()));
            }
            entries.add(entry);
        }
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("$type", IMAGES_TYPE);
        embed.put("images", entries);
        return embed;
    }
}
