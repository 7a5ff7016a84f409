package socialdesk.platforms.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TidTest {
    private static final Instant DUE = Instant.parse("2025-06-01T09:00:00Z");

    @Test
    void theSamePostAlwaysGetsTheSameKey() {
        assertEquals(Tid.forPost(DUE, "post-1/bluesky"), Tid.forPost(DUE, "post-1/bluesky"));
    }

    @Test
    void postsDueAtTheSameInstantGetDifferentKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(Tid.forPost(DUE, "post-" + i + "/bluesky"));
        }
        assertEquals(2_000, keys.size());
    }

    @Test
    void keysAreValidTidsThatEncodeTheDueTime() {
        String key = Tid.forPost(DUE, "post-1/bluesky");

        assertEquals(13, key.length());
        assertTrue(Tid.isValid(key), key);
        assertTrue(key.chars().allMatch(c -> Tid.ALPHABET.indexOf(c) >= 0));
        Duration offset = Duration.between(DUE, Tid.timestamp(key));
        assertTrue(offset.abs().compareTo(Duration.ofNanos(1_048_576_000L)) < 0, offset.toString());
    }

    @Test
    void keysSortByDueTime() {
        String earlier = Tid.forPost(DUE, "zzz");
        String later = Tid.forPost(DUE.plusSeconds(2), "aaa");
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void encodesTheSpecsLayout() {
        assertEquals("2222222222222", Tid.encode(0, 0));
        assertEquals("2222222222223", Tid.encode(0, 1));
        assertEquals("2222222222322", Tid.encode(1, 0));
        assertEquals("bzzzzzzzzzzzz", Tid.encode((1L << 53) - 1, 1023));
        assertTrue(Tid.isValid(Tid.encode((1L << 53) - 1, 1023)));
    }

    @Test
    void rejectsWhatCannotBeAKey() {
        assertThrows(IllegalArgumentException.class, () -> Tid.forPost(null, "k"));
        assertThrows(IllegalArgumentException.class, () -> Tid.forPost(DUE, ""));
        assertThrows(IllegalArgumentException.class, () -> Tid.forPost(Instant.parse("1969-12-31T23:59:59Z"), "k"));
        assertFalse(Tid.isValid("3jzfcijpj2z2aa"));
        assertFalse(Tid.isValid("zjzfcijpj2z2a"));
        assertFalse(Tid.isValid("3jzfcijpj2z21"));
    }
}
