package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * Runs README commands in a {@link ReadmeSandbox}: {@code ./sentiflow ...} in-process through
 * {@link SentiflowCommand#commandLine()} with the sandbox's defaults, shell lines through bash.
 * Paths the README names ({@code ../shared/data/...}, {@code /tmp/news.jsonl}, {@code my.csv}) and
 * version placeholders are mapped into the sandbox; everything else runs as written.
 */
final class Runner {

    private static final Duration FOLLOW_DEADLINE = Duration.ofSeconds(60);

    private final ReadmeSandbox sandbox;
    private final List<String> ran = new ArrayList<>();

    Runner(ReadmeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The README commands run so far, as written in the README. */
    List<String> ran() {
        return List.copyOf(ran);
    }

    /** Runs {@code command} and checks its exit code and that its output matches {@code outputRegex}. */
    Result expect(String command, int exitCode, String outputRegex) {
        Result result = execute(command);
        assertThat(result.exit()).as("exit code of %s%n%s", command, result).isEqualTo(exitCode);
        assertThat(result.out()).as("output of %s%n%s", command, result).matches(outputRegex);
        ran.add(command);
        return result;
    }

    /**
     * Runs a command that waits for records ({@code alerts --follow}) while sending {@code value} to
     * {@code topic} every half second, until the command ends or a deadline passes.
     */
    void expectWhileSending(String command, String topic, byte[] value, String outputRegex) throws Exception {
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> execute(command));
        long deadline = System.nanoTime() + FOLLOW_DEADLINE.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            while (!running.isDone() && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
                try {
                    running.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // it has not seen a record yet: send another
                }
            }
        }
        assertThat(running).as("%s ended within %s", command, FOLLOW_DEADLINE).isDone();
        Result result = running.get();
        assertThat(result.exit()).as("exit code of %s%n%s", command, result).isZero();
        assertThat(result.out()).as("output of %s%n%s", command, result).matches(outputRegex);
        ran.add(command);
    }

    /** Runs a README shell line (not a sentiflow command) through bash in the sandbox home. */
    void shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", mapPaths(command)).directory(sandbox.home().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
        ran.add(command);
    }

    /** Sends one record as a misbehaving producer would, to give the DLQ and alerts something to show. */
    void sendRaw(String topic, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the sandbox's broker if a failed step left it running; a stopped broker stays stopped. */
    void stopBrokerQuietly() {
        execute("./sentiflow kafka stop");
    }

    private Result execute(String command) {
        long start = System.nanoTime();
        Result result = executeInProcess(command);
        // One line a command, so a slow or failing step shows in the test's output.
        System.out.printf("README> %s: exit %d after %d ms%n", command, result.exit(),
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private Result executeInProcess(String command) {
        List<String> words = ReadmeCommands.words(command);
        assertThat(words.get(0)).as(command).isEqualTo("./sentiflow");
        String[] args = words.subList(1, words.size()).stream().map(word -> map(word, words)).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SentiflowCommand.commandLine()
                .setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(sandbox.defaults()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(command, exit, out.toString(), err.toString());
    }

    private String map(String word, List<String> command) {
        if (word.equals("VERSION") || word.equals("V")) {
            return command.contains("promote") ? newestUnpromoted() : promotedVersion();
        }
        if (word.equals("my.csv") || word.equals("my_topics.csv") || word.equals("labels.csv")) {
            return userCsv(word);
        }
        return mapPaths(word);
    }

    private String mapPaths(String text) {
        return text.replace("../shared/data", sandbox.data().toString())
                .replace("/tmp/news.jsonl", sandbox.home().resolve("news.jsonl").toString());
    }

    /** A user's own CSV (training data or labels): here a copy of the sampled train split of its task. */
    private String userCsv(String name) {
        String split = name.equals("my_topics.csv") ? "twitter_financial_news_topic/topic_train.csv"
                : "twitter_financial_news_sentiment/sent_train.csv";
        Path target = sandbox.home().resolve(name);
        try {
            if (!Files.exists(target)) {
                Files.copy(sandbox.data().resolve(split), target);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target.toString();
    }

    String promotedVersion() {
        return store().promotedVersion().orElseThrow();
    }

    private String newestUnpromoted() {
        String promoted = store().promotedVersion().orElse("");
        List<VersionSummary> versions = store().list();
        return versions.stream().map(VersionSummary::version).filter(version -> !version.equals(promoted))
                .reduce((first, second) -> second).orElseThrow();
    }

    private ModelStore store() {
        return ModelStore.open(sandbox.home().resolve("var").resolve("models").toString());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** What a command printed and returned. */
    record Result(String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }
}
