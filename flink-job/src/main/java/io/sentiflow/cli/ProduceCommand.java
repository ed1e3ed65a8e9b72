package io.sentiflow.cli;

import io.sentiflow.cli.io.InputFormat;
import io.sentiflow.cli.io.TextFileReader;
import io.sentiflow.connect.RecordSender;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow produce --file F}: sends the texts of a CSV or JSON-lines file to news.raw as
 * TextEvents, in Avro single-object encoding or as JSON. The file is read and checked completely
 * before the first record is sent, so a bad line sends nothing.
 */
@Command(
        name = "produce",
        description = {
            "Send the texts of a CSV or JSON-lines file to Kafka as TextEvents.",
            "CSV: a header row with a 'text' column and optional 'id', 'source', 'timestamp' (ISO-8601 or epoch ms),"
                    + " 'lang', 'entities' columns; other columns go into the record's attributes.",
            "JSON lines (.jsonl, .json): one object a line with TextEvent's field names.",
            "A missing id becomes <file name>:<record number>; a missing timestamp becomes now."
        })
public final class ProduceCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The CSV or JSON-lines file to send.")
    private Path file;

    @Option(names = "--format", paramLabel = "avro|json", defaultValue = "avro",
            description = "Wire format of the records: avro (single-object encoding) or json (default: ${DEFAULT-VALUE}).")
    private WireFormat format = WireFormat.AVRO;

    @Option(names = "--input-format", paramLabel = "csv|jsonl",
            description = "Format of the file (default: from its extension; .jsonl/.ndjson/.json are JSON lines, others CSV).")
    private InputFormat inputFormat;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "news.raw",
            description = "Topic to send to (default: ${DEFAULT-VALUE}).")
    private String topic = TopicRole.NEWS_RAW.defaultName();

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "Records per second; 0 sends as fast as the broker takes them (default).")
    private double rate;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "file",
            description = "Source of records whose file has no source (default: ${DEFAULT-VALUE}).")
    private String source = "file";

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call() {
        InputFormat input = inputFormat == null ? InputFormat.detect(file) : inputFormat;
        List<TextEvent> events = new TextFileReader(source, Clock.systemUTC()).read(file, input);
        long started = System.nanoTime();
        long sent;
        try (ProgressBar bar = progressBar(events.size())) {
            LongConsumer progress = bar == null ? done -> { } : bar::stepTo;
            sent = new RecordSender<>(connection.connection(), topic, RecordCodec.textEvents(), format, TextEvent::getId,
                    rate).send(events, progress);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        spec.commandLine().getOut().printf("Sent %d records from %s to %s (%s) in %.1f s%n",
                sent, file.getFileName(), topic, format.name().toLowerCase(Locale.ROOT), took.toMillis() / 1000.0);
        return CommandLine.ExitCode.OK;
    }

    /** A progress bar on stderr when a person watches a terminal; none in scripts and tests. */
    private ProgressBar progressBar(long total) {
        if (quiet || System.console() == null) {
            return null;
        }
        return ProgressBar.builder()
                .setTaskName("Sending")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                .build();
    }
}
