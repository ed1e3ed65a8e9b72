package io.sentiflow.it.readme;

import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A Sentiflow home of its own for running the README's commands as written: a temporary folder as
 * {@code sentiflow.home} (so {@code var/kafka}, {@code var/models}, {@code var/checkpoints} land
 * there), a small copy of the shared data in the shared layout as {@code sentiflow.data.dir} (so
 * {@code ./sentiflow train} takes seconds, not the full hour-long first encoding), free ports, and
 * picocli defaults that a user could put in a defaults file. Restores the system properties on close.
 */
final class ReadmeSandbox implements AutoCloseable {

    private static final List<String> SAMPLED = List.of(
            "twitter_financial_news_sentiment/sent_train.csv", "twitter_financial_news_sentiment/sent_valid.csv",
            "twitter_financial_news_topic/topic_train.csv", "twitter_financial_news_topic/topic_valid.csv");
    private static final List<String> COPIED = List.of(
            "twitter_financial_news_sentiment/sentiment_labels.csv", "twitter_financial_news_topic/topic_labels.csv");
    private static final String[] PROPERTIES = {"sentiflow.home", "sentiflow.data.dir", BrokerConfig.LIB_DIR_PROPERTY};

    private final Path home;
    private final Path data;
    private final int kafkaPort;
    private final int benchKafkaPort;
    private final Properties saved = new Properties();

    ReadmeSandbox(Path home, Path sharedData, int rowsPerFile) throws IOException {
        this.home = home;
        this.data = home.resolve("data");
        for (String file : SAMPLED) {
            sample(sharedData.resolve(file), data.resolve(file), rowsPerFile);
        }
        for (String file : COPIED) {
            Files.copy(sharedData.resolve(file), data.resolve(file));
        }
        this.kafkaPort = freePortPair();
        this.benchKafkaPort = freePortPair();
        for (String name : PROPERTIES) {
            if (System.getProperty(name) != null) {
                saved.setProperty(name, System.getProperty(name));
            }
        }
        System.setProperty("sentiflow.home", home.toString());
        System.setProperty("sentiflow.data.dir", data.toString());
        System.setProperty(BrokerConfig.LIB_DIR_PROPERTY, KafkaBrokerExtension.brokerLibDir().toString());
    }

    Path home() {
        return home;
    }

    Path data() {
        return data;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /**
     * Defaults for options the README leaves out, keyed as picocli's PropertiesDefaultProvider reads
     * them (qualified command name, then the option's long name): free ports instead of 9092/8081,
     * a bounded scoring run, a short benchmark, and {@code alerts --follow} ending after one alert.
     */
    Properties defaults() {
        Properties defaults = new Properties();
        for (String command : List.of("start", "stop", "status")) {
            defaults.setProperty("sentiflow.kafka." + command + ".port", Integer.toString(kafkaPort));
        }
        defaults.setProperty("bootstrap-servers", bootstrapServers());
        defaults.setProperty("sentiflow.score.bounded", "true");
        defaults.setProperty("sentiflow.score.ui-port", "0");
        defaults.setProperty("sentiflow.alerts.max", "1");
        defaults.setProperty("sentiflow.bench.model.texts", "64");
        defaults.setProperty("sentiflow.bench.pipeline.records", "150");
        defaults.setProperty("sentiflow.bench.pipeline.parallelism", "1");
        defaults.setProperty("sentiflow.bench.pipeline.sustained-seconds", "5");
        defaults.setProperty("sentiflow.bench.pipeline.kafka-port", Integer.toString(benchKafkaPort));
        return defaults;
    }

    /** A smaller copy of {@code file}: an even sample of its rows, so every label keeps some. */
    private static void sample(Path source, Path target, int rows) throws IOException {
        Files.createDirectories(target.getParent());
        List<CSVRecord> all = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(source, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames();
            parser.forEach(all::add);
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                    CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get()
                            .print(out)) {
                int step = Math.max(1, all.size() / rows);
                for (int i = 0; i < all.size() && i / step < rows; i += step) {
                    printer.printRecord(all.get(i).values());
                }
            }
        }
    }

    /** A free port whose successor is free too (the local broker's controller takes port + 1). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                try (ServerSocket second = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("No two adjacent free ports found");
    }

    @Override
    public void close() {
        for (String name : PROPERTIES) {
            if (saved.containsKey(name)) {
                System.setProperty(name, saved.getProperty(name));
            } else {
                System.clearProperty(name);
            }
        }
    }
}
