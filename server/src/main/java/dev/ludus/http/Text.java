package dev.ludus.http;

/**
 * The rule every piece of text a caller hands Ludus must follow before it reaches a store: no NUL
 * character (PostgreSQL cannot store one in text) and no unpaired UTF-16 surrogate (it has no UTF-8
 * form: databases replace it with {@code ?}, so {@code "x\ud800"} and {@code "x\ud801"} would become
 * one id). Applies to ids, keys, names and every other string of a body, a path, a query or a token.
 */
public final class Text {

    private Text() { }

    /** The index of the first NUL or unpaired surrogate of {@code text}; -1 when there is none. */
    public static int firstFlaw(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** True when {@code text} has no NUL and no unpaired surrogate. */
    public static boolean isWellFormed(CharSequence text) {
        return firstFlaw(text) < 0;
    }

    /** What is wrong with {@code text} at {@code index}, for an error's detail (never the text itself). */
    public static String flawAt(CharSequence text, int index) {
        return text.charAt(index) == '\0'
                ? "contains a NUL character (\\u0000)"
                : "contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(text.charAt(index)) + ")";
    }

    /**
     * Refuses flawed text with 400 {@code invalid_request} naming {@code field}.
     *
     * @return {@code text}
     */
    public static String require(String field, String text) {
        int flaw = firstFlaw(text);
        if (flaw >= 0) {
            throw ApiException.invalidField(field, "'" + field + "' " + flawAt(text, flaw));
        }
        return text;
    }
}
