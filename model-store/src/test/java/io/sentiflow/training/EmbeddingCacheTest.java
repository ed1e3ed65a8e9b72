package io.sentiflow.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    private static final List<String> TEXTS = List.of("Fed holds rates steady", "$TSLA falls 5% premarket",
            "Fed holds rates steady", "");

    @TempDir
    Path dir;

    @Test
    void aSecondRunReadsEveryTextFromDiskWithoutOpeningTheEncoder() {
        List<EncodedText> first = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE)
                .encodeAll(TEXTS, () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE), false);

        EmbeddingCache reopened = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE);
        List<EncodedText> second = reopened.encodeAll(TEXTS, failIfOpened(), false);

        assertThat(reopened.size()).isEqualTo(3);
        assertThat(second).hasSize(4);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(second.get(i).tokens()).isEqualTo(first.get(i).tokens());
            assertThat(second.get(i).halfs()).isEqualTo(first.get(i).halfs());
        }
        assertThat(second.get(3).tokens()).isEqualTo(2); // [CLS] [SEP]
        assertThat(second.get(1).tokens()).isLessThanOrEqualTo(TokenEncoder.MAX_TOKENS);
    }

    @Test
    void ignoresATornLastRecordAndKeepsAppendingAfterTheIntactOnes() throws Exception {
        EmbeddingCache cache = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE);
        cache.encodeAll(TEXTS.subList(0, 2), () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE),
                false);
        Files.write(cache.file(), new byte[] {'a', 'b', 'c'}, StandardOpenOption.APPEND);

        EmbeddingCache reopened = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE);
        reopened.encodeAll(List.of("Gold climbs"),
                () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE), false);

        assertThat(reopened.size()).isEqualTo(3);
        assertThat(EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE).size()).isEqualTo(3);
    }

    @Test
    void keepsNormalizedTextsApartFromRawOnesAndRefusesAnEncoderOfTheOtherNormalization() {
        String tweet = "Oil slides https://t.co/XyZ12345";
        EmbeddingCache raw = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.NONE);
        EmbeddingCache urls = EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.URLS);
        EncodedText rawTweet = raw.encodeAll(List.of(tweet),
                () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE), false).get(0);
        EncodedText urlTweet = urls.encodeAll(List.of(tweet),
                () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.URLS), false).get(0);

        assertThat(urls.file()).isNotEqualTo(raw.file());
        assertThat(urlTweet.tokens()).isLessThan(rawTweet.tokens());
        assertThatThrownBy(() -> EmbeddingCache.open(dir, EncoderKind.FP32, TextNormalization.URLS)
                .encodeAll(List.of("a new text"), () -> TokenEncoder.open(EncoderKind.FP32, 1, TextNormalization.NONE),
                        false))
                .hasMessageContaining("fp32/urls").hasMessageContaining("fp32/none");
    }

    private static Supplier<TokenEncoder> failIfOpened() {
        return () -> {
            throw new AssertionError("the encoder must not be opened when every text is cached");
        };
    }
}
