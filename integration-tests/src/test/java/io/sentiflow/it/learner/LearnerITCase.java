package io.sentiflow.it.learner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.learner.LearnerMetrics;
import io.sentiflow.learner.LearnerOptions;
import io.sentiflow.learner.ModelUpdates;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.store.VersionSummary;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.training.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
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
 * The learner job end to end, beside the scoring job on one MiniCluster: labelled feedback from a
 * domain the parent scores worse becomes a published version the running scoring job swaps to;
 * shuffled labels become a refused version and no update; {@code learn --now} starts a round below
 * the count threshold. A real broker, the real encoder and a small real parent model.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the machine is shared; these bound a hang, not speed
class LearnerITCase {

    /** A few hundred labels of the new domain: 250 topic and 150 sentiment texts. */
    private static final int TOPIC_FEEDBACK = 250;
    private static final int SENTIMENT_FEEDBACK = 150;
    private static final int FEEDBACK = TOPIC_FEEDBACK + SENTIMENT_FEEDBACK;
    private static final int SHUFFLED = 250;
    private static final Duration DEADLINE = Duration.ofMinutes(8);
    /** The figure: 30 labels of a topic the model does not know. */
    private static final int NEW_TOPIC = 30;
    /**
     * A new class is only as good as the adapter features it is drawn in: on the 300-text parent the
     * imprinted class caught little; the learning library's tests use 1,000 texts a task, so does this.
     */
    private static final int NEW_TOPIC_PARENT_EXAMPLES = 1_000;
    /** Regression sets of 1,000 texts: on 300 one point is three texts, and the gate's margin noise. */
    private static final int NEW_TOPIC_REGRESSION_MAX = 1_000;

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path base;

    private static String parent;

    @TempDir Path storeDir;
    @TempDir Path work;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void trainParent() {
        parent = FeedbackData.trainParent(base);
    }

    @Test
    void learnsTheNewDomainAndTheRunningScoringJobSwapsToTheVersion() throws Exception {
        ModelStore store = FeedbackData.storeWith(base, parent, storeDir);
        LearnerRuns.Topics topics = LearnerRuns.Topics.create(KAFKA, "learn");
        PipelineTopics scoringTopics = scoringTopics("learn", topics.updates());
        JobClient scoring = startScoring(scoringTopics);
        Configuration conf = LearnerRuns.configuration(topics, storeDir.toString(), work.resolve("learner"), FEEDBACK);
        // The shipped replay size (100 per class): 300 sentiment and 2,000 topic texts keep both valid sets.
        conf.set(LearnerOptions.REPLAY_PER_CLASS, LearnerOptions.REPLAY_PER_CLASS.defaultValue());
        JobClient learner = LearnerRuns.start(conf, KAFKA.connection());
        try {
            assertThat(scoreUntil(scoringTopics, parent, 0)).as("first texts scored by the parent").isPositive();
            io.send(List.of(record(topics.feedback(), "not a label".getBytes(UTF_8)),
                    record(topics.feedback(), "{\"id\":\"x\"}".getBytes(UTF_8))));
            assertThat(sendFeedback(topics, "topic.csv",
                    FeedbackData.leet(Task.TOPIC, FeedbackData.DATA.topicTrain(), 0, TOPIC_FEEDBACK))).isZero();
            assertThat(sendFeedback(topics, "sentiment.csv", FeedbackData.leet(Task.SENTIMENT,
                    FeedbackData.DATA.sentimentTrain(), 0, SENTIMENT_FEEDBACK))).isZero();

            ModelUpdate update = single(KAFKA.readAll(topics.updates(), 1, DEADLINE));
            String version = update.getVersion();
            assertThat(update.getParentVersion()).isEqualTo(parent);
            assertThat(update.getReason()).isEqualTo(ModelUpdates.REASON);
            assertThat(update.getMetrics()).containsEntry("gate.passed", 1.0);
            assertThat(store.promotedVersion()).contains(version);
            assertThat(store.manifest(version).status()).isEqualTo(VersionStatus.PUBLISHED);
            assertThat(scoreUntil(scoringTopics, version, 1_000)).as("texts scored by the new version").isPositive();

            List<FeedbackData.Row> heldOut = new ArrayList<>(
                    FeedbackData.leet(Task.TOPIC, FeedbackData.DATA.topicValid(), 0, 200));
            heldOut.addAll(FeedbackData.leet(Task.SENTIMENT, FeedbackData.DATA.sentimentValid(), 0, 200));
            double before = FeedbackData.accuracy(store, parent, heldOut);
            double after = FeedbackData.accuracy(store, version, heldOut);
            System.out.printf("LEARNER held-out leet accuracy (200 topic + 200 sentiment valid texts): parent %.4f,"
                    + " learned %.4f; %s%n", before, after, store.manifest(version).note());
            assertThat(after).as("held-out accuracy of the new version").isGreaterThan(before + 0.02);
            assertWithinMargin(store.manifest(version), "sentiment-valid");
            assertWithinMargin(store.manifest(version), "topic-valid");

            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readAll(topics.dlq(), 2, DEADLINE);
            assertThat(dead).hasSize(2).allSatisfy(letter -> assertThat(
                    new String(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(), UTF_8))
                    .isEqualTo(topics.feedback()));
        } finally {
            learner.cancel().get();
            scoring.cancel().get();
        }
    }

