package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFingerprintTest {

    private static final String ORIGINAL = "$ALLY - Ally Financial pulls outlook https://t.co/G9Zdi1boy5";

    @Test
    void retweetsAndCopiesWithOtherLinksShareTheFingerprint() {
        assertThat(TextFingerprint.of("RT @markets: $ALLY - ally financial  pulls outlook https://t.co/other"))
                .isEqualTo(TextFingerprint.of(ORIGINAL));
        assertThat(TextFingerprint.of("$ALLY  Ally Financial pulls outlook!\n")).isEqualTo(TextFingerprint.of(ORIGINAL));
    }

    @Test
    void differentWordingGetsDifferentFingerprints() {
        assertThat(TextFingerprint.of("$ALLY - Ally Financial raises outlook https://t.co/G9Zdi1boy5"))
                .isNotEqualTo(TextFingerprint.of(ORIGINAL));
        assertThat(TextFingerprint.of("$BAC - Ally Financial pulls outlook")).isNotEqualTo(TextFingerprint.of(ORIGINAL));
    }

    @Test
    void normalisesToLowerCaseWordsWithoutLinks() {
        assertThat(TextFingerprint.normalise(ORIGINAL)).isEqualTo("$ally ally financial pulls outlook");
    }
}
