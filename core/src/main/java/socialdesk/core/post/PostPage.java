package socialdesk.core.post;

import java.util.List;

/** One page of posts and the opaque cursor of the next page (null when this is the last). */
public record PostPage(List<Post> posts, String next) {
    public PostPage {
        posts = List.copyOf(posts);
    }
}
