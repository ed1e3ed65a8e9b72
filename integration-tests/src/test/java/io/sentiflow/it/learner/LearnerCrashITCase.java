package io.sentiflow.it.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionSummary;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of publishing: the learner runs as {@code sentiflow learner} in a child JVM,
 * is killed with SIGKILL the moment its new version directory appears (before the checkpoint that
 * commits the version's ModelUpdate), and is started again. It resumes from its last checkpoint,
 * repeats the round, finds the version already in the store, and commits exactly one ModelUpdate
 * for it; the store holds no half-written or duplicate version.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the machine is shared; these bound a hang, not speed
class LearnerCrashITCase {

    private static final int BEFORE_CHECKPOINT = 100;
    private static final int TRIGGER = 150;
    private static final Duration DEADLINE = Duration.ofMinutes(8);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path base;
    @TempDir Path storeDir;
    @TempDir Path work;

    private final TopicIo topicIo = new TopicIo(KAFKA);

    @Test
    void killedWhilePublishingItResumesAndAnnouncesTheVersionExactlyOnce() throws Exception {
        String parent = TinyModels.trainAndPromote(base, 7L);
        ModelStore store = FeedbackData.storeWith(base, parent, storeDir);
        LearnerRuns.Topics topics = LearnerRuns.Topics.create(KAFKA, "crash");
        String group = "it-crash-" + UUID.randomUUID().toString().substring(0, 8);
        List<LabeledText> labels = labels(FeedbackData.leet(Task.SENTIMENT, FeedbackData.DATA.sentimentTrain(), 0, TRIGGER));

        Instant killedAt;
        String version;
        int processes = 1;
        try (WatchService watcher = FileSystems.getDefault().newWatchService();
                LearnerProcess first = LearnerProcess.start(flags(), keys(topics, group), work.resolve("first.log"))) {
            storeDir.resolve("versions").register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            send(topics, labels.subList(0, BEFORE_CHECKPOINT));
            whileAlive(first, () -> Polling.committedOffset(KAFKA, group, topics.feedback())
                    .filter(offset -> offset >= BEFORE_CHECKPOINT));
            send(topics, labels.subList(BEFORE_CHECKPOINT, TRIGGER));

            version = awaitNewVersionDirectory(watcher, first);
            first.crash();
            killedAt = Instant.now();
        }
        assertThat(topicIo.readCommitted(topics.updates())).as("updates committed before the crash").isEmpty();
        assertThat(store.verify(version, null, null).manifest().parentVersion()).isEqualTo(parent);
        assertThat(store.list()).extracting(VersionSummary::version).containsExactlyInAnyOrder(parent, version);

        List<ModelUpdate> updates;
        Instant announcedAt;
        long resumed;
        processes++;
        try (LearnerProcess second = LearnerProcess.start(flags(), keys(topics, group), work.resolve("second.log"))) {
            updates = decode(whileAlive(second, () -> Optional.of(topicIo.readCommitted(topics.updates()))
                    .filter(records -> !records.isEmpty())));
            announcedAt = Instant.now();
            // Later checkpoints must not commit a second update for the round.
            long committed = whileAlive(second, () -> Polling.committedOffset(KAFKA, group, topics.feedback())
                    .filter(offset -> offset >= TRIGGER));
            assertThat(committed).isEqualTo(TRIGGER);
            updates = decode(topicIo.readCommitted(topics.updates()));
            resumed = second.output().lines().filter(line -> line.contains("resuming from")).count();
        }
        assertThat(resumed).as("restores from a checkpoint").isEqualTo(1);
        assertThat(updates).extracting(ModelUpdate::getVersion).containsExactly(version);
        assertThat(store.list()).extracting(VersionSummary::version).containsExactlyInAnyOrder(parent, version);
        assertThat(store.promotedVersion()).contains(version);
        assertThat(stagingLeftovers()).isEmpty();

        List<String> announced = updates.stream().map(ModelUpdate::getVersion).toList();
        Recovery recovery = new Recovery(killedAt, announcedAt, Recovery.BOUND);
        ReliabilityReport.record(ReliabilityFigures.builder("learner-kill-during-publish",
                        "The learner JVM killed (SIGKILL) as its new version appeared in the store, before the "
                                + "checkpoint committing its ModelUpdate, and started again: it resumed from its last "
                                + "checkpoint and announced the version once. Records are the labels sent and the "
                                + "ModelUpdates committed; a loss is a version in the store never announced. "
                                + "Recovery runs from the kill to the first ModelUpdate committed (none was before).")
                .recordsSent(labels.size())
                .recordsOut(updates.size())
                .duplicates(updates.size() - announced.stream().distinct().count())
                .losses(store.list().stream().map(VersionSummary::version)
                        .filter(v -> !v.equals(parent) && !announced.contains(v)).count())
                .restarts(processes - 1)
                .recovery(recovery)
                .detail("versions in store", store.list().size())
                .detail("restores from a checkpoint (\"resuming from\" in the second run's output)", resumed)
                .build());
        recovery.assertWithinBound();
    }

    /** Polls until {@code probe} gives a value; fails at once, with its output, if the learner process has exited. */
    private static <T> T whileAlive(LearnerProcess learner, Supplier<Optional<T>> probe) throws Exception {
        return Polling.until(DEADLINE, () -> {
            if (!learner.isAlive()) {
                throw new AssertionError("the learner process exited:\n" + output(learner));
            }
            return probe.get();
        });
    }

    private static String output(LearnerProcess learner) {
        try {
            return learner.output();
        } catch (IOException e) {
            return "(its output is unreadable: " + e + ")";
        }
    }

    /** Waits for a version directory (not a staging one) to be created; the watcher reports the rename. */
    private String awaitNewVersionDirectory(WatchService watcher, LearnerProcess learner) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end && learner.isAlive()) {
            WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
            if (key == null) {
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                String name = event.context().toString();
                if (!name.startsWith(".")) {
                    return name;
                }
            }
            key.reset();
        }
        throw new AssertionError("no new version directory within " + DEADLINE + "; learner output:\n"
                + learner.output());
    }

    private List<String> stagingLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(storeDir.resolve("versions"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging")).toList();
        }
    }

    private List<String> flags() {
        return List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--store", storeDir.toString());
    }

    private Map<String, String> keys(LearnerRuns.Topics topics, String group) {
        Map<String, String> keys = new LinkedHashMap<>();
        LearnerRuns.configuration(topics, storeDir.toString(), work.resolve("checkpoints"), TRIGGER).toMap()
                .forEach(keys::put);
        keys.put("sentiflow.learner.group-id", group);
        keys.put("sentiflow.learner.transactional-id-prefix", group);
        keys.put("sentiflow.learner.checkpoint-interval", "1 s");
        // The gate is not under test here: the round must publish, so the margins are wide.
        keys.put("sentiflow.learner.regression-margin", "0.5");
        keys.put("sentiflow.learner.lineage-margin", "0.5");
        keys.put("rest.port", "0");
        return keys;
    }

    private void send(LearnerRuns.Topics topics, List<LabeledText> labels) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (LabeledText label : labels) {
            records.add(new ProducerRecord<>(topics.feedback(), null,
                    RecordCodec.labeledTexts().encode(label, WireFormat.AVRO)));
        }
        topicIo.send(records);
    }

    private static List<LabeledText> labels(List<FeedbackData.Row> rows) {
        List<LabeledText> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            labels.add(LabeledText.newBuilder().setId("crash-" + i).setText(rows.get(i).text())
                    .setTask(io.sentiflow.schema.Task.SENTIMENT).setLabel(rows.get(i).label())
                    .setLabeledAt(Instant.parse("2026-01-05T09:00:00Z")).build());
        }
        return labels;
    }

    private static List<ModelUpdate> decode(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> ((Decoded.Ok<ModelUpdate>) RecordCodec.modelUpdates().decode(r.value())).value())
                .toList();
    }
}
