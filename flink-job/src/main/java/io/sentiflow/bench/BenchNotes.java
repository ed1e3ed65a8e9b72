package io.sentiflow.bench;

import java.util.List;

/** How each number of the pipeline benchmark is measured: printed under the table and written with it. */
final class BenchNotes {

    static final List<String> NOTES = List.of(
            "(0), the limit: bare ONNX Runtime (BareEncoder, the reference of `bench model`) on the encoder graph"
                    + " the version serves (its own fine-tuned file if it has one, else the carrier's of its kind),"
                    + " without heads, DJL, Flink or Kafka; tokenizing included; all texts sorted by token count in"
                    + " batches of 32; one pass after a warm-up batch; latency: each batch's session time",
            "(a): the served model (encoder, pooling, adapter and heads in one ONNX Runtime call per sub-batch)"
                    + " called from one thread in calls of the best size of a short sweep, texts in send order;"
                    + " latency: the duration of the call that scored the text",
            "(0) and (a) run alone with all cores as ONNX threads; job rows use sentiflow.scoring.onnx-threads per"
                    + " instance, or cores / parallelism (ScoringConfig.onnxThreadsFor)",
            "texts/s: (0), (a) texts over the wall time of the pass; (b), (c), (s) texts over the span from the"
                    + " first to the last scoredAt of the measured texts",
            "latency (b), (c), (s): scoredAt minus the Kafka timestamp of the text on the input topic; all texts are"
                    + " sent as one burst into a warm job, so this includes the wait behind the texts before it",
            "(b) and (c) run one after the other on a local Flink in this process, with the same texts, topics of"
                    + " as many partitions as the parallelism and the same exactly-once Kafka sink; (b) also runs"
                    + " validation, model updates and alerts, and encodes identical texts within a micro-batch once",
            "(s): the scoring job from the shaded job jar, submitted through the REST API to a standalone cluster"
                    + " of a JobManager and two TaskManager processes on this machine (DJL and ONNX Runtime in"
                    + " Flink's lib/); its CPU time is other processes', so not shown",
            "x (0): a row's texts/s over row (0)'s; targets per parallelism: b/(0) >= 0.85 and b/c >= 1.5; (0) is"
                    + " one session with all cores as intra-op threads, as (b) at parallelism 1 has, so instances of"
                    + " fewer threads side by side (parallelism 2 on 2 cores) can pass it: intra-op threads do not"
                    + " scale perfectly",
            "padded tokens: the job's figure is for full micro-batches in send order, each cut by the model's"
                    + " LengthBatches plan within the token budget; (0)'s for all texts sorted in batches of 32",
            "sustained: after (b)'s burst, texts go into the same running job at a fixed rate (open loop: text i is"
                    + " due at i / rate); to scoredAt: scoredAt minus the input's Kafka timestamp, the exactly-once"
                    + " commit wait left out (scoredAt is set when the operator scores); to visible: when a"
                    + " read_committed consumer saw the result minus the same timestamp, commit wait included"
                    + " (results appear when their checkpoint commits); target p99 to scoredAt <= 300 ms; runs"
                    + " under 60 s are shown, not counted",
            "lag: the job's consumer group on the input topic, end offsets minus committed offsets, every 2 s while"
                    + " sending and once as it ends; offsets are committed at checkpoints, so the lag draws a"
                    + " sawtooth up to rate x checkpoint interval even when the job keeps up; growing when the"
                    + " least-squares line through the samples rises over the run by more than a quarter of that",
            "cpu ms/text: CPU time of this JVM (all threads, Flink included; not the broker) from the first text"
                    + " sent (or model call) to the last result read, over the texts",
            "every row shares the machine with whatever else runs on it: see the load averages");

    private BenchNotes() {}
}
