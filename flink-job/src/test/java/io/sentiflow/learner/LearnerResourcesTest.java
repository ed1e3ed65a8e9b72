package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyFineTunes;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.EncodedText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner on a fine-tuned promoted version: it encodes labels with that version's own encoder. */
class LearnerResourcesTest {

    private static final String TEXT = "$AAPL shares slide after the company cuts its revenue forecast";

    @TempDir Path storeDir;
    @TempDir Path work;
    @TempDir Path cache;

    @Test
    void encodesWithTheOwnEncoderOfAFineTunedVersionAndRefusesParentsOfAnotherEncoder() throws Exception {
        ModelStore store = ModelStore.open(storeDir.toString());
        String fineTuned = TinyFineTunes.publishTo(store, work).result().version();
        String plain = TinyModels.untrainedInto(storeDir, 3L);
        Configuration conf = new Configuration();
        conf.set(ScoringOptions.MODEL_STORE, storeDir.toString());
        conf.set(LearnerOptions.REGRESSION_MAX, 20);
        conf.set(LearnerOptions.EMBEDDING_CACHE, cache.toString());

        try (LearnerResources resources = LearnerResources.open(LearnerConfig.fromConfiguration(conf))) {
            assertThat(resources.promotedVersion()).isEqualTo(fineTuned);
            float[][] learnt = resources.encode(TEXT).toFloats();
            TextNormalization normalization = TextNormalization.URLS;
            assertThat(learnt).isDeepEqualTo(encode(store.servedEncoder(fineTuned), normalization));
            EncoderKind kind = EncoderKind.fromName(store.manifest(fineTuned).encoder().kind()).orElseThrow();
            assertThat(Arrays.deepEquals(learnt, encode(EncoderFiles.of(kind), normalization)))
                    .as("the same outputs as the pretrained encoder").isFalse();

            assertThatCode(() -> resources.requireSameEncoder(fineTuned)).doesNotThrowAnyException();
            assertThatThrownBy(() -> resources.requireSameEncoder(plain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(plain)
                    .hasMessageContaining("another encoder");
        }
    }

    /** What {@link LearnerResources#encode} stores: the encoder's output, through half floats. */
    private static float[][] encode(EncoderFiles files, TextNormalization normalization) {
        try (TokenEncoder encoder = TokenEncoder.open(files, 1, normalization)) {
            return EncodedText.of(encoder.encode(List.of(TEXT)).get(0)).toFloats();
        }
    }
}
