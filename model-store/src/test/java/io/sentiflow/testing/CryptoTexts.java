package io.sentiflow.testing;

import java.util.Locale;

/**
 * Texts about crypto currencies: the tweet topic data has no class for them and spreads them over
 * several topics, so the learner's tests teach a new "Crypto" class from them.
 */
public final class CryptoTexts {

    private CryptoTexts() {}

    public static boolean matches(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("crypto") || lower.contains("bitcoin");
    }
}
