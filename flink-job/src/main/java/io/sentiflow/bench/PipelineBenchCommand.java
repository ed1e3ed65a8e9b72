package io.sentiflow.bench;

import io.sentiflow.cli.ConnectionOptions;
import io.sentiflow.cli.LocalBrokerOptions;
import io.sentiflow.cli.StoreOptions;
import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.broker.BrokerStatus;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.training.DataLocations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow bench pipeline}: parses flags, starts the local broker unless
 * {@code --bootstrap-servers} is given, runs {@link PipelineBench}, prints the table and writes the JSON.
 */
@Command(name = "pipeline",
        description = "Texts/s and p50/p95/p99 latency of (a) the model called directly with its best batch"
                + " size, (b) the scoring job Kafka to Kafka exactly once, (c) a naive job with one model call"
                + " per record, on the same texts; prints b/a and b/c and writes JSON.")
public final class PipelineBenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private StoreOptions store;
    @Mixin private ConnectionOptions connection;
    @Mixin private LocalBrokerOptions localBroker;

    @Option(names = "--records", paramLabel = "N", defaultValue = "6603",
            description = "Texts to measure per row (default: ${DEFAULT-VALUE}, both valid sets once).")
    private int records = 6603;

    @Option(names = "--parallelism", paramLabel = "P",
            description = "Parallelism of both jobs (default 1; ONNX threads x P within the cores).")
    private Integer parallelism;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the JSON report (default: var/bench/pipeline.json in the Sentiflow home).")
    private Path output;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The shared data folder (default: -Dsentiflow.data.dir, else ../shared/data).")
    private Path dataDir;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any Flink or sentiflow.* key for both jobs, e.g. -D sentiflow.scoring.batch-size=64.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
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
            PipelineBench bench = new PipelineBench(kafka,
                    dataDir != null ? dataDir : DataLocations.fromSystemProperties().root(), records,
                    PipelineBench.configuration(properties, store.location(), parallelism));
            PipelineBenchReport report = bench.run(line -> say(out, line));
            Path file = output != null ? output : home().resolve("var").resolve("bench").resolve("pipeline.json");
            report.write(file);
            out.println();
            out.print(report.table());
            report.notes().forEach(note -> out.println("  " + note));
            say(out, "JSON written to " + file);
        } finally {
            if (started != null) {
                started.stop();
            }
        }
        return CommandLine.ExitCode.OK;
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
