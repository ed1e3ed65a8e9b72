package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.RecordSender;
import io.sentiflow.demo.DemoTexts;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sustained mode: after a job row's maximum throughput, texts go into the same running job at a fixed
 * rate (open loop: text i is due at i / rate, however the job keeps up) while a {@code read_committed}
 * reader notes when it sees each result and the job's group lag on the input topic is sampled every
 * {@value #LAG_EVERY_SECONDS} s. Not thread-safe; the threads it starts end before {@link #run} returns.
 */
final class SustainedBench {

    static final int LAG_EVERY_SECONDS = 2;

    /** When a result was scored and when the reader saw it, epoch milliseconds. */
    record Seen(long scoredAt, long seenAt) {}

    private final Consumer<String> log;

    SustainedBench(Consumer<String> log) {
        this.log = log;
    }

    SustainedResult run(String key, BenchTopics topics, RunningJob job, double fraction, double rate, int seconds,
            List<DemoTexts.Text> texts) throws Exception {
        KafkaConnection connection = topics.connection();
        String raw = topics.job().topics().raw();
        List<TextEvent> events = PipelineBench.events(texts, Math.max(1, (int) Math.round(rate * seconds)),
                "sustained-" + key + "-");
        Set<String> ids = JobBench.ids(events);
        double checkpointSeconds = topics.job().checkpointInterval().toMillis() / 1000.0;
        Duration readTimeout = Duration.ofSeconds(seconds + 60 + 2 * (long) Math.ceil(checkpointSeconds));
        ExecutorService reader = Executors.newSingleThreadExecutor(daemon("sentiflow-bench-reader"));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("sentiflow-bench-lag"));
        List<LagTrend.Sample> samples = new CopyOnWriteArrayList<>();
        try (GroupLag lag = new GroupLag(connection, topics.job().groupId(), raw)) {
            RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
            Future<Map<String, Seen>> seen = reader.submit(() -> new TopicTimes(connection, true).collect(
                    topics.job().topics().scored(), ids,
                    record -> new Seen(JobBench.scoredAtMillis(codec, record.value()), System.currentTimeMillis()),
                    readTimeout, job::ended));
            log.accept(String.format(Locale.ROOT, "  (%s) sustained: %d texts at %.1f texts/s for %d s",
                    key, events.size(), rate, seconds));
            long start = System.nanoTime();
            sampler.scheduleAtFixedRate(() -> sample(lag, start, samples), 0, LAG_EVERY_SECONDS, TimeUnit.SECONDS);
            new RecordSender<>(connection, raw, RecordCodec.textEvents(), WireFormat.AVRO, TextEvent::getId, rate)
                    .send(events, count -> {});
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            sampler.shutdown();
            sampler.awaitTermination(30, TimeUnit.SECONDS);
            sample(lag, start, samples); // the lag as the sending ends
            Map<String, Seen> results = seen.get(readTimeout.toSeconds() + 30, TimeUnit.SECONDS);
            JobBench.require(results.size() == ids.size(), "(" + key + ") sustained: only " + results.size() + " of "
                    + ids.size() + " texts were committed within " + readTimeout.toSeconds() + " s"
                    + (job.ended() ? " (the job ended; see the log above)" : ""));
            Map<String, Long> appended = JobBench.appendTimes(connection, raw, ids);
            return result(key, topics.job().parallelism(), fraction, rate, sendSeconds, results, appended,
                    new LagTrend(samples, LagTrend.allowance(rate, checkpointSeconds)));
        } finally {
            sampler.shutdownNow();
            reader.shutdownNow();
        }
    }

    /** The result for what the reader saw and the input records' Kafka timestamps, of the same ids. */
    static SustainedResult result(String key, int parallelism, double fraction, double rate, double seconds,
            Map<String, Seen> seen, Map<String, Long> appended, LagTrend lag) {
        double[] toScoredAt = new double[seen.size()];
        double[] toVisible = new double[seen.size()];
        int i = 0;
        for (Map.Entry<String, Seen> entry : seen.entrySet()) {
            long input = appended.get(entry.getKey());
            toScoredAt[i] = entry.getValue().scoredAt() - input;
            toVisible[i++] = entry.getValue().seenAt() - input;
        }
        return new SustainedResult(key, parallelism, fraction, rate, seconds, seen.size(),
                LatencySummary.of(toScoredAt), LatencySummary.of(toVisible), lag);
    }

    private void sample(GroupLag lag, long start, List<LagTrend.Sample> samples) {
        try {
            samples.add(new LagTrend.Sample((System.nanoTime() - start) / 1e9, lag.now()));
        } catch (ExecutionException | TimeoutException e) {
            // One missing sample leaves the trend to the others; a thrown task would stop all later ones.
            log.accept("  lag sample skipped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
