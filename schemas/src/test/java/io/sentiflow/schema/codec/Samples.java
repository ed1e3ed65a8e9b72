package io.sentiflow.schema.codec;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.SentimentPrediction;
import io.sentiflow.schema.Severity;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.TopicPrediction;
import io.sentiflow.schema.Verdict;
import io.sentiflow.schema.WindowState;
import io.sentiflow.schema.WindowStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One record of every topic type, with every nullable field set or every nullable field unset. */
final class Samples {

    static final Instant PUBLISHED = Instant.parse("2024-05-01T13:45:00.123Z");

    private Samples() {
    }

    /** A codec and a record it round-trips, named for test reports. */
    record Case<T extends SpecificRecord>(String name, RecordCodec<T> codec, T record) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case<?>> all() {
        return List.of(
                new Case<>("TextEvent full", RecordCodec.textEvents(), textEvent()),
                new Case<>("TextEvent minimal", RecordCodec.textEvents(), minimalTextEvent()),
                new Case<>("ScoredText", RecordCodec.scoredTexts(), scoredText()),
                new Case<>("SentimentAlert", RecordCodec.sentimentAlerts(), sentimentAlert()),
                new Case<>("ModelUpdate full", RecordCodec.modelUpdates(), modelUpdate("v1")),
                new Case<>("ModelUpdate minimal", RecordCodec.modelUpdates(), modelUpdate(null)),
                new Case<>("LabeledText full", RecordCodec.labeledTexts(), labeledText("ana")),
                new Case<>("LabeledText minimal", RecordCodec.labeledTexts(), labeledText(null)),
                new Case<>("WindowStatistics", RecordCodec.windowStatistics(), windowStatistics()),
                new Case<>("AlertVerdict", RecordCodec.alertVerdicts(), alertVerdict()));
    }

    static TextEvent textEvent() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("feed", "reuters");
        attributes.put("région", "EMEA ✓");
        return TextEvent.newBuilder()
                .setId("evt-1")
                .setSource("newswire")
                .setText("$AAPL beats estimates; shares jump 5% — “strong quarter” 📈")
                .setPublishedAt(PUBLISHED)
                .setLang("en")
                .setEntities(List.of("AAPL", "BRK.B"))
                .setAttributes(attributes)
                .build();
    }

    static TextEvent minimalTextEvent() {
        return TextEvent.newBuilder()
                .setId("evt-2")
                .setSource("forum")
                .setText("Is TSLA a sell?")
                .setPublishedAt(Instant.ofEpochMilli(0))
                .build();
    }

    static ScoredText scoredText() {
        Map<String, Float> probabilities = new LinkedHashMap<>();
        probabilities.put("Earnings", 0.7f);
        probabilities.put("M&A", 0.3f);
        return ScoredText.newBuilder()
                .setId("evt-1")
                .setSource("newswire")
                .setPublishedAt(PUBLISHED)
                .setText("$AAPL beats estimates")
                .setTopic(new TopicPrediction("Earnings", 3, 0.7f))
                .setTopicProbabilities(probabilities)
                .setSentiment(new SentimentPrediction("Bullish", 0.05f, 0.9f, 0.05f))
                .setEntities(List.of("AAPL"))
                .setModelVersion("v7")
                .setScoredAt(PUBLISHED.plusMillis(250))
                .build();
    }

    static SentimentAlert sentimentAlert() {
        return SentimentAlert.newBuilder()
                .setAlertId("alert-1")
                .setKeyKind(KeyKind.ENTITY)
                .setKey("AAPL")
                .setState(AlertState.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setWindowStart(PUBLISHED)
                .setWindowEnd(PUBLISHED.plusSeconds(300))
                .setCount(42L)
                .setNegativeShare(0.81)
                .setBaselineShare(0.2)
                .setZScore(4.5)
                .setEvidence(List.of(new EvidenceText("evt-9", "Apple plunges after ...", 0.97f)))
                .setModelVersions(List.of("v6", "v7"))
                .setFiredAt(PUBLISHED.plusSeconds(301))
                .build();
    }

    static ModelUpdate modelUpdate(String parentVersion) {
        return ModelUpdate.newBuilder()
                .setVersion("v2")
                .setUri("file:///var/models/v2")
                .setManifestSha256("ab".repeat(32))
                .setParentVersion(parentVersion)
                .setCreatedAt(PUBLISHED)
                .setMetrics(Map.of("sentimentAccuracy", 0.87, "topicAccuracy", 0.91))
                .setReason("feedback learning")
                .build();
    }

    static LabeledText labeledText(String annotator) {
        return LabeledText.newBuilder()
                .setId("label-1")
                .setText("Guidance cut again")
                .setTask(Task.SENTIMENT)
                .setLabel("Bearish")
                .setAnnotator(annotator)
                .setLabeledAt(PUBLISHED)
                .build();
    }

    static WindowStatistics windowStatistics() {
        return WindowStatistics.newBuilder()
                .setKeyKind(KeyKind.ENTITY)
                .setKey("ACME")
                .setWindowStart(PUBLISHED)
                .setWindowEnd(PUBLISHED.plusSeconds(600))
                .setCount(42)
                .setNegativeShare(0.81)
                .setBaselineShare(0.14)
                .setZScore(7.9)
                .setState(WindowState.FIRING)
                .build();
    }

    static AlertVerdict alertVerdict() {
        return AlertVerdict.newBuilder()
                .setAlertId("942dc9fa-4bad-352f-abe3-11997304f12f")
                .setKeyKind(KeyKind.TOPIC)
                .setKey("Legal | Regulation")
                .setVerdict(Verdict.USEFUL)
                .setAnalyst("ana")
                .setGivenAt(PUBLISHED)
                .build();
    }
}
