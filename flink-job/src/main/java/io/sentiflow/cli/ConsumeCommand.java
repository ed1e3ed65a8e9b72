package io.sentiflow.cli;

import io.sentiflow.cli.io.RecordPrinter;
import io.sentiflow.cli.io.RecordType;
import io.sentiflow.cli.io.TopicReader;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow consume --topic T}: prints a topic's committed records decoded, one a line.
 * The record type follows from the topic's name (news.raw holds TextEvents, news.scored ScoredTexts,
 * alerts SentimentAlerts, model.updates ModelUpdates, feedback.labels LabeledTexts, news.dlq raw
 * dead letters); {@code --type} names it for other topics.
 */
@Command(
        name = "consume",
        description = "Print a topic's committed records, decoded (Avro or JSON), one a line.")
public final class ConsumeCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    private String topic;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Record type when the topic is not a project topic: ${COMPLETION-CANDIDATES}.")
    private RecordType type;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: no limit).")
    private long max = Long.MAX_VALUE;

    @Option(names = "--from-beginning", description = "Start at the oldest record, not at the end.")
    private boolean fromBeginning;

    @Option(names = "--json", description = "Print only the records, one JSON object a line, with the schema's field names.")
    private boolean json;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Stop when no record came for this long: 500ms, 5s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration idleTimeout = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        RecordType recordType = type != null ? type : RecordType.forTopic(topic).orElseThrow(() ->
                new IllegalArgumentException("cannot tell the record type of topic " + topic + "; name it with --type"));
        RecordPrinter printer = new RecordPrinter(recordType, json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong undecodable = new AtomicLong();
        long read = new TopicReader(connection.connection()).read(topic, fromBeginning, max, idleTimeout, record -> {
            RecordPrinter.Line line = printer.print(record);
            if (line.decoded()) {
                out.println(line.text());
            } else {
                undecodable.incrementAndGet();
                // Keep --json output parseable: what could not be decoded goes to stderr.
                (json ? err : out).println(line.text());
            }
        });
        out.flush();
        err.printf("Read %d records from %s%s%n", read, topic,
                undecodable.get() == 0 ? "" : " (" + undecodable.get() + " could not be decoded)");
        err.flush();
        return CommandLine.ExitCode.OK;
    }

    /** Durations as people write them: 500ms, 5s, 2m, 1h, or ISO-8601 (PT5S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("([0-9]+)\\s*(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher simple = SIMPLE.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("expected a duration such as 500ms, 5s or 2m, got '" + value + "'");
            }
        }
    }
}
