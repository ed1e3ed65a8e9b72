package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.scoring.ScoringMetrics;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.RejectionReason;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged model versions announced to a running scoring job, one after another: each is refused
 * by every scoring instance with its own reason, the job keeps running, and every text sent after
 * them is scored by the version that was active before.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class CorruptModelsITCase {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;
    @TempDir static Path outsideTheStore;

    private static String original;

    @TempDir Path checkpoints;

    private final FaultIo io = new FaultIo(KAFKA);

    /** One bad announcement: the event sent and the reason it must be refused with. */
    private record BadUpdate(String kind, ModelUpdate update, RejectionReason reason) {}

    @BeforeAll
    static void publishOriginal() {
        original = TinyModels.untrainedInto(store, 1L);
        TinyModels.promote(store, original);
    }

    @Test
    void refusesEachCorruptVersionWithItsReasonAndKeepsScoringWithTheOriginal() throws Exception {
        CorruptVersions versions = new CorruptVersions(store);
        ModelStore models = ModelStore.open(store.toString());
        String intact = versions.intact();
        List<BadUpdate> bad = badUpdates(versions, intact);
        PipelineTopics topics = PipelineTopics.createForLargeRecords(
                KAFKA, "corrupt", ScoringRuns.PARALLELISM, FaultIo.MAX_MESSAGE_BYTES);
        JobClient job = ScoringRuns.start(
                ScoringRuns.configuration(topics, store.toString(), checkpoints, false), KAFKA.connection());
        try {
            io.send(texts(topics, 0, 100));
            assertThat(KAFKA.readAll(topics.scored(), 1, DEADLINE)).as("first output").isNotEmpty();
            // One at a time: the swapper drops a request superseded before its load starts, uncounted.
            for (int i = 0; i < bad.size(); i++) {
                // Counted before sending: an instance may refuse the update before the test looks again.
                Map<String, Long> before = refusedByReason(job.getJobID());
                io.send(List.of(record(topics, bad.get(i).update())));
                awaitRefused(job.getJobID(), bad.get(i), i, before);
            }
            io.send(texts(topics, 100, 200));

            List<ScoredText> scored = FaultIo.decodeScored(KAFKA.readAll(topics.scored(), 200, DEADLINE));
            recordFigures(bad, scored, job.getJobID());
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(scored).hasSize(200).extracting(ScoredText::getId).doesNotHaveDuplicates();
            assertThat(scored).extracting(ScoredText::getModelVersion).containsOnly(original);
            Map<String, Long> expected = new HashMap<>();
            bad.forEach(u -> expected.merge(u.reason().name(), (long) ScoringRuns.PARALLELISM, Long::sum));
            assertThat(refusedByReason(job.getJobID())).as("swapsRefused by reason").isEqualTo(expected);
            assertThat(counters(job.getJobID(), ScoringMetrics.SWAPS_COMPLETED)).as("swaps").isZero();

            // The control: the intact version behind the last two refusals swaps in when announced correctly.
            io.send(List.of(record(topics, update(intact, models.versionUri(intact), models.manifestSha256(intact)))));
            awaitSwapsUnderTraffic(topics, job.getJobID());
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    /** Texts sent around the bad announcements against what came out, and how each announcement ended. */
    private static void recordFigures(List<BadUpdate> bad, List<ScoredText> scored, JobID job) {
        List<String> sentIds = IntStream.range(0, 200).mapToObj(i -> "text-" + i).toList();
        IdTally tally = IdTally.of(sentIds, scored.stream().map(ScoredText::getId).toList());
        ReliabilityFigures.Builder figures = ReliabilityFigures.builder("corrupt-models", bad.size()
                        + " damaged model versions announced one after another to the running job (two instances) "
                        + "between 200 texts: each refused with its reason by every instance, scoring stays on the "
                        + "version before.")
                .tally(tally)
                .restarts(FaultRuns.jobGauge(METRICS, job, "numRestarts"))
                .detail("versions announced / refused by every instance", bad.size() + " / "
                        + refusedByReason(job).values().stream().mapToLong(Long::longValue).sum() / ScoringRuns.PARALLELISM)
                .detail("texts scored by the version before",
                        scored.stream().filter(t -> t.getModelVersion().equals(original)).count());
        bad.forEach(update -> figures.detail("refused: " + update.kind(), update.reason()));
        ReliabilityReport.record(figures.build());
    }

    /** The damaged versions; the last two are the intact version announced with a bad URI or checksum. */
    private static List<BadUpdate> badUpdates(CorruptVersions versions, String intact) {
        ModelStore models = ModelStore.open(store.toString());
        List<BadUpdate> bad = new ArrayList<>();
        bad.add(announce("changed byte", versions.withOneChangedByte(), RejectionReason.CHECKSUM_MISMATCH));
        bad.add(announce("truncated weights", versions.withTruncatedWeights(), RejectionReason.CHECKSUM_MISMATCH));
        bad.add(announce("missing file", versions.withMissingWeights(), RejectionReason.MISSING_FILE));
        bad.add(announce("wrong dimensions", versions.withWrongDimensions(), RejectionReason.DIMENSION_MISMATCH));
        bad.add(announce("NaN weights", versions.withNaNWeights(), RejectionReason.INVALID_WEIGHTS));
        bad.add(announce("unknown encoder", versions.withUnknownEncoder(), RejectionReason.UNKNOWN_ENCODER));
        bad.add(new BadUpdate("uri outside the root", update(intact,
                versions.traversalUriTo(intact, outsideTheStore), models.manifestSha256(intact)),
                RejectionReason.PATH_OUTSIDE_ROOT));
        bad.add(new BadUpdate("manifest sha256 of another manifest", update(intact, models.versionUri(intact),
                models.manifestSha256(original)), RejectionReason.MANIFEST_MISMATCH));
        return bad;
    }

    /** The update a publisher would send for {@code version} as it now lies in the store. */
    private static BadUpdate announce(String kind, String version, RejectionReason reason) {
        ModelStore models = ModelStore.open(store.toString());
        return new BadUpdate(kind, update(version, models.versionUri(version), models.manifestSha256(version)), reason);
    }

    private static ModelUpdate update(String version, String uri, String manifestSha256) {
        return ModelUpdate.newBuilder()
                .setVersion(version)
                .setUri(uri)
                .setManifestSha256(manifestSha256)
                .setCreatedAt(Instant.now())
                .setMetrics(Map.of())
                .setReason("corrupt model test")
                .build();
    }

    private static ProducerRecord<byte[], byte[]> record(PipelineTopics topics, ModelUpdate update) {
        return new ProducerRecord<>(topics.updates(), "model".getBytes(UTF_8),
                RecordCodec.modelUpdates().encode(update, WireFormat.AVRO));
    }

    /**
     * Waits (bounded by the class timeout) until every scoring instance refused one more version,
     * then checks that the refusals since {@code before} carry this update's reason.
     */
    private void awaitRefused(JobID job, BadUpdate update, int index, Map<String, Long> before) throws Exception {
        long expectedTotal = (long) (index + 1) * ScoringRuns.PARALLELISM;
        CommonTestUtils.waitUntilCondition(() -> counters(job, ScoringMetrics.SWAPS_REFUSED) >= expectedTotal);
        Map<String, Long> after = refusedByReason(job);
        assertThat(after.getOrDefault(update.reason().name(), 0L) - before.getOrDefault(update.reason().name(), 0L))
                .as("%s refused with %s by every instance; refusals by reason now %s", update.kind(), update.reason(),
                        after)
                .isEqualTo(ScoringRuns.PARALLELISM);
    }

    /** Sends a few texts at a time until every instance swapped (a swap happens at its next batch). */
    private void awaitSwapsUnderTraffic(PipelineTopics topics, JobID job) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int next = 200;
        while (counters(job, ScoringMetrics.SWAPS_COMPLETED) < ScoringRuns.PARALLELISM) {
            assertThat(System.nanoTime()).as("swap of the intact version before the deadline").isLessThan(deadline);
            io.send(texts(topics, next, next + 10));
            next += 10;
            assertThat(KAFKA.readAll(topics.scored(), next, DEADLINE)).hasSize(next);
        }
    }

    /** The sum over all instances of the operator counter {@code sentiflow.<name>}. */
    private static long counters(JobID job, String name) {
        return METRICS.findMetrics(job, name).entrySet().stream()
                .filter(e -> e.getKey().endsWith(ScoringMetrics.GROUP + "." + name))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }

    /** {@code sentiflow.reason.<REASON>.swapsRefused}, summed over instances, by reason. */
    private static Map<String, Long> refusedByReason(JobID job) {
        Map<String, Long> byReason = new HashMap<>();
        METRICS.findMetrics(job, ScoringMetrics.SWAPS_REFUSED).forEach((identifier, counter) -> {
            String[] parts = identifier.split("\\.");
            if (parts.length >= 3 && parts[parts.length - 3].equals(ScoringMetrics.REASON)) {
                byReason.merge(parts[parts.length - 2], ((Counter) counter).getCount(), Long::sum);
            }
        });
        return byReason;
    }

    private static List<ProducerRecord<byte[], byte[]>> texts(PipelineTopics topics, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            TextEvent event = FaultIo.event("text-" + i, i);
            records.add(new ProducerRecord<>(topics.raw(), i % ScoringRuns.PARALLELISM, event.getId().getBytes(UTF_8),
                    FaultIo.avro(event)));
        }
        return records;
    }
}
