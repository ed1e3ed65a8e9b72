package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.demo.DemoTexts;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.scoring.ScoringConfig;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.store.ModelStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;

/**
 * One run of {@code sentiflow bench pipeline}: the same texts (both tweet valid sets) through
 * (a) the model called directly with its best batch size, (b) the scoring job, Kafka to Kafka,
 * exactly once, (c) a naive job with one model call per record, one after the other on this
 * machine. Returns the report; printing and writing it is the caller's.
 *
 * @param dataDir the shared data folder holding the valid sets
 * @param records how many texts to measure (the valid sets are cycled when more are asked for)
 * @param conf Flink and {@code sentiflow.*} keys for the jobs, the model store and parallelism included
 */
public record PipelineBench(KafkaConnection connection, Path dataDir, int records, Configuration conf) {

    /** Texts sent and awaited before each job's measured ones (model loaded, operators running). */
    static final int WARMUP_RECORDS = 128;

    public PipelineBench {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, was " + records);
        }
        conf = new Configuration(conf);
    }

    public PipelineBenchReport run(Consumer<String> log) throws Exception {
        ScoringConfig scoring = ScoringConfig.fromConfiguration(conf);
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        ModelStore store = ModelStore.open(scoring.storeUri());
        String version = store.promotedVersion().orElseThrow(() -> new IllegalStateException(
                "the model store " + scoring.storeUri() + " has no promoted version;"
                        + " train one (sentiflow train) or pass --store"));
        List<DemoTexts.Text> texts = DemoTexts.load(dataDir);
        List<TextEvent> measured = events(texts, records, "");
        List<TextEvent> warmup = events(texts, WARMUP_RECORDS, "warmup-");
        int cores = Runtime.getRuntime().availableProcessors();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        log.accept(String.format(Locale.ROOT, "Model %s from %s; %d texts from %s; parallelism %d on %d cores",
                version, scoring.storeUri(), measured.size(), DemoTexts.files(dataDir), job.parallelism(), cores));

        log.accept("(a) encoder alone ...");
        EncoderBench.Result encoder;
        try (ScoringModel model = store.load(version, null, null, cores)) {
            encoder = new EncoderBench(model, log).run(measured.stream().map(TextEvent::getText).toList());
        }
        String run = "bench." + Long.toString(System.currentTimeMillis(), 36);
        JobBench jobs = new JobBench(connection, conf, log);
        log.accept("(b) scoring job ...");
        BenchRow whole = jobs.run("b", "scoring job, Kafka to Kafka, exactly once", run + ".b",
                (env, endpoints, c) -> new ScoringJob(endpoints, c).wire(env), warmup, measured);
        log.accept("(c) naive job ...");
        BenchRow naive = jobs.run("c", "naive job, one model call per record", run + ".c",
                NaiveJob::wire, warmup, measured);

        Map<String, Object> settings = settings(measured.size(), version, store.manifest(version).encoder().kind(),
                encoder.batchSize(), cores, loadAtStart);
        return new PipelineBenchReport(encoder.row(), whole, naive, settings, NOTES);
    }

    /** What the run used, in the order the JSON shows it. */
    private Map<String, Object> settings(int records, String version, String encoderKind, int encoderBatchSize,
            int cores, double loadAtStart) {
        ScoringConfig scoring = ScoringConfig.fromConfiguration(conf);
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("records", records);
        settings.put("warmupRecords", WARMUP_RECORDS);
        settings.put("parallelism", job.parallelism());
        settings.put("cores", cores);
        settings.put("modelVersion", version);
        settings.put("encoder", encoderKind);
        settings.put("encoderBatchSize", encoderBatchSize);
        settings.put("encoderOnnxThreads", cores);
        settings.put("jobBatchSize", scoring.batchSize());
        settings.put("jobBatchTimeoutMs", scoring.batchTimeout().toMillis());
        settings.put("jobOnnxThreadsPerSubtask", scoring.onnxThreadsFor(job.parallelism(), cores));
        settings.put("checkpointIntervalMs", job.checkpointInterval().toMillis());
        settings.put("bootstrapServers", connection.bootstrapServers());
        settings.put("data", DemoTexts.files(dataDir).stream().map(Path::toString).toList());
        // Other work on the machine changes every row; the load averages say how busy it was.
        settings.put("loadAverageAtStart", loadAtStart);
        settings.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        settings.put("finishedAt", Instant.now().toString());
        return settings;
    }

    static final List<String> NOTES = List.of(
            "texts/s: (a) texts over the wall time of all model calls; (b), (c) texts over the span from the"
                    + " first to the last scoredAt of the measured texts",
            "latency (a): duration of the model call that scored the text (the floor for this batch size)",
            "latency (b), (c): scoredAt minus the Kafka timestamp of the text on the input topic; all texts are"
                    + " sent as one burst into a warm job, so this includes the wait behind the texts before it",
            "(b) and (c) run one after the other with the same texts, topics of the same partition count and"
                    + " the same exactly-once Kafka sink; (b) also runs validation, model updates and alerts",
            "(b) encodes identical texts within a micro-batch once; (a) and (c) encode every text",
            "cpu ms/text: CPU time of this JVM (all threads, Flink included; not the broker process) from the first"
                    + " text sent (or model call) to the last result read, over the texts",
            "every row shares the machine with whatever else runs on it: see loadAverageAtStart/End");

    /** {@code count} TextEvents from {@code texts}, cycled when more are asked for than there are. */
    static List<TextEvent> events(List<DemoTexts.Text> texts, int count, String idPrefix) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to send");
        }
        Instant now = Instant.now();
        List<TextEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoTexts.Text text = texts.get(i % texts.size());
            String round = i < texts.size() ? "" : "#" + (i / texts.size());
            events.add(TextEvent.newBuilder()
                    .setId(idPrefix + text.id() + round)
                    .setSource("bench")
                    .setText(text.text())
                    .setPublishedAt(now)
                    .build());
        }
        return events;
    }

    /** The base configuration for {@code store} and {@code parallelism} on top of {@code keys}. */
    public static Configuration configuration(Map<String, String> keys, String store, Integer parallelism) {
        Configuration conf = Configuration.fromMap(keys);
        conf.set(ScoringOptions.MODEL_STORE, store);
        if (parallelism != null) {
            conf.set(ScoringJobOptions.PARALLELISM, parallelism);
        }
        return conf;
    }
}
