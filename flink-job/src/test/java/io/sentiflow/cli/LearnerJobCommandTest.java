package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LearnerJobCommandTest {

    @TempDir Path store;

    @Test
    void aBadLearnerKeyIsRefusedBeforeFlinkStarts() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 1L));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = new CommandLine(new SentiflowCommand());
        root.setOut(new PrintWriter(out));
        root.setErr(new PrintWriter(err));

        int exit = root.execute("learner", "--store", store.toString(),
                "-D", "sentiflow.learner.regression-margin=0.05");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("sentiflow.learner.lineage-margin", "regression margin 0.05");
        assertThat(out.toString()).as("nothing started").doesNotContain("Learning from");
    }
}
