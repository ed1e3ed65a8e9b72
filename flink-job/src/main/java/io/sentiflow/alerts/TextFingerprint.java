package io.sentiflow.alerts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 64-bit fingerprint of a text's wording, so that retweets and syndicated copies count once
 * per window: lower case, a leading {@code RT @user:} removed, URLs removed (link shorteners give
 * every copy its own URL), punctuation and runs of whitespace folded. Stateless and thread-safe.
 */
public final class TextFingerprint {

    private static final Pattern RETWEET = Pattern.compile("^rt\\s+@\\w+:?\\s*");
    private static final Pattern URL = Pattern.compile("(https?://|www\\.)\\S+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}$]+");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TextFingerprint() {}

    /** The normalised wording the fingerprint is taken of. */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        String withoutRetweet = RETWEET.matcher(lower).replaceFirst("");
        String withoutUrls = URL.matcher(withoutRetweet).replaceAll(" ");
        return NOT_WORD.matcher(withoutUrls).replaceAll(" ").strip();
    }

    /** FNV-1a over the normalised text; equal for copies that differ only as described above. */
    public static long of(String text) {
        String normal = normalise(text);
        long hash = FNV_OFFSET;
        for (int i = 0; i < normal.length(); i++) {
            hash ^= normal.charAt(i);
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
