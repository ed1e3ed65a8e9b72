package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.LearnerCommandType;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionSummary;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning operator in a test harness with a real small parent model and the real encoder:
 * rounds on the count, on the interval and on TRAIN_NOW, and a restore from a snapshot taken before
 * a round that repeats the round and finds its version instead of training a second one.
 */
class FeedbackLearnerTest {

    private static final int TRIGGER = 30;

    @TempDir static Path base;
    private static String parent;
    private static List<LabeledText> labels;

    @TempDir Path storeDir;

    @BeforeAll
    static void parentAndLabels() throws Exception {
        parent = TinyModels.trainAndPromote(base, 7L);
        DataLocations data = DataLocations.fromSystemProperties();
        List<String> names = LabeledCsv.readLabelMap(data.sentimentLabels());
        List<io.sentiflow.training.LabeledText> rows = LabeledCsv.read(data.sentimentTrain(), names);
        labels = new ArrayList<>();
        for (int i = 0; i < TRIGGER; i++) {
            io.sentiflow.training.LabeledText row = rows.get(i * 97 % rows.size());
            labels.add(LabeledText.newBuilder().setId("l" + i).setText(row.text().replace('e', '3'))
                    .setTask(io.sentiflow.schema.Task.SENTIMENT).setLabel(names.get(row.label()))
                    .setLabeledAt(Instant.parse("2026-01-01T00:00:00Z")).build());
        }
    }

    @Test
    void aRestoreFromBeforeTheRoundRepeatsItAndFindsTheSameVersion() throws Exception {
        ModelStore store = storeWithParent();
        OperatorSubtaskState beforeRound;
        List<ModelUpdate> first;
        try (var harness = harness(config(TRIGGER, Duration.ofMinutes(10), 1))) {
            harness.open();
            for (LabeledText label : labels.subList(0, TRIGGER - 1)) {
                harness.processElement1(label, 0);
            }
            beforeRound = harness.snapshot(1, 1);
            harness.processElement1(labels.get(TRIGGER - 1), 0);
            first = harness.extractOutputValues();
            harness.processElement2(trainNow(), 0); // nothing waits any more: no second round
        }
        List<VersionSummary> afterFirst = store.list();
        assertThat(afterFirst).hasSize(2);
        assertThat(afterFirst).filteredOn(v -> !v.version().equals(parent))
                .allSatisfy(v -> assertThat(v.parentVersion()).isEqualTo(parent));

        try (var restored = harness(config(TRIGGER, Duration.ofMinutes(10), 1))) {
            restored.initializeState(beforeRound);
            restored.open();
            restored.processElement1(labels.get(TRIGGER - 1), 0);
            assertThat(restored.extractOutputValues()).extracting(ModelUpdate::getVersion)
                    .isEqualTo(first.stream().map(ModelUpdate::getVersion).toList());
        }
        assertThat(store.list()).extracting(VersionSummary::version)
                .containsExactlyElementsOf(afterFirst.stream().map(VersionSummary::version).toList());
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void theIntervalRunsARoundWithTheMinimumAndWaitsAnotherIntervalBelowIt() throws Exception {
        ModelStore store = storeWithParent();
        try (var harness = harness(config(1_000, Duration.ofMinutes(1), 5))) {
            harness.open();
            harness.setProcessingTime(0);
            for (LabeledText label : labels.subList(0, 4)) {
                harness.processElement1(label, 0);
            }
            harness.setProcessingTime(Duration.ofMinutes(1).toMillis());
            assertThat(store.list()).as("4 labels, minimum 5: no round").hasSize(1);

            harness.processElement1(labels.get(4), 0);
            harness.setProcessingTime(Duration.ofMinutes(2).toMillis());
            assertThat(store.list()).as("the re-armed interval with 5 labels").hasSize(2);
        }
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, LabeledText, LearnerCommand, ModelUpdate> harness(
            LearnerConfig config) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new FeedbackLearner(config)),
                label -> FeedbackLearner.KEY, command -> FeedbackLearner.KEY, Types.STRING);
    }

    private LearnerConfig config(int count, Duration interval, int minimum) {
        Configuration conf = new Configuration();
        conf.set(ScoringOptions.MODEL_STORE, storeDir.toString());
        conf.set(LearnerOptions.TRIGGER_COUNT, count);
        conf.set(LearnerOptions.TRIGGER_INTERVAL, interval);
        conf.set(LearnerOptions.TRIGGER_MINIMUM, minimum);
        conf.set(LearnerOptions.REPLAY_PER_CLASS, 5);
        conf.set(LearnerOptions.REGRESSION_MAX, 50);
        conf.set(LearnerOptions.FINE_TUNE_EPOCHS, 2);
        conf.set(LearnerOptions.EMBEDDING_CACHE, TinyModels.embeddingCache().toString());
        return LearnerConfig.fromConfiguration(conf);
    }

    private ModelStore storeWithParent() throws Exception {
        Path from = base.resolve("versions").resolve(parent);
        Path to = storeDir.resolve("versions").resolve(parent);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        ModelStore store = ModelStore.open(storeDir.toString());
        store.promote(parent);
        return store;
    }

    private List<String> stagingLeftovers() throws Exception {
        try (Stream<Path> entries = Files.list(storeDir.resolve("versions"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static LearnerCommand trainNow() {
        return LearnerCommand.newBuilder().setId("c1").setCommand(LearnerCommandType.TRAIN_NOW)
                .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).setRequestedBy("test").build();
    }
}
