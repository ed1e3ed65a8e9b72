package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.scoring.ScoringOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScoreCommandTest {

    @Test
    void mapsFlagsOntoConfigurationKeysOverDashD() {
        ScoreCommand command = new ScoreCommand();
        new CommandLine(command).parseArgs(
                "--store", "models", "--parallelism", "3", "--bounded",
                "-D", "sentiflow.job.parallelism=1", "-D", "rest.port=0");

        Configuration conf = command.configuration();

        assertThat(conf.get(ScoringOptions.MODEL_STORE)).isEqualTo(Path.of("models").toAbsolutePath().toString());
        assertThat(conf.get(ScoringJobOptions.PARALLELISM)).isEqualTo(3);
        assertThat(conf.get(ScoringJobOptions.BOUNDED)).isTrue();
        assertThat(conf.toMap()).containsEntry("rest.port", "0");
        assertThat(conf.get(ScoringJobOptions.CHECKPOINT_DIR)).startsWith("file:").contains("var/checkpoints");
    }

    @Test
    void runsOneInstancePerCoreUnlessToldOtherwise() {
        ScoreCommand command = new ScoreCommand();
        new CommandLine(command).parseArgs("--store", "models");
        assertThat(command.configuration().get(ScoringJobOptions.PARALLELISM))
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        ScoreCommand keyed = new ScoreCommand();
        new CommandLine(keyed).parseArgs("--store", "models", "-D", "sentiflow.job.parallelism=1");
        assertThat(keyed.configuration().get(ScoringJobOptions.PARALLELISM)).isEqualTo(1);
    }

    @Test
    void isListedByTheRootCommand() {
        StringWriter out = new StringWriter();
        CommandLine root = new CommandLine(new SentiflowCommand());
        root.setOut(new PrintWriter(out));
        int exit = root.execute("score", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--bounded", "--store", "--parallelism");
    }
}
