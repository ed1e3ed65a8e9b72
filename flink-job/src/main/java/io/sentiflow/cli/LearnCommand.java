package io.sentiflow.cli;

import io.sentiflow.connect.RecordSender;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.LearnerCommandType;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow learn --now}: asks the running learner job to run a learning round on the labels
 * it holds, below its count threshold, by sending {@code TRAIN_NOW} to {@code learner.control}.
 * The round's decision appears in the learner's log and, if published, on {@code model.updates}.
 */
@Command(name = "learn",
        description = "Ask the running learner job to learn from the labels it holds now (TRAIN_NOW on learner.control).")
public final class LearnCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--now", required = true, description = "Run a learning round at once.")
    private boolean now;

    @Option(names = "--requested-by", paramLabel = "NAME", description = "Who asks (default: the user name).")
    private String requestedBy = System.getProperty("user.name");

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "learner.control",
            description = "Control topic of the learner (default: ${DEFAULT-VALUE}).")
    private String topic = TopicRole.LEARNER_CONTROL.defaultName();

    @Override
    public Integer call() {
        LearnerCommand command = LearnerCommand.newBuilder()
                .setId("cmd-" + UUID.randomUUID())
                .setCommand(LearnerCommandType.TRAIN_NOW)
                .setRequestedAt(Instant.now())
                .setRequestedBy(requestedBy)
                .build();
        new RecordSender<>(connection.connection(), topic, RecordCodec.learnerCommands(), WireFormat.AVRO,
                LearnerCommand::getId).send(List.of(command), done -> { });
        spec.commandLine().getOut().printf("Sent TRAIN_NOW %s to %s; the learner's log shows the round's decision%n",
                command.getId(), topic);
        return CommandLine.ExitCode.OK;
    }
}
