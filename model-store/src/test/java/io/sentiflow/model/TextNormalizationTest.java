package io.sentiflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizationTest {

    @Test
    void reducesEveryLinkToOnePlaceholderAndLeavesTheRest() {
        assertThat(TextNormalization.URLS.apply("$AAPL beats estimates https://t.co/AbC123xyz https://t.co/Q"))
                .isEqualTo("$AAPL beats estimates http http");
        assertThat(TextNormalization.URLS.apply("See http://example.com/a?b=c, and WWW.reuters.com/x."))
                .isEqualTo("See http and http");
        assertThat(TextNormalization.URLS.apply("mail me@www.example.com; example.com is no link; https alone"))
                .isEqualTo("mail me@www.example.com; example.com is no link; https alone");
        assertThat(TextNormalization.NONE.apply("x https://t.co/a")).isEqualTo("x https://t.co/a");
    }

    @Test
    void theLinksOfATweetCostOneTokenEach() {
        String tweet = "Fed holds rates steady https://t.co/Gx6PbdsLtQ https://t.co/4mSzVvyt3o";
        try (TextTokenizer raw = TextTokenizer.open(EncoderKind.INT8, TextNormalization.NONE);
                TextTokenizer normalized = TextTokenizer.open(EncoderKind.INT8, TextNormalization.URLS)) {
            long[] rawIds = raw.tokenize(List.of(tweet)).ids().get(0);
            long[] ids = normalized.tokenize(List.of(tweet)).ids().get(0);
            long[] words = normalized.tokenize(List.of("Fed holds rates steady")).ids().get(0);
            assertThat(ids).hasSize(words.length + 2);
            assertThat(rawIds.length).isGreaterThan(ids.length + 10);
        }
    }

    @Test
    void aManifestWithoutNormalizationMeansNoneAndAnUnknownOneIsRefused() {
        assertThat(TextNormalization.ofManifest(null)).isEqualTo(TextNormalization.NONE);
        assertThat(TextNormalization.ofManifest("URLS")).isEqualTo(TextNormalization.URLS);
        assertThatThrownBy(() -> TextNormalization.ofManifest("emoji")).hasMessageContaining("emoji");
    }
}
