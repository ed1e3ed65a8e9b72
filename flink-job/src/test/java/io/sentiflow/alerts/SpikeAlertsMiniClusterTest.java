package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sentiflow.ingest.IngestConfig;
import io.sentiflow.ingest.IngestWatermarks;
import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The detector on a real Flink MiniCluster, fed bounded event-time streams built from the tweet valid set. */
class SpikeAlertsMiniClusterTest {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final Instant BURST_START = ValidSetTexts.T0.plus(Duration.ofHours(3));
    private static ValidSetTexts data;

    record Run(List<SentimentAlert> alerts, List<WindowStats> windows, List<ScoredText> late, JobID jobId) {}

    @BeforeAll
    static void loadData() {
        data = ValidSetTexts.load();
    }

    @Test
    void calmSixHoursOfTheValidSetRaiseNoAlert() throws Exception {
        Run run = run(data.calmStream(2, SIX_HOURS), AlertConfig.defaults());

        assertThat(run.alerts()).isEmpty();
        // The test means something only if busy topics reach the minimum volume.
        assertThat(run.windows()).anySatisfy(w -> {
            assertThat(w.keyKind()).isEqualTo(KeyKind.TOPIC);
            assertThat(w.count()).isGreaterThanOrEqualTo(AlertConfig.defaults().minVolume());
        });
    }

    @Test
    void negativeBurstAboutOneEntityFiresOnceAndResolvesAfterIt() throws Exception {
        List<ScoredText> input = new ArrayList<>(data.calmStream(2, SIX_HOURS));
        input.addAll(burst("TSLA", 0, 40, Duration.ofSeconds(30)));
        // On RocksDB and two subtasks, as in production: state types and the TTL must work with a
        // serializing backend, and watermarks merge from parallel inputs.
        Configuration production = new Configuration();
        production.setString("state.backend.type", "rocksdb");
        production.set(CoreOptions.DEFAULT_PARALLELISM, 2);

        Run run = run(byTime(input), AlertConfig.defaults(), production);

        assertThat(run.alerts()).allSatisfy(a -> {
            assertThat(a.getKeyKind()).isEqualTo(KeyKind.ENTITY);
            assertThat(a.getKey()).isEqualTo("TSLA");
        });
        assertThat(run.alerts()).extracting(SentimentAlert::getState)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        SentimentAlert firing = run.alerts().get(0);
        SentimentAlert resolved = run.alerts().get(1);
        assertThat(firing.getWindowStart()).isBeforeOrEqualTo(BURST_START.plus(Duration.ofMinutes(10)));
        assertThat(firing.getCount()).isGreaterThanOrEqualTo(20);
        assertThat(firing.getNegativeShare()).isGreaterThan(firing.getBaselineShare() + 0.3);
        assertThat(firing.getZScore()).isGreaterThanOrEqualTo(3.0);
        assertThat(firing.getEvidence()).hasSize(5).allSatisfy(e -> {
            assertThat(e.getSnippet()).hasSizeLessThanOrEqualTo(200).startsWith("$TSLA");
            assertThat(e.getScore()).isEqualTo(0.9f);
        });
        assertThat(firing.getModelVersions()).containsExactly(ValidSetTexts.MODEL_VERSION);
        assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
        assertThat(resolved.getWindowEnd()).isAfter(BURST_START.plus(Duration.ofMinutes(20)));
    }

    @Test
    void volumeBurstOfNeutralTextsRaisesNoAlert() throws Exception {
        List<ScoredText> input = new ArrayList<>(data.calmStream(2, SIX_HOURS));
        input.addAll(burst("AAPL", 2, 100, Duration.ofSeconds(12)));

        Run run = run(byTime(input), AlertConfig.defaults());

        assertThat(run.alerts()).isEmpty();
        assertThat(run.windows()).anySatisfy(w -> {
            assertThat(w.key()).isEqualTo("AAPL");
            assertThat(w.count()).isGreaterThanOrEqualTo(40);
        });
    }

    @Test
    void fiveNegativeTextsAboutARareEntityFireOnlyBelowTheMinimumVolume() throws Exception {
        List<ScoredText> input = new ArrayList<>(data.calmStream(2, SIX_HOURS).stream()
                .filter(t -> t.getPublishedAt().isBefore(BURST_START.plus(Duration.ofHours(1))))
                .toList());
        input.addAll(burst("ZZQX", 0, 5, Duration.ofSeconds(40)));
        input = byTime(input);

        assertThat(run(input, AlertConfig.defaults()).alerts()).isEmpty();

        Configuration lowVolume = new Configuration();
        lowVolume.set(AlertOptions.MIN_VOLUME, 5);
        assertThat(run(input, AlertConfig.fromConfiguration(lowVolume)).alerts())
                .extracting(SentimentAlert::getKey, SentimentAlert::getState)
                .contains(org.assertj.core.groups.Tuple.tuple("ZZQX", AlertState.FIRING));
    }

