package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class AlertKeysTest {

    private static List<KeyedText> fanOut(ScoredText text) {
        List<KeyedText> out = new ArrayList<>();
        new AlertKeys(AlertConfig.defaults()).flatMap(text, new Collector<>() {
            @Override
            public void collect(KeyedText record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
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
    void negativeMeansBearishIsMostProbableOrAboveTheThreshold() {
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Bearish", 0.4f, 0.3f, 0.3f), 0.5)).isTrue();
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Neutral", 0.35f, 0.2f, 0.45f), 0.5)).isFalse();
        assertThat(AlertKeys.isNegative(new SentimentPrediction("Neutral", 0.35f, 0.2f, 0.45f), 0.3)).isTrue();
    }
}
