package io.sentiflow.it.alerting;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.alerts.AlertMetrics;
import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ReadingModel;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
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
 * Alerts that never go blind: the same six-hour stream with a bearish burst, written to {@code
 * news.raw} in full before the job starts (a replay, a restart after downtime, a lagging consumer)
 * and scored from the beginning by the real job, real model and real broker. Read as a backlog,
 * one partition's fetch runs hours of event time ahead of the others; the alerts must still be
 * those of one partition read in order, with no text dropped as late, over any partition count,
 * parallelism, skew, and with records from broken clocks in the stream.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // the machine is shared; this bounds a hang, not speed
class BacklogReplayITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    private static final long YEAR_2099 = Instant.parse("2099-01-01T00:00:00Z").toEpochMilli();
    private static final long YEAR_1999 = Instant.parse("1999-01-01T00:00:00Z").toEpochMilli();

    @TempDir static Path store;

    private static BurstStream stream;
    private static Replay reference;

    private final TopicIo io = new TopicIo(KAFKA);

    /** An alert as compared between runs. */
    record AlertView(KeyKind kind, String key, AlertState state, Instant windowStart, Instant windowEnd,
            String alertId, long count) {

        static AlertView of(SentimentAlert alert) {
            return new AlertView(alert.getKeyKind(), alert.getKey(), alert.getState(), alert.getWindowStart(),
                    alert.getWindowEnd(), alert.getAlertId(), alert.getCount());
        }
    }

    /**
     * What one replay produced.
     *
     * @param scored the ids of the scored texts, against the ids of the texts sent with plausible clocks
     */
    record Replay(List<AlertView> alerts, List<ConsumerRecord<byte[], byte[]>> deadLetters, long lateTexts,
            IdTally scored) {}

    @BeforeAll
    static void trainModelAndBuildStream() {
        ReadingModel.trainAndPromote(store);
        stream = BurstStream.build();
    }

    @Test
    void onOnePartitionTheBurstFiresOnceOnTimeAndResolves() throws Exception {
        Replay replay = reference();

        List<AlertView> burst = replay.alerts().stream().filter(a -> a.key().equals(BurstStream.ENTITY)).toList();
        assertThat(burst).extracting(AlertView::state).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        AlertView firing = burst.get(0);
        assertThat(firing.kind()).isEqualTo(KeyKind.ENTITY);
        assertThat(firing.windowEnd()).isAfter(stream.burstStart())
                .isBeforeOrEqualTo(stream.burstEnd().plus(Duration.ofMinutes(10)));
        assertThat(firing.count()).isGreaterThanOrEqualTo(20);
        assertThat(burst.get(1).alertId()).isEqualTo(firing.alertId());
        assertThat(burst.get(1).windowEnd()).isAfter(stream.burstEnd());
        assertThat(replay.lateTexts()).isZero();
    }

    @Test
    void overFourPartitionsOnOneSubtaskTheAlertsAreThoseOfOnePartition() throws Exception {
        Replay replay = replay("four", 4, 1, keyed(stream.events()));

        record("backlog-replay-four-partitions", "The six-hour stream with a 25-minute bearish burst, written to a "
                + "4-partition news.raw before the job starts, scored from the beginning by one subtask.", replay);
        assertAsOnOnePartition(replay);
    }

    @Test
    void overEightPartitionsOnTwoSubtasksWithALaggingPartitionTheAlertsAreThoseOfOnePartition() throws Exception {
        // Partition 0 holds a quarter of all texts, each other one a ninth or so: read as a
        // backlog, it lags hours of event time behind the rest.
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < stream.events().size(); i++) {
            int partition = i % 4 == 0 ? 0 : 1 + (i % 7);
            records.add(record(null, partition, stream.events().get(i)));
        }

        Replay replay = replay("eight", 8, 2, records);

        record("backlog-replay-eight-partitions-lagging", "The same stream on an 8-partition news.raw, one partition "
                + "holding a quarter of all texts (it lags hours behind when read as a backlog), two subtasks.", replay);
        assertAsOnOnePartition(replay);
    }

    @Test
    void aTextDated2099AndOneDated1999BeforeTheBurstChangeNoAlert() throws Exception {
        List<TextEvent> events = new ArrayList<>(stream.events());
        int beforeBurst = (int) events.stream().filter(e -> e.getPublishedAt().isBefore(stream.burstStart())).count();
        events.add(beforeBurst - 100, event("clock-2099", YEAR_2099));
        events.add(beforeBurst - 50, event("clock-1999", YEAR_1999));

        Replay replay = replay("clocks", 4, 1, keyed(events));

        record("backlog-replay-wrong-clocks", "The same stream over 4 partitions with a text dated 2099 and one dated "
                + "1999 sent before the burst; both dead-lettered as IMPLAUSIBLE_TIMESTAMP.", replay);
        assertAsOnOnePartition(replay);
        assertThat(replay.deadLetters()).hasSize(2).allSatisfy(letter -> assertThat(
                new String(letter.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value(), UTF_8))
                .isEqualTo("IMPLAUSIBLE_TIMESTAMP"));
    }

    /** The reference's alerts, no text late for alerting, every text with a plausible clock scored once. */
    private static void assertAsOnOnePartition(Replay replay) throws Exception {
        assertThat(replay.alerts()).isEqualTo(reference().alerts());
        assertThat(replay.lateTexts()).isZero();
        assertThat(replay.scored().exactlyOnce()).isTrue();
    }

    /** The figures of one replay, against the reference's alerts. */
    private static void record(String scenario, String title, Replay replay) throws Exception {
        List<AlertView> burst = replay.alerts().stream().filter(a -> a.key().equals(BurstStream.ENTITY)).toList();
        ReliabilityReport.record(ReliabilityFigures.builder(scenario, title)
                .tally(replay.scored())
                .recordsOut(replay.scored().out() + replay.deadLetters().size())
                .detail("alerts, as on one partition read in order", replay.alerts().equals(reference().alerts())
                        ? "same " + replay.alerts().size() : "differ: " + replay.alerts())
                .detail("burst alerts (state, window end)", burst.stream().map(a -> a.state() + " " + a.windowEnd())
                        .toList())
                .detail("texts late for alerting (lateRecordsDropped)", replay.lateTexts())
                .detail("dead letters", replay.deadLetters().size())
                .build());
    }

    private static synchronized Replay reference() throws Exception {
        if (reference == null) {
            reference = new BacklogReplayITCase().replay("one", 1, 1, keyed(stream.events()));
        }
        return reference;
    }

    private Replay replay(String name, int partitions, int parallelism, List<ProducerRecord<byte[], byte[]>> input)
            throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "replay-" + name, partitions);
        List<ProducerRecord<byte[], byte[]>> records = input.stream()
                .map(r -> new ProducerRecord<>(topics.raw(), r.partition(), r.key(), r.value())).toList();
        io.send(records);
        Configuration conf = ScoringRuns.configuration(topics, store.toString(),
                Files.createTempDirectory("replay-checkpoints"), true);
        conf.set(ScoringJobOptions.PARALLELISM, parallelism);

        JobID job = ScoringRuns.runToEnd(conf, KAFKA.connection()).getJobID();

        List<AlertView> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : io.readCommitted(topics.alerts())) {
            Decoded<SentimentAlert> decoded = RecordCodec.sentimentAlerts().decode(record.value());
            alerts.add(AlertView.of(((Decoded.Ok<SentimentAlert>) decoded).value()));
        }
        alerts.sort(Comparator.comparing(AlertView::windowEnd).thenComparing(AlertView::key)
                .thenComparing(AlertView::state));
        long late = METRICS.findMetrics(job, AlertMetrics.LATE_RECORDS_DROPPED).values().stream()
                .mapToLong(metric -> ((Counter) metric).getCount()).sum();
        List<String> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : input) {
            TextEvent event = ((Decoded.Ok<TextEvent>) RecordCodec.textEvents().decode(record.value())).value();
            if (!event.getId().startsWith("clock-")) {
                sent.add(event.getId());
            }
        }
        List<String> scored = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : io.readCommitted(topics.scored())) {
            scored.add(((Decoded.Ok<ScoredText>) RecordCodec.scoredTexts().decode(record.value())).value().getId());
        }
        return new Replay(alerts, io.readCommitted(topics.dlq()), late, IdTally.of(sent, scored));
    }

    private static List<ProducerRecord<byte[], byte[]>> keyed(List<TextEvent> events) {
        return events.stream().map(event -> record(event.getId().getBytes(UTF_8), null, event)).toList();
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] key, Integer partition, TextEvent event) {
        return new ProducerRecord<>("unset", partition, key, RecordCodec.textEvents().encode(event, WireFormat.AVRO));
    }

    private static TextEvent event(String id, long publishedAt) {
        return TextEvent.newBuilder().setId(id).setSource("broken-clock").setText("$ACME shares plunge on fraud probe")
                .setPublishedAt(Instant.ofEpochMilli(publishedAt)).build();
    }
}
