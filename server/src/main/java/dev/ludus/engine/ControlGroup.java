package dev.ludus.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An application's control group: the share of its users held out of the game's feedback, picked by
 * hashing each user's id with the application's, so that a user is in it or not on every node, after
 * every restart and for as long as the share stays, and groups of different applications are
 * independent. Raising the share only adds users to the group (a user's place, 0 to 9,999, never
 * moves); lowering it only takes users out.
 */
public final class ControlGroup {

    /** The places users fall in; a share of {@code p} percent holds out the places below {@code p * 100}. */
    public static final int PLACES = 10_000;

    private ControlGroup() { }

    /** The user's place among {@link #PLACES}: the first 8 bytes of SHA-256 of the two ids, modulo. */
    public static int place(String applicationId, String userId) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(applicationId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(userId.getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), (long) PLACES);
    }

    /** True when the user is in the application's control group of {@code percent} percent (0 to 100). */
    public static boolean holdsOut(int percent, String applicationId, String userId) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a control group is 0 to 100 percent");
        }
        return percent > 0 && place(applicationId, userId) < percent * (PLACES / 100);
    }
}
