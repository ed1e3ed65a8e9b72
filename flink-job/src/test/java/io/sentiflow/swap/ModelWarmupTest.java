package io.sentiflow.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelWarmupTest {

    private static final ModelPointer V1 = new ModelPointer("v1", "file:/store/versions/v1", "sha");

    @Test
    void passesAModelThatScoresTheWarmUpTexts() {
        StubModel model = new StubModel("v1", List.of("Bearish", "Bullish", "Neutral"), new float[] {0.2f, 0.3f, 0.5f});

        assertThat(ModelWarmup.check(model, V1)).isSameAs(model);
        assertThat(model.closed).isFalse();
        assertThat(model.calls).isEqualTo(1);
    }

    @Test
    void refusesAndClosesAModelThatIsAnotherVersion() {
        StubModel model = new StubModel("v2", List.of("Bearish", "Bullish", "Neutral"), new float[] {0.2f, 0.3f, 0.5f});

        assertThatThrownBy(() -> ModelWarmup.check(model, V1))
                .hasMessageContaining("asked for version v1")
                .hasMessageContaining("holds version v2");
        assertThat(model.closed).isTrue();
    }

    @Test
    void refusesSentimentClassesTheSchemaDoesNotName() {
        StubModel model = new StubModel("v1", List.of("Negative", "Positive", "Neutral"), new float[] {0.2f, 0.3f, 0.5f});

        assertThatThrownBy(() -> ModelWarmup.check(model, V1)).hasMessageContaining("sentiment classes must be");
        assertThat(model.closed).isTrue();
    }

    @Test
    void refusesProbabilitiesThatAreNotADistribution() {
        StubModel nan = new StubModel("v1", List.of("Bearish", "Bullish", "Neutral"), new float[] {Float.NaN, 0.5f, 0.5f});
        StubModel short2 = new StubModel("v1", List.of("Bearish", "Bullish", "Neutral"), new float[] {0.5f, 0.5f});
        StubModel sum2 = new StubModel("v1", List.of("Bearish", "Bullish", "Neutral"), new float[] {1f, 0.5f, 0.5f});

        assertThatThrownBy(() -> ModelWarmup.check(nan, V1)).hasMessageContaining("probability of NaN");
        assertThatThrownBy(() -> ModelWarmup.check(short2, V1)).hasMessageContaining("2 probabilities for 3 classes");
        assertThatThrownBy(() -> ModelWarmup.check(sum2, V1)).hasMessageContaining("sum to 2.0");
        assertThat(List.of(nan, short2, sum2)).allSatisfy(m -> assertThat(m.closed).isTrue());
    }

    /** Two topics at 0.25/0.75 and the given sentiment probabilities for every text. */
    private static final class StubModel implements ScoringModel {
        private final String version;
        private final List<String> sentiments;
        private final float[] sentiment;
        boolean closed;
        int calls;

        StubModel(String version, List<String> sentiments, float[] sentiment) {
            this.version = version;
            this.sentiments = sentiments;
            this.sentiment = sentiment;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<String> topicLabels() {
            return List.of("Earnings", "Macro");
        }

        @Override
        public List<String> sentimentLabels() {
            return sentiments;
        }

        @Override
        public List<TextPrediction> predict(List<String> texts) {
            calls++;
            return Collections.nCopies(texts.size(), new TextPrediction(new float[] {0.25f, 0.75f}, sentiment));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
