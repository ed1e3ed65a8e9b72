package io.sentiflow.it.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sentiflow score --bounded} runs the job on its own local Flink and exits 0 when done. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScoreCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path store;
    @TempDir Path checkpoints;

    @Test
    void boundedRunScoresTheRecordsPresentAtStartAndExitsZero() {
        TinyModels.trainAndPromote(store, 7L);
        PipelineTopics topics = PipelineTopics.create(KAFKA, "score-cli", 2);
        List<String> headlines = TestTexts.headlines();
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TextEvent event = TestTexts.event("cli-" + i, i, headlines);
            input.add(new ProducerRecord<>(topics.raw(), TestTexts.avro(event)));
        }
        input.add(new ProducerRecord<>(topics.raw(), new byte[] {1, 2, 3}));
        TopicIo io = new TopicIo(KAFKA);
        io.send(input);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SentiflowCommand());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("score",
                "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--store", store.toString(),
                "--parallelism", "1",
                "--bounded",
                "--metrics-port", "0",
                "-D", "rest.port=0",
                "-D", "sentiflow.job.checkpoint-interval=500 ms",
                "-D", "sentiflow.job.checkpoint-dir=" + checkpoints.toUri(),
                "-D", "sentiflow.job.raw-topic=" + topics.raw(),
                "-D", "sentiflow.job.scored-topic=" + topics.scored(),
                "-D", "sentiflow.job.dlq-topic=" + topics.dlq(),
                "-D", "sentiflow.job.updates-topic=" + topics.updates(),
                "-D", "sentiflow.job.alerts-topic=" + topics.alerts(),
                "-D", "sentiflow.job.transactional-id-prefix=" + topics.raw());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Scoring job finished");
        assertThat(io.readCommitted(topics.scored())).hasSize(100);
        assertThat(io.readCommitted(topics.dlq())).hasSize(1);
    }
}
