package io.sentiflow.bench;

import io.sentiflow.cli.ConnectionOptions;
import io.sentiflow.cli.LocalBrokerOptions;
import io.sentiflow.cli.StoreOptions;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.broker.BrokerStatus;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.training.DataLocations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code sentiflow bench pipeline}: parses flags, starts the local broker unless
 * {@code --bootstrap-servers} is given, runs {@link PipelineBench}, prints the table and writes the
 * JSON and {@code docs/PERFORMANCE.md}.
 */
@Command(name = "pipeline",
        description = "Texts/s and p50/p95/p99 latency of (0) bare ONNX Runtime on the served encoder graph, the"
                + " limit; (a) the served model called directly; per parallelism (b) the scoring job Kafka to Kafka"
                + " exactly once, then a sustained run at a fixed rate into it, and (c) a naive job with one model"
                + " call per record; with --standalone the job jar on a standalone two-TaskManager cluster. Prints"
                + " every row's ratio to (0) and the issue's targets, writes JSON and docs/PERFORMANCE.md.")
public final class PipelineBenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private StoreOptions store;
    @Mixin private ConnectionOptions connection;
    @Mixin private LocalBrokerOptions localBroker;

    @Option(names = "--records", paramLabel = "N", defaultValue = "6603",
            description = "Texts to measure per row (default: ${DEFAULT-VALUE}, both valid sets once).")
    private int records = 6603;

    @Option(names = "--parallelism", paramLabel = "P", split = ",", defaultValue = "1,2",
            description = "Parallelisms of the job rows, each run in turn (default: ${DEFAULT-VALUE}; ONNX threads"
                    + " per instance: cores / P unless sentiflow.scoring.onnx-threads is set).")
    private List<Integer> parallelisms = new ArrayList<>(List.of(1, 2));

    @Option(names = "--sustained-rate-fraction", paramLabel = "X", defaultValue = "0.7",
            description = "Sustained runs send this share of the (b) row's texts/s (default: ${DEFAULT-VALUE}).")
    private double sustainedFraction = 0.7;

    @Option(names = "--sustained-seconds", paramLabel = "S", defaultValue = "60",
            description = "Length of each sustained run (default: ${DEFAULT-VALUE}; under "
                    + SustainedResult.MIN_SECONDS + " its figures are shown but do not count).")
    private int sustainedSeconds = 60;

    @Option(names = "--standalone",
            description = "Also run the job jar on a standalone cluster of two TaskManager processes at each"
                    + " parallelism (needs `mvn -pl flink-job -am package`: deploy's flink-cluster/lib and the job jar).")
    private boolean standalone;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the JSON report (default: var/bench/pipeline.json in the Sentiflow home).")
    private Path output;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Where to write the generated report for people (default: docs/PERFORMANCE.md in the"
                    + " Sentiflow home).")
    private Path markdown;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The shared data folder (default: -Dsentiflow.data.dir, else ../shared/data).")
    private Path dataDir;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any Flink or sentiflow.* key for every job, e.g. -D sentiflow.scoring.batch-size=64.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path json = output != null ? output : home().resolve("var").resolve("bench").resolve("pipeline.json");
        Path doc = markdown != null ? markdown : home().resolve("docs").resolve("PERFORMANCE.md");
        // Before anything is written: the run's own report must not mark the tree dirty.
        SourceRevision revision = SourceRevision.of(home(), doc);
        boolean external = spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers");
        LocalKafkaBroker started = null;
        KafkaConnection kafka = connection.connection();
        if (!external) {
            LocalKafkaBroker broker = new LocalKafkaBroker(localBroker.brokerConfig());
            BrokerStatus status = broker.start();
            say(out, status.describe());
            started = status.state() == BrokerStatus.State.STARTED ? broker : null;
            kafka = KafkaConnection.of(broker.config().bootstrapServers());
        }
        try {
            // originalArgs() are the whole command line's, "bench pipeline" included.
            List<String> commandLine = spec.commandLine().getParseResult().originalArgs();
            PipelineBench.Request request = new PipelineBench.Request(kafka,
                    dataDir != null ? dataDir : DataLocations.fromSystemProperties().root(), records, configuration(),
                    parallelisms, sustainedFraction, sustainedSeconds, standalone, commandLine, revision);
            PipelineBenchReport report = new PipelineBench(request, line -> say(out, line)).run();
            report.write(json);
            PerformanceMarkdown.write(report, doc);
            out.println();
            out.print(ReportTable.text(report));
            report.notes().forEach(note -> out.println("  " + note));
            say(out, "JSON written to " + json + "; report to " + doc);
        } finally {
            if (started != null) {
                started.stop();
            }
        }
        return CommandLine.ExitCode.OK;
    }

    /** The -D keys with the store as an absolute path: the cluster's TaskManagers run in other folders. */
    private Configuration configuration() {
        Configuration conf = Configuration.fromMap(properties);
        String location = store.location();
        conf.set(ScoringOptions.MODEL_STORE, location.contains("://") ? location
                : Path.of(location).toAbsolutePath().toString());
        return conf;
    }

    private static Path home() {
        String home = System.getProperty("sentiflow.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
