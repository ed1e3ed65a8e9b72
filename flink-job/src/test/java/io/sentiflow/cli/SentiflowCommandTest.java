package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SentiflowCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SentiflowCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void helpListsTheFoundationCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("kafka", "produce", "consume");
    }

    @Test
    void printsUsageAndFailsWithoutSubcommand() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: sentiflow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "kafka start", "kafka stop", "kafka status", "produce", "consume",
        "train", "eval", "models", "models list", "models show", "models promote", "models rollback",
        "bench", "bench model", "bench pipeline", "score", "alerts", "demo", "schemas"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");

        assertThat(run(args)).isZero();
        assertThat(out.toString()).contains("Usage: sentiflow " + command);
    }

    @Test
    void produceAndConsumeTakeTheConnectionFlags() {
        run("produce", "--help");
        assertThat(out.toString()).contains("--bootstrap-servers", "--client-config", "--format", "--rate", "--topic");
        run("consume", "--help");
        assertThat(out.toString()).contains("--max", "--from-beginning", "--json", "--idle-timeout");
    }

    @Test
    void reportsAnUnknownTopicRoleWithoutStackTrace() {
        assertThat(run("kafka", "start", "--partitions", "nope=2")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).startsWith("sentiflow kafka start: unknown topic 'nope'").doesNotContain("\tat ");
    }

    @Test
    void rejectsAMissingInputFileNamingIt() {
        assertThat(run("produce", "--file", "does-not-exist.csv")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("does-not-exist.csv: no such file");
    }

    @Test
    void parsesIdleTimeoutsAsPeopleWriteThem() {
        ConsumeCommand.DurationConverter converter = new ConsumeCommand.DurationConverter();

        assertThat(converter.convert("500ms")).hasMillis(500);
        assertThat(converter.convert("5s")).hasSeconds(5);
        assertThat(converter.convert("PT2M")).hasMinutes(2);
    }
}
