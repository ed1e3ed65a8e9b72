package io.sentiflow.demo;

import io.sentiflow.alerts.AlertConfig;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.deploy.broker.BrokerStatus;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicsConfig;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.store.ModelStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code sentiflow demo}, start to summary: the local broker (unless another is given)
 * and the topics, a promoted model (trained first when the store has none), the scoring job with
 * alerts on a local Flink, the replay with its spike, the alerts as they come, then a summary.
 *
 * <p>Ctrl-C (a JVM shutdown hook) stops the replay and everything the run started: the job is
 * cancelled, the broker stopped only when this run started it. Broker data and the model store
 * stay, so the next run reuses them. One instance per run; {@link #run()} is called once.
 */
public final class DemoRun {

    /** Trains and promotes the first version when the store has none (the {@code train} command's code). */
    public interface ModelTrainer {
        void trainFirstVersion(String storeLocation) throws Exception;
    }

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** How long to wait after the stream for the learner's round: encoding its sets, training, the gate. */
    private static final Duration SWAP_WAIT = Duration.ofMinutes(6);
    private static final Duration MIN_DRAIN = Duration.ofSeconds(90);
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DemoSettings settings;
    private final KafkaConnection connection;
    private final BrokerConfig localBroker;
    private final String store;
    private final Configuration conf;
    private final ModelTrainer trainer;
    private final Function<SentimentAlert, String> alertFormat;
    private final PrintWriter out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private LocalKafkaBroker startedBroker;
    private OutputWatcher watcher;
    private DemoCluster cluster;
    private DemoJob job;
    private DemoJob learner;
    private DemoLearning learning;
    private DemoSwaps swaps;
    private volatile boolean feedbackSent;

    /**
     * @param localBroker the local broker to start (or find running), or null to use {@code connection} as it is
     * @param conf the job's and Flink's keys, {@code rest.port} included
     * @param alertFormat how an alert is printed
     */
    public DemoRun(DemoSettings settings, KafkaConnection connection, BrokerConfig localBroker, String store,
            Configuration conf, ModelTrainer trainer, Function<SentimentAlert, String> alertFormat, PrintWriter out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.localBroker = localBroker;
        this.store = Objects.requireNonNull(store, "store");
        this.conf = Objects.requireNonNull(conf, "conf");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.alertFormat = Objects.requireNonNull(alertFormat, "alertFormat");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Runs the demo until the stream ends, {@code --duration} passes or Ctrl-C; returns what it did. */
    public DemoSummary run() throws Exception {
        Thread onExit = new Thread(this::stopAndWait, "sentiflow-demo-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            return runAll();
        } finally {
            cleanUp();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook is running and waits for this clean-up.
            }
        }
    }

    private DemoSummary runAll() throws Exception {
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        // Planned first: a stream too short for the spike fails before anything is started.
        ReplayPlan plan = ReplayPlan.of(settings, DemoTexts.load(settings.dataDir()));
        startKafka();
        ensureModel();
        describe(plan);
        swaps = new DemoSwaps(this::say, ModelStore.open(store));
        watcher = new OutputWatcher(connection, job.topics(), listener());
        say("Starting a local Flink with the scoring job and the learner job ...");
        cluster = DemoCluster.start(conf, job.parallelism() + 1);
        this.job = startScoring(job);
        learning = new DemoLearning(connection, conf, settings.dataDir());
        learner = learning.start(cluster);
        say("Scoring and learner jobs running; Flink web UI: " + cluster.uiAddress());
        long start = System.nanoTime();
        int feedbackAt = plan.events().size() / 3;
        Replayer replayer = new Replayer(connection, job.topics().raw(), settings.speedup());
        long sent = replayer.replay(plan.events(), () -> stopping, (count, eventTime) -> {
            report(count, eventTime);
            if (count >= feedbackAt && !feedbackSent) {
                sendFeedback();
            }
        });
        if (!feedbackSent && !stopping) {
            sendFeedback();
        }
        Duration streamed = Duration.ofNanos(System.nanoTime() - start);
        say(stopping
                ? String.format(Locale.ROOT, "Stopping (Ctrl-C) after sending %,d texts in %d s", sent, streamed.toSeconds())
                : String.format(Locale.ROOT, "Sent %,d texts in %d s; %s; waiting for the rest ...", sent,
                        streamed.toSeconds(), trail(sent, streamed)));
        drain(sent, job.checkpointInterval());
        sent += awaitSwap(replayer, plan);
        drain(sent, job.checkpointInterval());
        return summary(sent, streamed, start);
    }

    private void sendFeedback() {
        feedbackSent = true;
        int labels = learning.sendFeedback(settings.dataDir());
        say(String.format(Locale.ROOT, "Sent %d analyst labels for posts from a new source (a market wire with its own boilerplate) to"
                + " feedback.labels, as `sentiflow feedback` does; the learner starts a round when it has them all",
                labels));
    }

    /**
     * Waits for the learner's round to end in a swap or a refusal; once the new version is out,
     * streams a few texts so that it scores some. Returns the number of texts sent here.
     */
    private long awaitSwap(Replayer replayer, ReplayPlan plan) throws Exception {
        long deadline = System.nanoTime() + SWAP_WAIT.toNanos();
        long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        long sent = 0;
        while (!stopping && !(swaps.swapped() && sent > 0) && System.nanoTime() < deadline && !learner.hasEnded()) {
            if (swaps.published() && sent == 0) {
                sent = replayer.replay(DemoSwaps.afterSwap(plan.events(), plan.lastEventTime()), () -> stopping,
                        (count, eventTime) -> { });
            }
            Optional<String> refused = swaps.refusal();
            if (refused.isPresent()) {
                say("The learner's gate refused its candidate, so nothing was swapped: " + refused.get());
                return sent;
            }
            if (System.nanoTime() >= nextReport) {
                say("  waiting for the learner's round (it encodes its replay and regression sets first) ...");
                nextReport += REPORT_EVERY.toNanos();
            }
            pause(Duration.ofMillis(500));
        }
        if (!stopping && !swaps.swapped()) {
            say(learner.hasEnded() ? "The learner job ended early (" + learner.status() + "); see the log above"
                    : "No new version within " + SWAP_WAIT.toMinutes() + " min; the learner is slower than that here");
        }
        return sent;
    }

    private OutputWatcher.Listener listener() {
        return new OutputWatcher.Listener() {
            @Override
            public void alert(SentimentAlert alert) {
                printAlert(alert);
            }

            @Override
            public void modelPublished(ModelUpdate update) {
                swaps.modelPublished(update);
            }

            @Override
            public void firstScoredWith(String version, ScoredText text) {
                swaps.firstScoredWith(version, text);
            }
        };
    }

    private DemoJob startScoring(ScoringJobConfig scoring) throws Exception {
        DemoJob.skipEarlierRuns(connection, scoring);
        Configuration flink = scoring.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(flink);
        new ScoringJob(ScoringEndpoints.kafka(connection, scoring), conf).wire(env);
        return cluster.submit(env, ScoringJob.NAME + "-demo").awaitRunning();
    }

    private void startKafka() {
        if (localBroker == null) {
            say("Using Kafka at " + connection.bootstrapServers());
        } else {
            LocalKafkaBroker broker = new LocalKafkaBroker(localBroker);
            BrokerStatus status = broker.start();
            say(status.describe());
            startedBroker = status.state() == BrokerStatus.State.STARTED ? broker : null;
        }
        try (TopicCreator creator = new TopicCreator(connection.toProperties())) {
            List<String> created = creator.ensure(TopicsConfig.defaults());
            say("Topics ready" + (created.isEmpty() ? "" : " (created " + String.join(", ", created) + ")"));
        }
    }

    private void ensureModel() throws Exception {
        ModelStore models = ModelStore.open(store);
        if (models.promotedVersion().isEmpty()) {
            say("The model store " + store + " has no promoted version: training the first one"
                    + " (the same as `sentiflow train`).");
            trainer.trainFirstVersion(store);
        }
        String version = models.promotedVersion().orElseThrow(() -> new IllegalStateException(
                "the model store " + store + " still has no promoted version after training"));
        say("Model version " + version + " (promoted) from " + store);
    }

    private void describe(ReplayPlan plan) {
        AlertConfig alerts = AlertConfig.fromConfiguration(conf);
        Duration span = Duration.between(settings.origin(), plan.lastEventTime());
        say(String.format(Locale.ROOT,
                "Streaming %,d tweets of %s into news.raw at %.0fx: %d texts per event minute (%.0f texts/s),"
                        + " event time %s to %s UTC, about %d s",
                plan.events().size() - plan.spikeTexts(), settings.dataDir(), settings.speedup(),
                settings.textsPerMinute(), settings.textsPerSecond(), EVENT_TIME.format(settings.origin()),
                EVENT_TIME.format(plan.lastEventTime()), settings.realTime(span).toSeconds()));
        say(String.format(Locale.ROOT,
                "Injecting a negative spike about $%s (%d bearish headlines on its share price) at %s to %s"
                        + " event time, %d s in",
                settings.spikeEntity(), plan.spikeTexts(), EVENT_TIME.format(plan.spikeStart()),
                EVENT_TIME.format(plan.spikeEnd()).substring(11),
                settings.realTime(Duration.between(settings.origin(), plan.spikeStart())).toSeconds()));
        say(String.format(Locale.ROOT,
                "Alerts: windows of %d min sliding %d min; a topic or entity fires after %d windows in a row with"
                        + " at least %d texts, a negative share of at least %.0f%% and %.1f spreads above its"
                        + " normal; it resolves after %d calm windows (change with -D sentiflow.alerts.<key>=...)",
                alerts.windowSize().toMinutes(), alerts.windowSlide().toMinutes(), alerts.consecutiveWindows(),
                alerts.minVolume(), alerts.shareFloor() * 100, alerts.zThreshold(), alerts.resolveWindows()));
    }

    private void report(long count, Instant eventTime) {
        OutputWatcher.Seen seen = watcher.snapshot();
        say(String.format(Locale.ROOT, "  %s event time: %,d sent, %,d scored, %d alerts fired, %d resolved",
                EVENT_TIME.format(eventTime), count, seen.scored(), seen.fired(), seen.resolved()));
    }

    /**
     * How far scoring trails the stream as it ends, in texts and in seconds of its traffic. Scored
     * texts are counted as a read_committed consumer sees them, so this includes up to a checkpoint
     * interval of commit wait.
     */
    private String trail(long sent, Duration streamed) {
        long done = watcher.snapshot().scored() + watcher.snapshot().deadLetters();
        double perSecond = sent / Math.max(1e-3, streamed.toMillis() / 1000.0);
        long behind = Math.max(0, sent - done);
        return String.format(Locale.ROOT, "%,d scored as the stream ended, %,d behind (%.1f s of its traffic,"
                + " a checkpoint's commit wait included)", done, behind, behind / perSecond);
    }

    /** Waits until every text sent is scored or dead-lettered, then for the alerts of the last checkpoint. */
    private void drain(long sent, Duration checkpointInterval) throws Exception {
        Duration limit = MIN_DRAIN.plus(Duration.ofSeconds(sent / 50));
        long deadline = System.nanoTime() + limit.toNanos();
        long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        while (!stopping && System.nanoTime() < deadline && !job.hasEnded()) {
            OutputWatcher.Seen seen = watcher.snapshot();
            if (seen.scored() + seen.deadLetters() >= sent) {
                // Alerts of the last windows commit with the next checkpoint after the last scored text.
                pause(checkpointInterval.multipliedBy(2));
                return;
            }
            if (System.nanoTime() >= nextReport) {
                say(String.format(Locale.ROOT, "  %,d of %,d scored", seen.scored(), sent));
                nextReport += REPORT_EVERY.toNanos();
            }
            pause(Duration.ofMillis(200));
        }
        if (!stopping && job.hasEnded()) {
            say("The scoring job ended early (" + job.status() + "); see the log above");
        } else if (!stopping) {
            say("Gave up waiting after " + limit.toSeconds() + " s: the job is slower than the stream on this machine");
        }
    }

    /** Throughput end to end: scored texts over the time from the first send to the last text seen scored. */
    private DemoSummary summary(long sent, Duration streamed, long streamStartNanos) {
        OutputWatcher.Seen seen = watcher.snapshot();
        double seconds = (seen.lastScoredNanos() - streamStartNanos) / 1e9;
        double rate = seen.scored() == 0 || seconds <= 0 ? 0 : seen.scored() / seconds;
        List<String> places = new ArrayList<>();
        places.add("kafka            " + (localBroker == null ? connection.bootstrapServers()
                : localBroker.bootstrapServers() + ", data in " + localBroker.dataDir()));
        places.add("model store      " + store);
        places.add("checkpoints      " + ScoringJobConfig.fromConfiguration(conf).checkpointDir());
        places.add("replayed         " + String.join(", ", DemoTexts.files(settings.dataDir()).stream()
                .map(Object::toString).toList()));
        DemoSummary summary = new DemoSummary(sent, seen.scored(), seen.deadLetters(), seen.fired(), seen.resolved(),
                seen.modelVersions(), streamed, rate, cluster.uiAddress(), places);
        say(summary.format());
        return summary;
    }

    private void printAlert(SentimentAlert alert) {
        synchronized (out) {
            out.println(alertFormat.apply(alert));
            out.println();
            out.flush();
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private void pause(Duration time) throws InterruptedException {
        long until = System.nanoTime() + time.toNanos();
        while (!stopping && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Ctrl-C: asks the run to stop and waits for its clean-up, so the JVM does not exit under it. */
    private void stopAndWait() {
        stopping = true;
        try {
            finished.await(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUp() {
        List<String> problems = new ArrayList<>();
        if (watcher != null) {
            watcher.close();
        }
        if (job != null) {
            try {
                job.cancel();
                say("Scoring job cancelled");
            } catch (Exception e) {
                problems.add("cancelling the scoring job: " + e);
            }
        }
        if (learner != null) {
            try {
                learner.cancel();
                say("Learner job cancelled");
            } catch (Exception e) {
                problems.add("cancelling the learner job: " + e);
            }
        }
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                problems.add("stopping the local Flink: " + e);
            }
        }
        if (startedBroker != null) {
            try {
                startedBroker.stop();
                say("Kafka stopped (data kept in " + startedBroker.config().dataDir() + ")");
            } catch (RuntimeException e) {
                problems.add("stopping Kafka: " + e.getMessage());
            }
        }
        problems.forEach(problem -> say("Clean-up problem, " + problem));
    }
}
