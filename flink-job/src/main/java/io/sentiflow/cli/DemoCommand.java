package io.sentiflow.cli;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.demo.DemoRun;
import io.sentiflow.demo.DemoSettings;
import io.sentiflow.demo.DemoSummary;
import io.sentiflow.demo.TrainingEstimate;
import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.learner.LearnerOptions;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.training.DataLocations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow demo}: the whole product on one machine with one command. Parses flags and
 * delegates to {@link DemoRun}; when the model store is empty it runs {@link TrainCommand} first.
 * Exit code 0 when every text sent was scored (or dead-lettered), 1 otherwise.
 */
@Command(
        name = "demo",
        description = "Start Kafka, a model and the scoring job, stream the tweet valid sets with an injected"
                + " negative spike, print the alerts, then a summary. Ctrl-C stops everything it started.")
public final class DemoCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;
    @Mixin private StoreOptions store;
    @Mixin private LocalBrokerOptions localBroker;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Shared data folder with the tweet valid sets (default: sentiflow.data.dir, else ../shared/data).")
    private Path dataDir;

    @Option(names = "--speedup", paramLabel = "X", defaultValue = "600",
            description = "Event time per real time (default: ${DEFAULT-VALUE}: one second plays ten event minutes).")
    private double speedup = DemoSettings.DEFAULT_SPEEDUP;

    @Option(names = "--texts-per-minute", paramLabel = "N", defaultValue = "10",
            description = "Texts per event minute (default: ${DEFAULT-VALUE}, 100 texts/s at the default speed-up).")
    private int textsPerMinute = DemoSettings.DEFAULT_TEXTS_PER_MINUTE;

    @Option(names = "--duration", paramLabel = "DURATION", converter = ConsumeCommand.DurationConverter.class,
            description = "Stream for this long, e.g. 90s or 2m (default: the valid sets once, about 66 s).")
    private Duration duration;

    @Option(names = "--spike-entity", paramLabel = "TICKER", defaultValue = "ACME",
            description = "Ticker the injected negative spike is about (default: ${DEFAULT-VALUE}).")
    private String spikeEntity = DemoSettings.DEFAULT_SPIKE_ENTITY;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int uiPort = 8081;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any Flink or sentiflow.* key, e.g. -D sentiflow.alerts.min-volume=10.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = new DemoSettings(dataDir != null ? dataDir : DataLocations.fromSystemProperties().root(),
                speedup, textsPerMinute, duration, spikeEntity, DemoSettings.DEFAULT_ORIGIN);
        boolean external = spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers");
        BrokerConfig broker = external ? null : localBroker.brokerConfig();
        PrintWriter out = spec.commandLine().getOut();
        DemoSummary summary = new DemoRun(settings,
                external ? connection.connection() : KafkaConnection.of(broker.bootstrapServers()),
                broker, store.location(), configuration(), this::train, new AlertFormatter()::format, out).run();
        return summary.complete() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The -D keys over the demo's defaults: its own consumer group and transactional ids (a
     * `sentiflow score` or `sentiflow learner` may run beside it), checkpoints every 2 s so alerts and
     * the learner's versions show promptly (read_committed), checkpoints under var/demo, the encoder
     * cache `train` fills, one scoring instance per core, the store and the UI port from the flags.
     */
    Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(ScoringJobOptions.GROUP_ID, "sentiflow-demo");
        conf.set(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX, "sentiflow-demo");
        conf.set(ScoringJobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2));
        conf.set(ScoringJobOptions.CHECKPOINT_DIR,
                StoreOptions.home().resolve("var").resolve("demo").resolve("checkpoints").toUri().toString());
        conf.set(LearnerJobOptions.GROUP_ID, "sentiflow-demo-learner");
        conf.set(LearnerJobOptions.TRANSACTIONAL_ID_PREFIX, "sentiflow-demo-learner");
        conf.set(LearnerJobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2));
        conf.set(LearnerJobOptions.CHECKPOINT_DIR,
                StoreOptions.home().resolve("var").resolve("demo").resolve("learner-checkpoints").toUri().toString());
        // The texts `train` encoded are the learner's replay and regression texts: one cache, encoded once.
        conf.set(LearnerOptions.EMBEDDING_CACHE, StoreOptions.home().resolve("var").resolve("embedding-cache").toString());
        // One scoring instance per core with one ONNX thread each, as `score` runs (docs/PERFORMANCE.md).
        conf.set(ScoringJobOptions.PARALLELISM, Runtime.getRuntime().availableProcessors());
        conf.addAll(Configuration.fromMap(properties));
        conf.set(ScoringOptions.MODEL_STORE, store.location());
        conf.set(RestOptions.PORT, uiPort == 0 ? freePort() : requireFree(uiPort));
        return conf;
    }

    /** Runs `sentiflow train --store ...`: the same code, flags and progress bar as the command. */
    private void train(String storeLocation) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(TrainingEstimate.describe(DataLocations.fromSystemProperties(),
                StoreOptions.home().resolve("var").resolve("embedding-cache")));
        out.flush();
        int exit = new CommandLine(new TrainCommand()).setOut(out).setErr(spec.commandLine().getErr())
                .setExecutionExceptionHandler(new SentiflowCommand.ErrorReporter())
                .execute("--store", storeLocation);
        if (exit != CommandLine.ExitCode.OK) {
            throw new IllegalStateException("training the first model failed (exit code " + exit + ")");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the web UI", e);
        }
    }

    private static int requireFree(int port) {
        try {
            new ServerSocket(port).close();
            return port;
        } catch (IOException e) {
            throw new IllegalArgumentException("port " + port + " for the Flink web UI is in use (another"
                    + " `sentiflow score` or demo?); stop it or pass --ui-port 0 for a free port");
        }
    }
}
