package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.demo.DemoTexts;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.scoring.ScoringConfig;
import io.sentiflow.store.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;

/**
 * One run of {@code sentiflow bench pipeline}: the same texts (both tweet valid sets) through (0) bare
 * ONNX Runtime on the served encoder graph, (a) the served model called directly, then for each
 * parallelism (b) the scoring job Kafka to Kafka exactly once, followed by a sustained run into the
 * same job, and (c) a naive job with one model call per record; with {@link Request#standalone()} also
 * the job jar on a standalone two-TaskManager cluster at each parallelism. One after the other on this
 * machine. Returns the report; printing and writing it is the caller's.
 */
public final class PipelineBench {

    /** Texts sent and awaited before each job's measured ones (model loaded, operators running). */
    static final int WARMUP_RECORDS = 128;

    /**
     * What to run.
     *
     * @param records how many texts to measure (the valid sets are cycled when more are asked for)
     * @param conf Flink and {@code sentiflow.*} keys for the jobs, the model store included
     * @param sustainedFraction the share of each (b) row's texts/s sent in its sustained run
     */
    public record Request(KafkaConnection connection, Path dataDir, int records, Configuration conf,
            List<Integer> parallelisms, double sustainedFraction, int sustainedSeconds, boolean standalone,
            List<String> commandLine, SourceRevision revision) {

        public Request {
            if (records < 1) {
                throw new IllegalArgumentException("--records must be at least 1, was " + records);
            }
            if (parallelisms.isEmpty() || parallelisms.stream().anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("--parallelism needs values of at least 1, was " + parallelisms);
            }
            if (!(sustainedFraction > 0) || sustainedSeconds < 1) {
                throw new IllegalArgumentException("--sustained-rate-fraction must be above 0 and --sustained-seconds"
                        + " at least 1, were " + sustainedFraction + " and " + sustainedSeconds);
            }
            conf = new Configuration(conf);
            parallelisms = List.copyOf(parallelisms);
            commandLine = List.copyOf(commandLine);
        }
    }

    private final Request request;
    private final Consumer<String> log;
    private final ScoringConfig scoring;
    private final int cores = Runtime.getRuntime().availableProcessors();

    public PipelineBench(Request request, Consumer<String> log) {
        this.request = request;
        this.log = log;
        this.scoring = ScoringConfig.fromConfiguration(request.conf());
    }

    public PipelineBenchReport run() throws Exception {
        LoadAverage loadAtStart = LoadAverage.now();
        String startedAt = Instant.now().toString();
        ModelStore store = ModelStore.open(scoring.storeUri());
        String version = store.promotedVersion().orElseThrow(() -> new IllegalStateException("the model store "
                + scoring.storeUri() + " has no promoted version; train one (sentiflow train) or pass --store"));
        EncoderFiles served = store.servedEncoder(version);
        TextNormalization normalization =
                TextNormalization.ofManifest(store.manifest(version).encoder().textNormalization());
        boolean ownEncoder = store.manifest(version).files().containsKey(served.kind().versionFileName());
        List<DemoTexts.Text> texts = DemoTexts.load(request.dataDir());
        List<TextEvent> measured = events(texts, request.records(), "");
        List<TextEvent> warmup = events(texts, WARMUP_RECORDS, "warmup-");
        List<String> measuredTexts = measured.stream().map(TextEvent::getText).toList();
        TokenCounts tokens;
        try (TextTokenizer tokenizer = TextTokenizer.open(served.tokenizer(), normalization)) {
            tokens = TokenCounts.of(tokenizer.tokenize(measuredTexts).ids(), scoring.batchSize(), scoring.tokenBudget());
        }
        log.accept(String.format(Locale.ROOT, "Model %s (%s encoder) from %s; %d texts from %s;"
                + " parallelism %s on %d cores; load %s", version, served.kind().cliName(), scoring.storeUri(),
                measured.size(), DemoTexts.files(request.dataDir()), request.parallelisms(), cores, loadAtStart));

        // Rows (0) and (a) run alone on the machine, so they get every core.
        ServingSettings alone = new ServingSettings(cores, scoring.onnxSpinning(), scoring.tokenBudget());
        BenchRow limit;
        DirectModelBench.Result direct;
        // The model first: DJL's engine creates the process's ONNX Runtime environment with its own
        // thread options and fails if the bare session made one already.
        try (ScoringModel model = store.load(version, null, null, alone)) {
            log.accept("(0) bare ONNX Runtime on the served encoder graph ...");
            limit = LimitBench.run(served, normalization, alone, measuredTexts);
            log.accept("(a) served model, direct calls ...");
            direct = new DirectModelBench(model, cores, log).run(measuredTexts);
        }
        String run = "bench." + Long.toString(System.currentTimeMillis(), 36);
        List<ParallelismRun> runs = new ArrayList<>();
        for (int parallelism : request.parallelisms()) {
            runs.add(local(run, parallelism, texts, warmup, measured, direct.row().textsPerSecond()));
        }
        List<BenchRow> standalone = request.standalone() ? standalone(run, warmup, measured) : List.of();

        BenchSettings settings = settings(version, served, ownEncoder, loadAtStart, startedAt);
        return new PipelineBenchReport(request.revision(), MachineFacts.probe(), settings, tokens, limit,
                direct.row(), runs, standalone, BenchNotes.NOTES);
    }

