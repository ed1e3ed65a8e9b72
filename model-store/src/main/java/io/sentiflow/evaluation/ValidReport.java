package io.sentiflow.evaluation;

import java.util.List;
import java.util.Map;

/**
 * One head's figures on a valid split and, beside them, on the same split without the texts that
 * also appear in the train split ({@link TrainOverlap}): the first compares with published figures,
 * the second is the honest one.
 *
 * @param all every text of the split
 * @param deduplicated the texts the train split does not hold
 */
public record ValidReport(ClassificationReport all, ClassificationReport deduplicated) {

    /** Suffixes of the manifest metrics {@link #putMetrics} writes after {@code <prefix><task>.valid}. */
    public static final String ACCURACY = ".accuracy";
    public static final String MACRO_F1 = ".macroF1";
    public static final String DEDUP = ".dedup";
    public static final String TEXTS = ".texts";

    /** Figures of {@code predicted} against {@code truth} (label ids, in the order of {@code texts}). */
    public static ValidReport of(List<String> labels, List<String> texts, int[] truth, int[] predicted,
            TrainOverlap train) {
        if (texts.size() != truth.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + truth.length + " labels");
        }
        int[] kept = train.unseen(texts);
        int[] keptTruth = new int[kept.length];
        int[] keptPredicted = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            keptTruth[i] = truth[kept[i]];
            keptPredicted[i] = predicted[kept[i]];
        }
        return new ValidReport(ClassificationReport.of(labels, truth, predicted),
                ClassificationReport.of(labels, keptTruth, keptPredicted));
    }

    /** How many texts the de-duplicated figures leave out. */
    public int removed() {
        return all.total() - deduplicated.total();
    }

    /**
     * Writes {@code <prefix><task>.valid.accuracy} and {@code .valid.macroF1}, and the same after
     * {@code .valid.dedup} with {@code .valid.dedup.texts}, the number of texts kept.
     */
    public void putMetrics(Map<String, Double> metrics, String prefix, String task) {
        String valid = prefix + task + ".valid";
        metrics.put(valid + ACCURACY, all.accuracy());
        metrics.put(valid + MACRO_F1, all.macroF1());
        metrics.put(valid + DEDUP + ACCURACY, deduplicated.accuracy());
        metrics.put(valid + DEDUP + MACRO_F1, deduplicated.macroF1());
        metrics.put(valid + DEDUP + TEXTS, (double) deduplicated.total());
    }
}
