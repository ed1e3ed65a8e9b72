package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AlertKeysTest {

    private static List<KeyedText> fanOut(ScoredText text) {
        return new AlertKeys(AlertConfig.defaults()).fanOut(text).keys();
    }

    @Test
    void fansATextOutToItsTopicAndEachEntityOnce() {
        ScoredText text = ValidSetTexts.scored("t1", "$AAPL $MSFT - cut https://t.co/x", 0,
                Instant.parse("2026-01-05T03:00:00Z"), "Analyst Update", List.of("AAPL", "MSFT", " AAPL ", ""));

        List<KeyedText> keyed = fanOut(text);

        assertThat(keyed).extracting(KeyedText::stateKey)
                .containsExactly("TOPIC:Analyst Update", "ENTITY:AAPL", "ENTITY:MSFT");
        assertThat(keyed).allSatisfy(k -> {
            assertThat(k.negative()).isTrue();
            assertThat(k.bearish()).isEqualTo(0.9f);
            assertThat(k.publishedAt()).isEqualTo(Instant.parse("2026-01-05T03:00:00Z").toEpochMilli());
            assertThat(k.modelVersion()).isEqualTo(ValidSetTexts.MODEL_VERSION);
        });
        assertThat(keyed.get(1).keyKind()).isEqualTo(KeyKind.ENTITY);
    }

    @Test
    void capsTheEntitiesOfATextAndCountsWhatItLeavesOut() {
        List<String> tickers = IntStream.range(0, 5_000).mapToObj(i -> "T" + i).toList();
        List<String> entities = new java.util.ArrayList<>(tickers);
        entities.add(1, "X".repeat(AlertKeys.MAX_ENTITY_CHARS + 1));
        ScoredText text = ValidSetTexts.scored("big", "a very long text", 0,
                Instant.parse("2026-01-05T03:00:00Z"), "Markets", entities);
        Configuration three = new Configuration();
        three.set(AlertOptions.MAX_ENTITIES_PER_TEXT, 3);

        AlertKeys.FanOut fanOut = new AlertKeys(AlertConfig.fromConfiguration(three)).fanOut(text);

        assertThat(fanOut.keys()).extracting(KeyedText::stateKey)
                .containsExactly("TOPIC:Markets", "ENTITY:T0", "ENTITY:T1", "ENTITY:T2");
        assertThat(fanOut.dropped()).isEqualTo(5_000 - 3 + 1);
        assertThat(new AlertKeys(AlertConfig.defaults()).fanOut(text).keys()).hasSize(1 + 10);
    }

    @Test
    void negativeMeansBearishIsMostProbableOrAboveTheThreshold() {
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Bearish", 0.4f, 0.3f, 0.3f), 0.5)).isTrue();
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Neutral", 0.35f, 0.2f, 0.45f), 0.5)).isFalse();
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Neutral", 0.35f, 0.2f, 0.45f), 0.3)).isTrue();
    }
}