    /** Rows (b) with its sustained run and (c) at one parallelism, on a local Flink in this process. */
    private ParallelismRun local(String run, int parallelism, List<DemoTexts.Text> texts, List<TextEvent> warmup,
            List<TextEvent> measured, double modelTextsPerSecond) throws Exception {
        Configuration conf = withParallelism(parallelism);
        int threads = scoring.onnxThreadsFor(parallelism, cores);
        JobBench bench = new JobBench(log);
        String b = "b" + parallelism;
        BenchRow job;
        SustainedResult sustained;
        log.accept("(" + b + ") scoring job, parallelism " + parallelism + ", " + threads + " ONNX threads each ...");
        LocalJobLauncher scoringJob = new LocalJobLauncher(request.connection(),
                (env, endpoints, c) -> new ScoringJob(endpoints, c).wire(env));
        try (BenchTopics topics = BenchTopics.create(request.connection(), conf, run + "." + b, log);
                RunningJob running = scoringJob.start(b, topics.conf())) {
            job = bench.measure(b, "scoring job, Kafka to Kafka, exactly once", threads, true, topics, running,
                    warmup, measured);
            // A job cannot outrun its model called directly; the cap also holds when a short run's
            // texts all carry the same scoredAt and the measured span is a millisecond.
            double rate = request.sustainedFraction() * Math.min(job.textsPerSecond(), modelTextsPerSecond);
            sustained = new SustainedBench(log).run(b, topics, running, request.sustainedFraction(), rate,
                    request.sustainedSeconds(), texts);
        }
        String c = "c" + parallelism;
        log.accept("(" + c + ") naive job, parallelism " + parallelism + " ...");
        try (BenchTopics topics = BenchTopics.create(request.connection(), conf, run + "." + c, log);
                RunningJob running = new LocalJobLauncher(request.connection(), NaiveJob::wire).start(c, topics.conf())) {
            BenchRow naive = bench.measure(c, "naive job, one model call per record", threads, true, topics, running,
                    warmup, measured);
            return new ParallelismRun(parallelism, job, sustained, naive);
        }
    }

    /** Rows (s): the job jar on the standalone cluster, one job per parallelism, the jar uploaded once. */
    private List<BenchRow> standalone(String run, List<TextEvent> warmup, List<TextEvent> measured) throws Exception {
        Path work = Files.createTempDirectory("sentiflow-bench-cluster");
        // Kept when a job fails (its logs are there); removed after a run, which leaves the uploaded job
        // jar and the TaskManagers' unpacked copies of it behind (close to a gigabyte).
        log.accept("(s) starting a standalone Flink cluster (JobManager + 2 TaskManagers) in " + work + " ...");
        List<BenchRow> rows = new ArrayList<>();
        try (ClusterJobLauncher cluster = ClusterJobLauncher.start(request.connection(), work,
                Collections.max(request.parallelisms()))) {
            for (int parallelism : request.parallelisms()) {
                String key = "s" + parallelism;
                int threads = scoring.onnxThreadsFor(parallelism, cores);
                log.accept("(" + key + ") job jar on the cluster, parallelism " + parallelism + " ...");
                try (BenchTopics topics = BenchTopics.create(request.connection(), withParallelism(parallelism),
                        run + "." + key, log); RunningJob running = cluster.start(key, topics.conf())) {
                    rows.add(new JobBench(log).measure(key, "scoring job jar, standalone cluster (2 TaskManagers)",
                            threads, false, topics, running, warmup, measured));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(e.getMessage() + "; the cluster's logs are in " + cluster.logDir(), e);
                }
            }
        }
        FileUtils.deleteDirectory(work.toFile());
        return rows;
    }

    private Configuration withParallelism(int parallelism) {
        Configuration conf = new Configuration(request.conf());
        conf.set(ScoringJobOptions.PARALLELISM, parallelism);
        return conf;
    }

    private BenchSettings settings(String version, EncoderFiles served, boolean ownEncoder, LoadAverage loadAtStart,
            String startedAt) {
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(request.conf());
        Map<Integer, Integer> threads = new LinkedHashMap<>();
        request.parallelisms().forEach(p -> threads.put(p, scoring.onnxThreadsFor(p, cores)));
        return new BenchSettings(request.commandLine(), request.records(), WARMUP_RECORDS, version,
                served.kind().cliName(), ownEncoder ? "the version's own " + served.kind().versionFileName()
                        : "the carrier jar's", cores, request.parallelisms(), threads, cores, scoring.onnxSpinning(),
                scoring.tokenBudget(), scoring.batchSize(), scoring.batchTimeout().toMillis(),
                job.checkpointInterval().toMillis(), job.unalignedCheckpoints(), request.sustainedFraction(),
                request.sustainedSeconds(), request.standalone(), request.connection().bootstrapServers(),
                DemoTexts.files(request.dataDir()).stream().map(Path::toString).toList(), loadAtStart,
                LoadAverage.now(), startedAt, Instant.now().toString());
    }

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
}
