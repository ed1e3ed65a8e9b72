package io.sentiflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VerifiedVersion;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the desk highlights: each token's characters, and the pooling weight a version gives it. */
class AttentionWeightsTest {

    private static final String POST = "$ACME shares plunge \uD83D\uDCC9 after the SEC opens a probe https://t.co/x1";

    @TempDir Path root;

    @Test
    void spansLocateEveryTokenInTheNormalizedTextEvenAfterAnEmoji() {
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TextNormalization.URLS)) {
            TokenSpans spans = tokenizer.spans(POST);

            assertThat(spans.ids()).containsExactly(tokenizer.tokenize(List.of(POST)).ids().get(0));
            assertThat(spans.normalized()).endsWith("probe http").doesNotContain("t.co");
            assertThat(spans.starts()[0]).as("[CLS] covers nothing").isEqualTo(-1);
            assertThat(spans.starts()[spans.size() - 1]).as("[SEP] covers nothing").isEqualTo(-1);
            StringBuilder covered = new StringBuilder();
            for (int t = 1; t < spans.size() - 1; t++) {
                assertThat(spans.starts()[t]).isLessThan(spans.ends()[t]);
                covered.append(spans.normalized(), spans.starts()[t], spans.ends()[t]).append(' ');
            }
            assertThat(covered.toString()).contains("plunge ", "after ", "probe ", "http ");
        }
    }

    @Test
    void aVersionsPoolingWeightsCoverEveryTokenAndSumToOne() throws Exception {
        ModelStore store = ModelStore.open(root.toString());
        String version = TinyModels.trainInto(root, 3L);
        VerifiedVersion verified = store.verify(version, null, null);
        try (TokenEncoder encoder = TokenEncoder.open(store.servedEncoder(version), 1, verified.normalization());
                TextTokenizer tokenizer = TextTokenizer.open(store.servedEncoder(version).tokenizer(),
                        verified.normalization())) {
            TokenSpans spans = tokenizer.spans(POST);
            float[][] hidden = encoder.encodeTokens(new TokenBatch(List.of(spans.ids()))).get(0);

            float[] weights = new Heads(verified.weights()).attention(hidden);

            assertThat(weights).hasSize(spans.size());
            double sum = 0;
            for (float weight : weights) {
                assertThat(weight).isBetween(0f, 1f);
                sum += weight;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }
}
