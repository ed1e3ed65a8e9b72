package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flag errors of {@code sentiflow demo}, reported before anything is started. */
class DemoCommandTest {

    @TempDir Path store;

    @Test
    void refusesADurationTooShortForTheSpikeBeforeStartingAnything() {
        Result result = run("demo", "--duration", "3s", "--ui-port", "0", "--store", store.toString());

        assertThat(result.exit()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(result.err()).contains("too short for the spike").contains("--duration");
        assertThat(result.out()).doesNotContain("Kafka").doesNotContain("Model version");
    }

    @Test
    void refusesASpeedupBelowOneNamingTheFlag() {
        Result result = run("demo", "--speedup", "0.5", "--ui-port", "0", "--store", store.toString());

        assertThat(result.exit()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(result.err()).contains("--speedup must be between 1 and 100000, was 0.5");
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SentiflowCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
