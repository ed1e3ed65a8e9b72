package io.sentiflow.learner;

import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.job.JobArguments;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.ModelUpdate;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The learner job: {@code feedback.labels} → validation (refused records → the DLQ topic) → the
 * {@link FeedbackLearner} on one key, with {@code learner.control} commands beside → ModelUpdates
 * of published versions → {@code model.updates}, exactly once. It only wires; sources and sinks are
 * injected through {@link LearnerEndpoints}. Parallelism 1 throughout: there is one learner.
 *
 * <p>Every operator has a stable {@code uid}: renaming one loses its state on restore.
 */
public final class LearnerJob {

    public static final String NAME = "sentiflow-learner";

    /** The learning operator's uid; its state holds the waiting labels and the replay buffer. */
    public static final String LEARNER_UID = "feedback-learner";

    private final LearnerEndpoints endpoints;
    private final LearnerConfig learner;

    /**
     * @param config every {@code sentiflow.*} key; unset keys take defaults
     * @throws IllegalArgumentException naming the key, if a learning setting is out of range: before
     *     anything starts
     */
    public LearnerJob(LearnerEndpoints endpoints, ReadableConfig config) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.learner = LearnerConfig.fromConfiguration(Objects.requireNonNull(config, "config"));
    }

    /** Adds the job's operators to {@code env}; run it with {@code env.execute(NAME)}. */
    public void wire(StreamExecutionEnvironment env) {

        DataStream<RawRecord> raw = env
                .fromSource(endpoints.feedback(), WatermarkStrategy.noWatermarks(), "feedback.labels source")
                .uid("feedback-source")
                .setParallelism(1);
        SingleOutputStreamOperator<LabeledText> labels = raw
                .process(new FeedbackValidator(learner.storeUri()))
                .uid("feedback-validator")
                .name("validate feedback")
                .setParallelism(1);
        labels.getSideOutput(FeedbackValidator.DEAD_LETTERS)
                .sinkTo(endpoints.deadLetters())
                .uid("feedback-dlq-sink")
                .name("feedback dlq sink")
                .setParallelism(1);

        DataStream<LearnerCommand> commands = env
                .fromSource(endpoints.commands(), WatermarkStrategy.noWatermarks(), "learner.control source")
                .uid("learner-control-source")
                .setParallelism(1);
        DataStream<ModelUpdate> updates = labels
                .keyBy(label -> FeedbackLearner.KEY, Types.STRING)
                .connect(commands.keyBy(command -> FeedbackLearner.KEY, Types.STRING))
                .process(new FeedbackLearner(learner))
                .uid(LEARNER_UID)
                .name("learn from feedback")
                .setParallelism(1)
                .setMaxParallelism(1);
        updates.sinkTo(endpoints.updates())
                .uid("model-updates-sink")
                .name("model.updates sink")
                .setParallelism(1);
    }

    /**
     * Entry point for {@code flink run}: arguments are {@code --key value} pairs of any
     * {@code sentiflow.*} key, for example {@code --sentiflow.kafka.bootstrap-servers broker:9092
     * --sentiflow.model.store s3://models --sentiflow.learner.trigger-count 500}.
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobArguments.parse(args);
        LearnerJobConfig job = LearnerJobConfig.fromConfiguration(conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        new LearnerJob(LearnerEndpoints.kafka(KafkaOptions.connection(conf), job), conf).run(env);
    }

    /** Wires the job into {@code env} and runs it until it is cancelled. */
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        wire(env);
        return env.execute(NAME);
    }
}
