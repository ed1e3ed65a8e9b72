package io.sentiflow.scoring;

import static io.sentiflow.scoring.FakeModelStore.pointer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.testing.ValidTexts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's batching, ordering and watermark rules, with a double of the model store. */
class MicroBatchScoringOperatorTest {

    private static final Duration TIMEOUT = Duration.ofMillis(50);

    private final FakeModelStore store = new FakeModelStore("A");
    private TwoInputStreamOperatorTestHarness<ValidText, ModelUpdate, ScoredText> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void scoresAFullBatchWithOneModelCall() throws Exception {
        harness = open(4);

        for (int i = 0; i < 3; i++) {
            harness.processElement1(text("t" + i, "headline " + i), 10 + i);
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processElement1(text("t3", "headline 3"), 13);

        assertThat(ids()).containsExactly("t0", "t1", "t2", "t3");
        assertThat(onlyModel().scoringCalls()).hasSize(1);
    }

    @Test
    void scoresAPartialBatchWhenItsTimeoutPasses() throws Exception {
        harness = open(32);
        harness.setProcessingTime(1_000);

        harness.processElement1(text("t0", "a"), 1);
        harness.processElement1(text("t1", "b"), 2);
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis());

        assertThat(ids()).containsExactly("t0", "t1");
        assertThat(harness.extractOutputValues().get(0).getScoredAt())
                .isEqualTo(Instant.ofEpochMilli(1_000 + TIMEOUT.toMillis()));
    }

    @Test
    void aTimeoutOfAnEarlierBatchDoesNotCutTheNextOneShort() throws Exception {
        harness = open(2);
        harness.setProcessingTime(0);
        harness.processElement1(text("t0", "a"), 1);
        harness.processElement1(text("t1", "b"), 2); // full: scored, its timer is spent
        harness.setProcessingTime(30);
        harness.processElement1(text("t2", "c"), 3); // opens a batch due at 80

        harness.setProcessingTime(TIMEOUT.toMillis());

        assertThat(ids()).containsExactly("t0", "t1");
        harness.setProcessingTime(30 + TIMEOUT.toMillis());
        assertThat(ids()).containsExactly("t0", "t1", "t2");
    }

    @Test
    void scoresThePartialBatchBeforeACheckpointBarrier() throws Exception {
        harness = open(32);
        harness.processElement1(text("t0", "a"), 1);
        harness.processElement1(text("t1", "b"), 2);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(ids()).containsExactly("t0", "t1");
    }

    @Test
    void scoresThePartialBatchAtEndOfInput() throws Exception {
        harness = open(32);
        harness.processElement1(text("t0", "a"), 1);

        harness.endInput1();

        assertThat(ids()).containsExactly("t0");
    }

    @Test
    void encodesIdenticalTextsInABatchOnce() throws Exception {
        harness = open(5);
        List<String> texts = List.of("Fed cuts rates", "oil up", "Fed cuts rates", "Fed cuts rates", "oil up");
        for (int i = 0; i < texts.size(); i++) {
            harness.processElement1(text("t" + i, texts.get(i)), i);
        }

        assertThat(onlyModel().scoringCalls()).containsExactly(List.of("Fed cuts rates", "oil up"));
        List<ScoredText> out = harness.extractOutputValues();
        assertThat(out).extracting(ScoredText::getText).containsExactlyElementsOf(texts);
        assertThat(out.get(2).getSentiment()).isEqualTo(out.get(0).getSentiment());
        assertThat(out.get(4).getSentiment().getLabel()).isEqualTo("Bullish");
    }

    @Test
    void emitsEveryFieldInInputOrderWithEachInputsTimestamp() throws Exception {
        harness = open(3);
        harness.processElement1(new StreamRecord<>(ValidTexts.of("x", "twitter", "$AAPL up", 5_000, List.of("AAPL")), 5_000));
        harness.processElement1(new StreamRecord<>(text("y", "Fed holds"), 4_000));
        harness.processElement1(new StreamRecord<>(text("z", "Oil"), 6_000));

        List<StreamRecord<? extends ScoredText>> out = harness.extractOutputStreamRecords();
        assertThat(out).extracting(r -> r.getValue().getId()).containsExactly("x", "y", "z");
        assertThat(out).extracting(StreamRecord::getTimestamp).containsExactly(5_000L, 4_000L, 6_000L);
        ScoredText first = out.get(0).getValue();
        assertThat(first.getSource()).isEqualTo("twitter");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(first.getEntities()).containsExactly("AAPL");
        assertThat(first.getModelVersion()).isEqualTo("A");
        // "$AAPL up" has 8 characters: topic 8 % 3 = 2 (Energy) in the double's rule.
        assertThat(first.getTopic().getLabel()).isEqualTo("Energy");
        assertThat(first.getTopic().getId()).isEqualTo(2);
        assertThat(first.getTopic().getConfidence()).isEqualTo(0.8f);
        assertThat(first.getTopicProbabilities()).isEqualTo(Map.of("Earnings", 0.1f, "Macro", 0.1f, "Energy", 0.8f));
        assertThat(first.getSentiment().getLabel()).isEqualTo("Bullish");
        assertThat(first.getSentiment().getBearish()).isEqualTo(0.1f);
        assertThat(first.getSentiment().getBullish()).isEqualTo(0.7f);
        assertThat(first.getSentiment().getNeutral()).isEqualTo(0.2f);
    }

