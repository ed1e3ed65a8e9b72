package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void promoteListAndRollbackMoveThePointer() {
        String first = TinyModels.untrainedInto(dir, 1);
        String second = TinyModels.untrainedInto(dir, 2);

        assertThat(run("models", "promote", first, "--store", dir.toString())).isZero();
        assertThat(run("models", "promote", second, "--store", dir.toString())).isZero();
        assertThat(run("models", "list", "--store", dir.toString())).isZero();
        assertThat(out.toString()).containsPattern("\\* " + second).contains("  " + first);

        assertThat(run("models", "rollback", "--store", dir.toString())).isZero();
        assertThat(ModelStore.open(dir.toString()).promotedVersion()).contains(first);
        assertThat(run("models", "rollback", "--store", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Nothing to roll back to");
    }

    @Test
    void evalPrintsJsonWithAccuracyAndMacroF1AtTheTop() throws Exception {
        String version = TinyModels.untrainedInto(dir, 3);
        TinyModels.promote(dir, version);
        Path data = dir.resolve("tiny.csv");
        Files.writeString(data, "text,label\nStocks tumble as rates rise,Bearish\nShares jump on earnings beat,1\n"
                + "\"Company files 10-Q,\nnothing new\",Neutral\n");

        assertThat(run("eval", "--task", "sentiment", "--data", data.toString(), "--store", dir.toString(), "--json"))
                .isZero();

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("version").asText()).isEqualTo(version);
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(json.get("accuracy").isNumber()).isTrue();
        assertThat(json.get("macroF1").isNumber()).isTrue();
        assertThat(json.get("confusion")).hasSize(3);
    }

    @Test
    void evalPrintsTheFiguresWithoutTheTrainSplitsDuplicatesBesideTheFullOnes() throws Exception {
        TinyModels.promote(dir, TinyModels.untrainedInto(dir, 5));
        Path data = dir.resolve("valid.csv");
        Files.writeString(data, "text,label\nStocks tumble as rates rise https://t.co/new,Bearish\n"
                + "Shares jump on earnings beat,1\nNothing new,Neutral\n");
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "text,label\nSTOCKS tumble as rates rise  https://t.co/old,0\nSomething else,2\n");

        assertThat(run("eval", "--task", "sentiment", "--data", data.toString(), "--train-data", train.toString(),
                "--store", dir.toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(json.get("deduplicated").get("total").asInt()).isEqualTo(2);
        assertThat(json.get("deduplicated").get("removed").asInt()).isEqualTo(1);
        assertThat(json.get("deduplicated").get("accuracy").isNumber()).isTrue();

        assertThat(run("eval", "--task", "sentiment", "--data", data.toString(), "--train-data", train.toString(),
                "--store", dir.toString())).isZero();
        assertThat(out.toString()).contains("(3 texts) | without train duplicates", "(2 texts, 1 left out)");
    }

    @Test
    void evalNamesLabelsItDoesNotKnow() throws Exception {
        TinyModels.promote(dir, TinyModels.untrainedInto(dir, 4));
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "text,label\na,Sideways\nb,9\nc,0\n");

        assertThat(run("eval", "--task", "sentiment", "--data", data.toString(), "--store", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("[9, Sideways]");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = SentiflowCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
