package io.sentiflow.bench;

import io.sentiflow.evaluation.BareEncoder;
import io.sentiflow.model.LengthBatches;
import io.sentiflow.model.TokenBatch;
import java.util.List;

/**
 * How many tokens the measured texts hold and how many each path runs once padded, per text: the
 * real tokens ([CLS] and [SEP] included, cut at the serving length), the job's padding (the texts in
 * the order they are sent, in micro-batches of the configured size, each cut by the model into
 * sub-batches within the token budget, {@link LengthBatches}) and the limit row's (all texts sorted
 * by length in batches of {@value BareEncoder#BATCH}, {@link BareEncoder}). The padded figures come
 * from the same plans the model and the reference run.
 *
 * <p>The job's figure assumes full micro-batches in send order, as at full speed; with parallelism,
 * each instance batches the texts of its own partitions, which pads about the same.
 */
public record TokenCounts(int texts, long realTokens, long jobPaddedTokens, long limitPaddedTokens) {

    /** Counts for token ids in send order, micro-batches of {@code batchSize}, sub-batches within {@code tokenBudget}. */
    public static TokenCounts of(List<long[]> ids, int batchSize, int tokenBudget) {
        long real = 0;
        for (long[] text : ids) {
            real += text.length;
        }
        long job = 0;
        for (int from = 0; from < ids.size(); from += batchSize) {
            job += LengthBatches.paddedTokens(new TokenBatch(ids.subList(from, Math.min(ids.size(), from + batchSize))),
                    tokenBudget);
        }
        return new TokenCounts(ids.size(), real, job, BareEncoder.paddedTokens(ids));
    }

    public double realPerText() {
        return perText(realTokens);
    }

    public double jobPaddedPerText() {
        return perText(jobPaddedTokens);
    }

    public double limitPaddedPerText() {
        return perText(limitPaddedTokens);
    }

    private double perText(long tokens) {
        return texts == 0 ? 0 : tokens / (double) texts;
    }
}