    @Test
    void shuffledLabelsLeaveARefusedVersionNoUpdateAndScoringOnTheParent() throws Exception {
        ModelStore store = FeedbackData.storeWith(base, parent, storeDir);
        LearnerRuns.Topics topics = LearnerRuns.Topics.create(KAFKA, "shuffled");
        PipelineTopics scoringTopics = scoringTopics("shuffled", topics.updates());
        JobClient scoring = startScoring(scoringTopics);
        Configuration conf = LearnerRuns.configuration(topics, storeDir.toString(), work.resolve("learner"), SHUFFLED);
        JobClient learner = LearnerRuns.start(conf, KAFKA.connection());
        try {
            assertThat(sendFeedback(topics, "shuffled.csv", FeedbackData.shuffledLabels(
                    FeedbackData.leet(Task.SENTIMENT, FeedbackData.DATA.sentimentTrain(), 0, SHUFFLED)))).isZero();

            VersionSummary refused = Polling.until(DEADLINE, () -> store.list().stream()
                    .filter(v -> v.status() == VersionStatus.REFUSED).findFirst());
            assertThat(refused.parentVersion()).isEqualTo(parent);
            Polling.until(DEADLINE, () -> Polling.committedOffset(KAFKA, conf.get(LearnerJobOptions.GROUP_ID),
                    topics.feedback()).filter(offset -> offset >= SHUFFLED));
            assertThat(io.readCommitted(topics.updates())).as("updates after the round's checkpoint").isEmpty();
            assertThat(store.promotedVersion()).contains(parent);
            assertThat(Polling.counter(METRICS, learner, LearnerMetrics.CANDIDATES_REFUSED)).isEqualTo(1);
            assertThat(scoreUntil(scoringTopics, parent, 0)).isPositive();
            assertThat(scoredVersions(scoringTopics)).containsOnly(parent);
        } finally {
            learner.cancel().get();
            scoring.cancel().get();
        }
    }

