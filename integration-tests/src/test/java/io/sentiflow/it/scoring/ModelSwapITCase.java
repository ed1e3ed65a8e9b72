package io.sentiflow.it.scoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.encoder.onnx.ServingGraph;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.MultiHeadModel;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.scoring.ScoringMetrics;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VerifiedVersion;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyFineTunes;
import io.sentiflow.testing.TinyModels;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap in the running job: a valid version replaces the promoted one mid-stream without losing
 * or repeating a record, and a tampered version is refused while scoring goes on. Unbounded jobs,
 * cancelled once the expected output is committed.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // the machine is shared; these bound a hang, not speed
class ModelSwapITCase {

    private static final int PARTITIONS = ScoringRuns.PARALLELISM;
    private static final Duration OUTPUT_DEADLINE = Duration.ofMinutes(12);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    private static String versionA;
    private static String versionB;
    private static List<String> headlines;

    @TempDir Path checkpoints;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void trainVersions() {
        versionA = TinyModels.trainAndPromote(store, 7L);
        versionB = TinyModels.trainInto(store, 8L);
        headlines = TestTexts.headlines();
    }

    @Test
    void swapsMidStreamScoringEveryRecordOnceAndNeverOldAfterNewPerPartition() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "swap", PARTITIONS);
        JobClient job = ScoringRuns.start(
                ScoringRuns.configuration(topics, store.toString(), checkpoints, false), KAFKA.connection());
        try {
            io.send(texts(topics, 0, 5_000));
            assertThat(KAFKA.readAll(topics.scored(), 1, OUTPUT_DEADLINE)).as("first output").isNotEmpty();
            io.send(List.of(update(topics, versionB)));
            io.send(texts(topics, 5_000, 10_000));

            List<ScoredText> scored = decode(KAFKA.readAll(topics.scored(), 10_000, OUTPUT_DEADLINE));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(scored).hasSize(10_000);
            assertThat(scored).extracting(ScoredText::getId).doesNotHaveDuplicates();
            assertThat(scored).extracting(ScoredText::getModelVersion)
                    .containsOnly(versionA, versionB)
                    .contains(versionA, versionB);
            assertNoOldVersionAfterNewPerPartition(scored);
        } finally {
            job.cancel().get();
        }
        assertThat(io.readCommitted(topics.scored())).as("nothing more committed").hasSize(10_000);
    }

    @Test
    void refusesTamperedVersionAndKeepsScoringWithTheOldOne() throws Exception {
        String tampered = TinyModels.trainInto(store, 9L);
        flipOneByteOfTheLargestFile(store.resolve("versions").resolve(tampered));
        PipelineTopics topics = PipelineTopics.create(KAFKA, "tampered", PARTITIONS);
        JobClient job = ScoringRuns.start(
                ScoringRuns.configuration(topics, store.toString(), checkpoints, false), KAFKA.connection());
        try {
            io.send(texts(topics, 0, 300));
            assertThat(KAFKA.readAll(topics.scored(), 1, OUTPUT_DEADLINE)).as("first output").isNotEmpty();
            io.send(List.of(update(topics, tampered)));
            awaitRefusals(job, ScoringRuns.PARALLELISM);
            io.send(texts(topics, 300, 600));

            List<ScoredText> scored = decode(KAFKA.readAll(topics.scored(), 600, OUTPUT_DEADLINE));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(scored).hasSize(600).extracting(ScoredText::getModelVersion).containsOnly(versionA);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void swapsToAFineTunedVersionAndScoresWithTheVersionsOwnEncoder(@TempDir Path work) throws Exception {
        ModelStore models = ModelStore.open(store.toString());
        String fineTuned = TinyFineTunes.publishTo(models, work).result().version();
        PipelineTopics topics = PipelineTopics.create(KAFKA, "finetuned", PARTITIONS);
        JobClient job = ScoringRuns.start(
                ScoringRuns.configuration(topics, store.toString(), checkpoints, false), KAFKA.connection());
        try {
            io.send(texts(topics, 0, 300));
            assertThat(KAFKA.readAll(topics.scored(), 1, OUTPUT_DEADLINE)).as("first output").isNotEmpty();
            io.send(List.of(update(topics, fineTuned)));
            // Loading a version with its own encoder takes a few seconds, and 300 texts pass in less;
            // an instance switches at its next batch, so texts trickle in until every instance has.
            int sent = trickleUntilSwapped(topics, job, 300);
            io.send(texts(topics, sent, sent + 300));
            int total = sent + 300;

            List<ScoredText> scored = decode(KAFKA.readAll(topics.scored(), total, OUTPUT_DEADLINE));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(scored).hasSize(total).extracting(ScoredText::getId).doesNotHaveDuplicates();
            List<ScoredText> byFineTuned = scored.stream().filter(t -> t.getModelVersion().equals(fineTuned)).toList();
            assertThat(byFineTuned).as("texts scored by the fine-tuned version").isNotEmpty();
            List<String> texts = byFineTuned.stream().map(ScoredText::getText).toList();
            List<TextPrediction> ownEncoder;
            try (ScoringModel served = models.load(fineTuned, null, null)) {
                ownEncoder = served.predict(texts);
            }
            List<TextPrediction> pretrainedEncoder = withPretrainedEncoder(models, fineTuned, texts);
            int differing = 0;
            for (int i = 0; i < texts.size(); i++) {
                float[] fromJob = bearishBullishNeutral(byFineTuned.get(i));
                assertThat(fromJob).as("text %s", byFineTuned.get(i).getId())
                        .containsExactly(ownEncoder.get(i).sentimentProbabilities(), within(1e-4f));
                differing += maxDifference(fromJob, pretrainedEncoder.get(i).sentimentProbabilities()) > 1e-3 ? 1 : 0;
            }
            System.out.printf("FINE-TUNED SWAP: %d texts scored by %s, %d of them scored differently (> 1e-3) by its"
                    + " heads over the pretrained encoder%n", texts.size(), fineTuned, differing);
            // The same heads over the pretrained encoder score differently: the job used the version's own.
            assertThat(differing).as("texts the pretrained encoder would score differently").isPositive();
        } finally {
            job.cancel().get();
        }
    }

    /** The fine-tuned version's heads over the carrier jar's pretrained encoder of the same kind. */
    private static List<TextPrediction> withPretrainedEncoder(ModelStore models, String version, List<String> texts)
            throws Exception {
        VerifiedVersion verified = models.verify(version, null, null);
        EncoderKind kind = EncoderKind.fromName(verified.manifest().encoder().kind()).orElseThrow();
        EncoderFiles carrier = EncoderFiles.of(kind);
        Path graph = ServingGraph.file(carrier, kind.modelSha256(), verified.weights());
        try (ScoringModel pretrained = MultiHeadModel.open(version, graph, carrier.tokenizer(), verified.normalization(),
                verified.manifest().topicLabels(), verified.manifest().sentimentLabels(), ServingSettings.defaults())) {
            return pretrained.predict(texts);
        }
    }

    private static float[] bearishBullishNeutral(ScoredText text) {
        return new float[] {text.getSentiment().getBearish(), text.getSentiment().getBullish(),
                text.getSentiment().getNeutral()};
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Ids are {@code p<partition>-<seq>}: per input partition, version A must not follow version B. */
    private void assertNoOldVersionAfterNewPerPartition(List<ScoredText> scored) {
        Map<String, TreeMap<Integer, String>> byPartition = new HashMap<>();
        for (ScoredText text : scored) {
            String[] parts = text.getId().split("-");
            byPartition.computeIfAbsent(parts[0], p -> new TreeMap<>())
                    .put(Integer.parseInt(parts[1]), text.getModelVersion());
        }
        assertThat(byPartition).hasSize(PARTITIONS);
        byPartition.forEach((partition, versions) -> {
            List<String> inOrder = new ArrayList<>(versions.values());
            int firstB = inOrder.indexOf(versionB);
            if (firstB >= 0) {
                assertThat(inOrder.subList(firstB, inOrder.size()))
                        .as("versions in partition %s after its first %s", partition, versionB)
                        .containsOnly(versionB);
            }
        });
    }

    /** Waits (bounded by the class timeout) until the scoring instances refused {@code expected} swaps. */
    private void awaitRefusals(JobClient job, long expected) throws Exception {
        CommonTestUtils.waitUntilCondition(() -> count(job, ScoringMetrics.SWAPS_REFUSED) >= expected);
    }

    /**
     * Sends texts ten at a time from {@code from} until every instance swapped (bounded by the
     * output deadline); returns the index after the last text sent.
     */
    private int trickleUntilSwapped(PipelineTopics topics, JobClient job, int from) {
        long deadline = System.nanoTime() + OUTPUT_DEADLINE.toNanos();
        int next = from;
        while (count(job, ScoringMetrics.SWAPS_COMPLETED) < ScoringRuns.PARALLELISM) {
            assertThat(System.nanoTime()).as("every instance swapped before the deadline").isLessThan(deadline);
            io.send(texts(topics, next, next + 10));
            next += 10;
            assertThat(KAFKA.readAll(topics.scored(), next, OUTPUT_DEADLINE)).hasSize(next);
        }
        return next;
    }

    /** The sum over instances of the scoring operator's counter {@code name} (totals, not per reason). */
    private long count(JobClient job, String name) {
        return METRICS.findMetrics(job.getJobID(), name).entrySet().stream()
                .filter(e -> e.getKey().endsWith(ScoringMetrics.GROUP + "." + name))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }

    private List<ProducerRecord<byte[], byte[]>> texts(PipelineTopics topics, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int partition = i % PARTITIONS;
            TextEvent event = TestTexts.event("p" + partition + "-" + i, i, headlines);
            records.add(new ProducerRecord<>(
                    topics.raw(), partition, event.getId().getBytes(UTF_8), TestTexts.avro(event)));
        }
        return records;
    }

    private static ProducerRecord<byte[], byte[]> update(PipelineTopics topics, String version) {
        return topics.modelUpdate(store.toString(), version, "integration test");
    }

    private static List<ScoredText> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        return records.stream()
                .map(r -> ((Decoded.Ok<ScoredText>) codec.decode(r.value())).value())
                .toList();
    }

    private static void flipOneByteOfTheLargestFile(Path versionDir) throws IOException {
        Path largest;
        try (Stream<Path> files = Files.walk(versionDir)) {
            largest = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("manifest.json"))
                    .max(Comparator.comparingLong(f -> f.toFile().length()))
                    .orElseThrow();
        }
        largest.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int original = file.read();
            file.seek(middle);
            file.write(original ^ 0x01);
        }
    }
}
