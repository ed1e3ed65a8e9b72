package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code news.raw} grows from 2 to 4 partitions under the running job, and texts go to the new
 * partitions at once, before the job knows them: with partition discovery at its default interval
 * the job finds the new partitions, reads them from their first offset, and the committed output
 * holds every text exactly once and no alert twice.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class PartitionGrowthITCase {

    private static final int RECORDS = 10_000;
    private static final int HALF = RECORDS / 2;
    private static final int BEFORE = 2;
    private static final int AFTER = 4;
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    /** The source reader's offset gauge per partition it reads: {@code ...topic.<t>.partition.<p>.currentOffset}. */
    private static final Pattern READ_PARTITION = Pattern.compile("\\.partition\\.(\\d+)\\.currentOffset$");

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    @TempDir Path checkpoints;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void publishModel() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 19L));
    }

    @Test
    void aRunningJobFindsNewRawPartitionsAndScoresTheirTextsOnce() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "partition-growth", BEFORE);
        JobClient job = ScoringRuns.start(FaultRuns.recovering(ScoringRuns.configuration(topics, store.toString(),
                checkpoints, false)), KAFKA.connection());
        Recovery pickUp;
        List<String> onNewPartitions;
        Set<Integer> read;
        long restarts;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            Instant grown = grow(topics.raw());
            onNewPartitions = sendOverAll(topics.raw());
            Duration bound = KafkaOptions.PARTITION_DISCOVERY.defaultValue().plus(Recovery.BOUND);
            pickUp = new Recovery(grown, out.awaitAny(onNewPartitions::contains, DEADLINE), bound);
            out.awaitDistinct(RECORDS, DEADLINE);
            read = partitionsRead(job.getJobID(), topics.raw());
            restarts = FaultRuns.restarts(METRICS, job.getJobID());
        } finally {
            job.cancel().get();
        }
        IdTally scored = IdTally.of(FaultRuns.ids(RECORDS), FaultRuns.keys(io.readCommitted(topics.scored())));
        List<String> alerts = FaultRuns.alertStates(io.readCommitted(topics.alerts()));
        ReliabilityReport.record(ReliabilityFigures.builder("raw-partitions-added",
                        "news.raw grew from 2 to 4 partitions (Admin#createPartitions) under the running job, "
                                + "half of a 10,000-text stream then written over all 4 at once; partition discovery "
                                + "at its default " + KafkaOptions.PARTITION_DISCOVERY.defaultValue().toSeconds()
                                + " s. Recovery is the pick-up: from adding the partitions to the first committed "
                                + "text of a new one; its bound is the discovery interval plus 30 s.")
                .tally(scored)
                .restarts(restarts)
                .recovery(pickUp)
                .detail("partitions the source read", read)
                .detail("texts sent to the new partitions", onNewPartitions.size())
                .detail("alerts committed (id/state)", alerts.size())
                .detail("alerts repeated", FaultRuns.repeats(alerts))
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(RECORDS, RECORDS, 0, 0, 0));
        assertThat(read).as("partitions the source read").containsExactly(0, 1, 2, 3);
        assertThat(alerts).as("committed alerts").isNotEmpty().doesNotHaveDuplicates();
        assertThat(restarts).as("restarts").isZero();
        pickUp.assertWithinBound();
    }

    /** Raises the topic's partition count to {@value #AFTER}; returns when the broker has. */
    private static Instant grow(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(AFTER))).all().get();
        }
        return Instant.now();
    }

    /** The second half of the stream, each text to partition {@code seq % 4}; returns the ids on the new ones. */
    private List<String> sendOverAll(String topic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> onNew = new ArrayList<>();
        for (int seq = HALF; seq < RECORDS; seq++) {
            ProducerRecord<byte[], byte[]> text = FaultRuns.text(topic, FaultRuns.event(seq));
            records.add(new ProducerRecord<>(topic, seq % AFTER, text.key(), text.value()));
            if (seq % AFTER >= BEFORE) {
                onNew.add(new String(text.key(), UTF_8));
            }
        }
        io.send(records);
        return onNew;
    }

    /** The partitions of {@code topic} that the job's source readers report an offset for. */
    private static Set<Integer> partitionsRead(JobID job, String topic) {
        Set<Integer> partitions = new TreeSet<>();
        METRICS.findMetrics(job, "currentOffset").keySet().stream()
                .filter(identifier -> identifier.contains(topic))
                .map(READ_PARTITION::matcher)
                .filter(Matcher::find)
                .forEach(m -> partitions.add(Integer.parseInt(m.group(1))));
        return partitions;
    }
}