    @Test
    void outOfOrderTextsWithinLatenessCountAndLaterOnesGoToTheSideOutputAndMetric() throws Exception {
        Instant t = ValidSetTexts.T0.plus(Duration.ofHours(10));
        List<ScoredText> input = List.of(
                lateCase("a", t),
                lateCase("b", t.plusSeconds(300)),
                lateCase("c-out-of-order", t.plusSeconds(270)),
                lateCase("d", t.plusSeconds(1800)),
                lateCase("e-too-late", t.plusSeconds(310)),
                lateCase("f-late-for-some-windows", t.plusSeconds(1500)));

        Run run = run(input, AlertConfig.defaults());

        assertThat(run.late()).extracting(ScoredText::getId).containsExactly("e-too-late");
        WindowStats first = run.windows().stream()
                .filter(w -> w.keyKind() == KeyKind.ENTITY && w.windowStart() == t.toEpochMilli())
                .findFirst().orElseThrow();
        assertThat(first.count()).isEqualTo(3);
        assertThat(run.windows()).anySatisfy(w -> {
            assertThat(w.keyKind()).isEqualTo(KeyKind.ENTITY);
            assertThat(w.windowEnd()).isEqualTo(t.plusSeconds(1800).toEpochMilli());
            assertThat(w.count()).isEqualTo(1);
        });
        assertThat(counter(run.jobId(), AlertMetrics.LATE_RECORDS_DROPPED)).isEqualTo(1);
    }

    @Test
    void alertsReachAWebhookAsJsonWhenOneIsConfigured() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Configuration conf = new Configuration();
            conf.set(WebhookOptions.URL, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            DataStream<SentimentAlert> alerts = SpikeAlerts.attach(
                    withEventTime(env.fromData(burst("ACME", 0, 30, Duration.ofSeconds(20)),
                            new AvroTypeInfo<>(ScoredText.class))),
                    AlertConfig.defaults());
            SpikeAlerts.attachWebhook(alerts, WebhookConfig.fromConfiguration(conf).orElseThrow());

            env.execute("webhook test");

            // The end of input closes the windows and, with event time at its end, resolves the episode.
            assertThat(bodies.poll(30, TimeUnit.SECONDS)).contains("\"key\":\"ACME\"", "\"state\":\"FIRING\"");
            assertThat(bodies.poll(30, TimeUnit.SECONDS)).contains("\"state\":\"RESOLVED\"");
        } finally {
            server.stop(0);
        }
    }

    private List<ScoredText> burst(String entity, int label, int count, Duration every) {
        List<ValidSetTexts.Labeled> texts = data.labeled(l -> l.label() == label);
        Random topics = new Random(11);
        List<ScoredText> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "$" + entity + " " + texts.get(i).text().replaceAll("\\$[A-Za-z][A-Za-z0-9.]*", "").strip();
            out.add(ValidSetTexts.scored("burst-" + entity + "-" + i, text, label,
                    BURST_START.plus(every.multipliedBy(i)), data.drawTopic(topics), List.of(entity)));
        }
        return out;
    }

    private static ScoredText lateCase(String id, Instant at) {
        return ValidSetTexts.scored(id, "Text " + id + " about $LATE", 2, at, "Markets", List.of("LATE"));
    }

    private static Run run(List<ScoredText> input, AlertConfig config) throws Exception {
        return run(input, config, new Configuration());
    }

    private static Run run(List<ScoredText> input, AlertConfig config, Configuration jobConf) throws Exception {
        Configuration conf = new Configuration(jobConf);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(jobConf.getOptional(CoreOptions.DEFAULT_PARALLELISM).orElse(1));
        SpikeAlerts.Assembly streams = SpikeAlerts.assemble(
                withEventTime(env.fromData(input, new AvroTypeInfo<>(ScoredText.class))), config);
        try (CloseableIterator<SentimentAlert> alerts = streams.alerts().collectAsync();
                CloseableIterator<WindowStats> windows = streams.windows().collectAsync();
                CloseableIterator<ScoredText> late = streams.lateTexts().collectAsync()) {
            JobClient job = env.executeAsync("spike alerts test");
            // Drain all three at once: a collect sink whose buffer is not read holds the job back.
            CompletableFuture<List<SentimentAlert>> alertList = CompletableFuture.supplyAsync(() -> drain(alerts));
            CompletableFuture<List<WindowStats>> windowList = CompletableFuture.supplyAsync(() -> drain(windows));
            CompletableFuture<List<ScoredText>> lateList = CompletableFuture.supplyAsync(() -> drain(late));
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
            return new Run(alertList.get(1, TimeUnit.MINUTES), windowList.get(1, TimeUnit.MINUTES),
                    lateList.get(1, TimeUnit.MINUTES), job.getJobID());
        }
    }

    /**
     * Event time from publishedAt with the job's default watermarks, as the scoring job's source
     * makes it: here the test's one source is one split.
     */
    private static DataStream<ScoredText> withEventTime(DataStream<ScoredText> texts) {
        return texts.assignTimestampsAndWatermarks(IngestWatermarks.strategy(IngestConfig.defaults(),
                (text, previous) -> text.getPublishedAt().toEpochMilli()));
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) {
        List<T> out = new ArrayList<>();
        iterator.forEachRemaining(out::add);
        return out;
    }

    /** The texts in order of publication, as a well-behaved producer sends them. */
    private static List<ScoredText> byTime(List<ScoredText> texts) {
        List<ScoredText> ordered = new ArrayList<>(texts);
        ordered.sort(Comparator.comparing(ScoredText::getPublishedAt));
        return ordered;
    }

    private static long counter(JobID job, String name) {
        return REPORTER.getMetricsByGroup().entrySet().stream()
                .filter(group -> job.toString().equals(group.getKey().getAllVariables().get("<job_id>")))
                .map(group -> group.getValue().get(name))
                .filter(metric -> metric instanceof Counter)
                .mapToLong(metric -> ((Counter) metric).getCount())
                .sum();
    }
}