    @Test
    void holdsAWatermarkUntilTheOpenBatchIsScored() throws Exception {
        harness = open(32);
        harness.processElement1(text("t0", "a"), 100);
        harness.processWatermark1(new Watermark(100));
        assertThat(harness.getOutput()).isEmpty();

        harness.prepareSnapshotPreBarrier(1);

        List<Object> out = new ArrayList<>(harness.getOutput());
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
        assertThat(out.get(1)).isEqualTo(new Watermark(100));
    }

    @Test
    void scoresThePartialBatchWhenTheTextsGoIdle() throws Exception {
        harness = open(32);
        harness.processElement1(text("t0", "a"), 1);

        harness.processWatermarkStatus1(WatermarkStatus.IDLE);

        List<Object> out = new ArrayList<>(harness.getOutput());
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
        assertThat(out.get(1)).isEqualTo(WatermarkStatus.IDLE);
    }

    @Test
    void followsTheWatermarksOfTextsOnlyNotOfModelUpdates() throws Exception {
        harness = open(32);

        harness.processWatermark2(new Watermark(Long.MIN_VALUE + 1));
        harness.processWatermark1(new Watermark(500));

        assertThat(new ArrayList<>(harness.getOutput())).containsExactly(new Watermark(500));
    }

    @Test
    void sendsATextTheModelAlwaysFailsOnToTheDlqAndScoresTheRestOnce() throws Exception {
        harness = open(6);
        List<String> texts = List.of("oil up", "Fed holds", "a POISON text", "gold up", "Fed holds", "rates");
        for (int i = 0; i < texts.size(); i++) {
            harness.processElement1(text("t" + i, texts.get(i)), 100 + i);
        }

        assertThat(harness.extractOutputStreamRecords()).extracting(r -> r.getValue().getId(), StreamRecord::getTimestamp)
                .containsExactly(tuple("t0", 100L), tuple("t1", 101L), tuple("t3", 103L), tuple("t4", 104L),
                        tuple("t5", 105L));
        List<DeadLetter> letters = harness.getSideOutput(MicroBatchScoring.UNSCORABLE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.errorClass()).isEqualTo(MicroBatchScoring.SCORING_FAILED);
            assertThat(letter.original().value()).isEqualTo("a POISON text".getBytes(StandardCharsets.UTF_8));
            assertThat(letter.reason()).contains("model version A", "ORT_RUNTIME_EXCEPTION");
        });
        // Each healthy distinct text reached the model in exactly one successful call.
        List<List<String>> succeeded = onlyModel().scoringCalls().stream()
                .filter(call -> call.stream().noneMatch(t -> t.contains(FakeModelStore.POISON))).toList();
        assertThat(succeeded.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("oil up", "Fed holds", "gold up", "rates");
        assertThat(((MicroBatchScoringOperator) harness.getOperator()).metrics().unscorableTexts()).isEqualTo(1L);
    }

    @Test
    void aLonePoisonTextIsTriedTwiceThenDeadLettered() throws Exception {
        harness = open(1);

        harness.processElement1(text("p", "POISON"), 1);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(MicroBatchScoring.UNSCORABLE)).hasSize(1);
        assertThat(onlyModel().scoringCalls()).hasSize(2);
    }

    @Test
    void failsTheJobWhenTheModelFailsOnEveryTextOfABatch() throws Exception {
        harness = open(3);
        harness.processElement1(text("a", "POISON 1"), 1);
        harness.processElement1(text("b", "POISON 2"), 2);

        assertThatThrownBy(() -> harness.processElement1(text("c", "POISON 3"), 3))
                .hasMessageContaining("the model, not the texts, is at fault");
        // As on a failed task: close without finishing, which would score the failed batch again.
        MicroBatchScoringOperator failed = (MicroBatchScoringOperator) harness.getOperator();
        harness = null;
        failed.close();
    }

    @Test
    void refusesToStartWhenTheStoreHasNoPromotedVersion() throws Exception {
        harness = new TwoInputStreamOperatorTestHarness<>(
                new MicroBatchScoringOperator(config(4), new FakeModelStore(null).factory()));
        noGenericTypes(harness);

        assertThatThrownBy(harness::open).hasMessageContaining("has no promoted version");
    }

    private TwoInputStreamOperatorTestHarness<ValidText, ModelUpdate, ScoredText> open(int batchSize)
            throws Exception {
        var opened = new TwoInputStreamOperatorTestHarness<>(
                new MicroBatchScoringOperator(config(batchSize), store.factory()));
        noGenericTypes(opened);
        opened.open();
        return opened;
    }

    static ScoringConfig config(int batchSize) {
        return new ScoringConfig("unused", batchSize, TIMEOUT, 1);
    }

    /** As the job runs: Kryo fallback is an error, so state types must be real POJOs. */
    static void noGenericTypes(TwoInputStreamOperatorTestHarness<?, ?, ?> harness) {
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        harness.getExecutionConfig().configure(conf, MicroBatchScoringOperatorTest.class.getClassLoader());
    }

    static ValidText text(String id, String text) {
        return ValidTexts.of(id, text);
    }

    private List<String> ids() {
        return harness.extractOutputValues().stream().map(ScoredText::getId).toList();
    }

    private FakeModelStore.FakeModel onlyModel() {
        assertThat(store.loaded).hasSize(1);
        return store.loaded.get(0);
    }

    static ModelUpdate update(String version) {
        var p = pointer(version);
        return ModelUpdate.newBuilder()
                .setVersion(p.version())
                .setUri(p.uri())
                .setManifestSha256(p.manifestSha256())
                .setCreatedAt(Instant.EPOCH)
                .setMetrics(Map.of())
                .setReason("test")
                .build();
    }
}
