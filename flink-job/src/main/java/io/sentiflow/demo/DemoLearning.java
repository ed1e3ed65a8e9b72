package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.RecordSender;
import io.sentiflow.learner.LearnerEndpoints;
import io.sentiflow.learner.LearnerJob;
import io.sentiflow.learner.LearnerJobConfig;
import io.sentiflow.learner.LearnerOptions;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The learner's part of the demo: the learner job on the demo's Flink, and the analyst's labels
 * (what {@code sentiflow feedback} sends). The learner's count trigger is set to the number of
 * labels, so one round starts exactly when all have arrived: a {@code TRAIN_NOW} on the control
 * topic could overtake labels still in flight on the feedback topic. The demo's own defaults keep a
 * round short on a laptop; any {@code -D sentiflow.learner.*} wins.
 */
final class DemoLearning {

    /** Labels per task the demo sends: enough for a hold-out of about 60 (20 percent). */
    static final int LABELS_PER_TASK = 150;

    private final KafkaConnection connection;
    private final Configuration conf;
    private final LearnerJobConfig job;

    DemoLearning(KafkaConnection connection, Configuration conf, Path dataDir) {
        this.connection = connection;
        this.conf = withDemoDefaults(conf, dataDir);
        this.job = LearnerJobConfig.fromConfiguration(this.conf);
    }

    /** Submits the learner job to the demo's cluster and waits until it runs. */
    DemoJob start(DemoCluster cluster) throws Exception {
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(flink);
        new LearnerJob(LearnerEndpoints.kafka(connection, job), conf).wire(env);
        return cluster.submit(env, LearnerJob.NAME + "-demo").awaitRunning();
    }

    /** Sends the analyst's labels; the learner's round starts when the last one arrives. */
    int sendFeedback(Path dataDir) {
        List<LabeledText> labels = DemoFeedback.labels(dataDir, LABELS_PER_TASK, Instant.now());
        new RecordSender<>(connection, job.topics().feedback(), RecordCodec.labeledTexts(), WireFormat.AVRO,
                LabeledText::getId).send(labels, done -> { });
        return labels.size();
    }

    private static Configuration withDemoDefaults(Configuration conf, Path dataDir) {
        Configuration demo = new Configuration();
        demo.set(LearnerOptions.TRIGGER_COUNT, 2 * LABELS_PER_TASK);
        io.sentiflow.training.DataLocations data = new io.sentiflow.training.DataLocations(dataDir);
        demo.set(LearnerOptions.SENTIMENT_TRAIN, data.sentimentTrain().toString());
        demo.set(LearnerOptions.TOPIC_TRAIN, data.topicTrain().toString());
        demo.set(LearnerOptions.SENTIMENT_VALID, data.sentimentValid().toString());
        demo.set(LearnerOptions.TOPIC_VALID, data.topicValid().toString());
        demo.addAll(conf);
        return demo;
    }
}