    @Test
    void learnNowRunsARoundBelowTheCountThreshold() throws Exception {
        ModelStore store = FeedbackData.storeWith(base, parent, storeDir);
        LearnerRuns.Topics topics = LearnerRuns.Topics.create(KAFKA, "now");
        JobClient learner = LearnerRuns.start(
                LearnerRuns.configuration(topics, storeDir.toString(), work.resolve("learner"), 10_000),
                KAFKA.connection());
        try {
            assertThat(sendFeedback(topics, "few.csv",
                    FeedbackData.leet(Task.SENTIMENT, FeedbackData.DATA.sentimentTrain(), 0, 60))).isZero();
            Polling.until(DEADLINE, () -> java.util.Optional.of(
                    Polling.counter(METRICS, learner, LearnerMetrics.LABELS_RECEIVED)).filter(n -> n >= 60));
            assertThat(Polling.counter(METRICS, learner, LearnerMetrics.TRAININGS_RUN)).isZero();

            int exit = SentiflowCommand.commandLine().execute("learn", "--now", "--requested-by", "it",
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", topics.control());
            assertThat(exit).isZero();

            VersionSummary candidate = Polling.until(DEADLINE, () -> store.list().stream()
                    .filter(v -> !v.version().equals(parent)).findFirst());
            assertThat(candidate.parentVersion()).isEqualTo(parent);
            assertThat(Polling.counter(METRICS, learner, LearnerMetrics.TRAININGS_RUN)).isEqualTo(1);
        } finally {
            learner.cancel().get();
        }
    }

    @Test
    void thirtyLabelsOfANewTopicAddTheTopicAndTheNextVersionPredictsItForSimilarTexts() throws Exception {
        Path parentRoot = work.resolve("parent");
        String strongerParent = FeedbackData.trainParent(parentRoot, NEW_TOPIC_PARENT_EXAMPLES);
        ModelStore store = FeedbackData.storeWith(parentRoot, strongerParent, storeDir);
        LearnerRuns.Topics topics = LearnerRuns.Topics.create(KAFKA, "topic");
        Configuration conf = LearnerRuns.configuration(topics, storeDir.toString(), work.resolve("learner"), NEW_TOPIC);
        conf.set(LearnerOptions.REGRESSION_MAX, NEW_TOPIC_REGRESSION_MAX);
        // The valid split's own crypto texts are labelled with older topics; a Crypto class rightly takes them.
        conf.set(LearnerOptions.TOPIC_VALID, FeedbackData.topicValidWithoutCrypto(work).toString());
        JobClient learner = LearnerRuns.start(conf, KAFKA.connection());
        try {
            List<FeedbackData.Row> crypto = FeedbackData.cryptoTexts(FeedbackData.DATA.topicTrain()).stream()
                    .limit(NEW_TOPIC).map(text -> new FeedbackData.Row(Task.TOPIC, text, "Crypto")).toList();
            assertThat(sendFeedback(topics, "crypto.csv", crypto)).isZero();

            ModelUpdate update = single(KAFKA.readAll(topics.updates(), 1, DEADLINE));
            Manifest manifest = store.manifest(update.getVersion());
            assertThat(manifest.topicLabels()).hasSize(21).endsWith("Crypto");
            assertThat(update.getMetrics()).containsEntry("gate.newTopics", 1.0);
            List<FeedbackData.Row> similar = FeedbackData.cryptoTexts(FeedbackData.DATA.topicValid()).stream()
                    .map(text -> new FeedbackData.Row(Task.TOPIC, text, "Crypto")).toList();
            double predicted = FeedbackData.accuracy(store, update.getVersion(), similar);
            System.out.printf("LEARNER new topic: Crypto predicted for %.4f of %d crypto valid texts; %s%n",
                    predicted, similar.size(), manifest.note());
            // The parent predicts Crypto for none of them. Measured 0.17 here (12 of 72, precision limited by
            // the 1,000-text parent's adapter features), 0.35 in the library's test, 0.32 on the shipped model.
            assertThat(predicted).as("share of similar texts predicted Crypto").isGreaterThanOrEqualTo(0.10);
            assertWithinMargin(manifest, "sentiment-valid");
            assertWithinMargin(manifest, "topic-valid");
        } finally {
            learner.cancel().get();
        }
    }

    /** Sends the rows (all of one task) through {@code sentiflow feedback}; returns its exit code. */
    private int sendFeedback(LearnerRuns.Topics topics, String file, List<FeedbackData.Row> rows) {
        Path csv = FeedbackData.writeCsv(work, file, rows);
        return SentiflowCommand.commandLine().execute("feedback", "--file", csv.toString(), "--task",
                rows.get(0).task().cliName(),
                "--annotator", "it", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", topics.feedback(),
                "--store", storeDir.toString());
    }

    private PipelineTopics scoringTopics(String test, String updates) {
        return new PipelineTopics(KAFKA.createUniqueTopic(test + "-raw", 1), KAFKA.createUniqueTopic(test + "-scored", 1),
                KAFKA.createUniqueTopic(test + "-news-dlq", 1), updates, KAFKA.createUniqueTopic(test + "-alerts", 1));
    }

    private JobClient startScoring(PipelineTopics topics) throws Exception {
        Configuration conf = ScoringRuns.configuration(topics, storeDir.toString(), work.resolve("scoring"), false);
        conf.set(ScoringJobOptions.PARALLELISM, 1); // the learner takes the MiniCluster's other slot
        return ScoringRuns.start(conf, KAFKA.connection());
    }

    /**
     * Sends batches of 20 texts (ids from {@code firstId}) until one comes back scored by
     * {@code version}; returns how many texts that version scored.
     */
    private long scoreUntil(PipelineTopics topics, String version, int firstId) {
        int next = firstId;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++, next++) {
                TextEvent event = TextEvent.newBuilder().setId("t" + next).setSource("it")
                        .setText("Shares of $ACME rise after earnings beat, item " + next)
                        .setPublishedAt(Instant.parse("2026-01-05T09:00:00Z").plusSeconds(next)).build();
                batch.add(record(topics.raw(), RecordCodec.textEvents().encode(event, WireFormat.AVRO)));
            }
            io.send(batch);
            KAFKA.readAll(topics.scored(), next - firstId, Duration.ofSeconds(30));
            long byVersion = scoredVersions(topics).stream().filter(version::equals).count();
            if (byVersion > 0) {
                return byVersion;
            }
        }
        return 0;
    }

    private List<String> scoredVersions(PipelineTopics topics) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        return io.readCommitted(topics.scored()).stream()
                .map(r -> ((Decoded.Ok<ScoredText>) codec.decode(r.value())).value().getModelVersion())
                .toList();
    }

    private static void assertWithinMargin(Manifest manifest, String set) {
        double current = manifest.metrics().get("gate.regression." + set + ".current.accuracy");
        double candidate = manifest.metrics().get("gate.regression." + set + ".candidate.accuracy");
        assertThat(candidate).as("%s accuracy of the candidate (current %s)", set, current)
                .isGreaterThanOrEqualTo(current - 0.01 - 1e-9);
    }

    private static ModelUpdate single(List<ConsumerRecord<byte[], byte[]>> records) {
        assertThat(records).as("committed model updates").hasSize(1);
        return ((Decoded.Ok<ModelUpdate>) RecordCodec.modelUpdates().decode(records.get(0).value())).value();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ProducerRecord<>(topic, null, value);
    }
}
