package io.sentiflow.cli;

import io.sentiflow.cli.io.TopicReader;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow alerts}: prints the spike alerts of the {@code alerts} topic (committed records
 * only) as {@link AlertFormatter} writes them, or as JSON lines with {@code --json}. Records that do
 * not decode are reported on stderr with their partition and offset, and skipped.
 */
@Command(
        name = "alerts",
        description = "Print spike alerts (FIRING and RESOLVED) from the alerts topic, readably.")
public final class AlertsCommand implements Callable<Integer> {

    /** Until interrupted: what --follow waits for. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--topic", defaultValue = "alerts", paramLabel = "TOPIC",
            description = "The alerts topic (default: ${DEFAULT-VALUE}).")
    private String topic = "alerts";

    @Option(names = "--follow", description = "Keep waiting for new alerts until interrupted (Ctrl-C).")
    private boolean follow;

    @Option(names = "--from-beginning", description = "Start at the oldest alert, not at the end.")
    private boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts (default: no limit).")
    private long max = Long.MAX_VALUE;

    @Option(names = "--json", description = "Print one JSON object a line, with the schema's field names.")
    private boolean json;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = ConsumeCommand.DurationConverter.class,
            description = "Without --follow, stop when no alert came for this long (default: ${DEFAULT-VALUE}).")
    private Duration idleTimeout = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();
        AlertFormatter formatter = new AlertFormatter();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong undecodable = new AtomicLong();
        long read = new TopicReader(connection.connection()).read(topic, fromBeginning, max,
                follow ? FOREVER : idleTimeout, record -> {
                    Decoded<SentimentAlert> decoded = codec.decode(record.value());
                    if (decoded instanceof Decoded.Ok<SentimentAlert> ok) {
                        out.println(json ? codec.toJson(ok.value()) : formatter.format(ok.value()) + System.lineSeparator());
                        out.flush();
                    } else if (decoded instanceof Decoded.Rejected<SentimentAlert> rejected) {
                        undecodable.incrementAndGet();
                        err.printf("%s-%d@%d could not be decoded (%s): %s%n", record.topic(), record.partition(),
                                record.offset(), rejected.failure(), rejected.message());
                    }
                });
        err.printf("Read %d records from %s%s%n", read, topic,
                undecodable.get() == 0 ? "" : " (" + undecodable.get() + " could not be decoded)");
        err.flush();
        return CommandLine.ExitCode.OK;
    }
}
