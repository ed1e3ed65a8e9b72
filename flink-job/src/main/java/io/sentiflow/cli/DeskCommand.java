package io.sentiflow.cli;

import io.sentiflow.desk.Desk;
import io.sentiflow.desk.DeskConfig;
import io.sentiflow.desk.DeskOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow desk}: the risk desk's web page, live from the scoring job's topics, until
 * interrupted. Parses flags and delegates to {@link Desk}.
 */
@Command(
        name = "desk",
        description = {
            "Serve the risk desk on http://127.0.0.1:8090/: where sentiment turns, the alerts with their evidence"
                    + " and the words they rest on, the model serving; relabel texts and judge alerts from the page.",
            "Reads alerts, window.stats, news.scored, news.dlq, model.updates and alerts.verdicts (committed records"
                    + " only); writes feedback.labels and alerts.verdicts. Ctrl-C stops it."
        })
public final class DeskCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090",
            description = "Port of the page (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port = 8090;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for other machines: it has no login).")
    private String host = "127.0.0.1";

    @Option(names = "--store", paramLabel = "DIR",
            description = "Model store whose versions show which words a score rests on (default: the"
                    + " sentiflow.model.store key, var/models).")
    private Path store;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any sentiflow.* key, e.g. -D sentiflow.desk.history=12h -D sentiflow.job.alerts-topic=my.alerts.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        DeskConfig config = DeskConfig.fromConfiguration(configuration());
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C runs the hook; it waits for the desk to close so the JVM does not exit under it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            awaitQuietly(closed);
        }, "sentiflow-desk-stop"));
        try (Desk desk = Desk.start(connection.connection(), config)) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Risk desk on %s (Kafka %s, model store %s); Ctrl-C stops%n", desk.address(),
                    connection.connection().bootstrapServers(), config.store());
            out.flush();
            stopping.await();
        } finally {
            closed.countDown();
        }
        return CommandLine.ExitCode.OK;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The -D keys, then the flags on top, since a flag is the more specific request. */
    Configuration configuration() {
        Configuration conf = Configuration.fromMap(properties);
        StoreOptions.configureJobStore(conf, store);
        conf.set(DeskOptions.PORT, port);
        conf.set(DeskOptions.HOST, host);
        return conf;
    }
}
