package io.sentiflow.scoring;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import java.util.List;

/**
 * Runs the model on a batch of distinct texts and, when the call fails, halves the batch until
 * the texts it fails on are found: those get their error instead of a prediction (and go to the
 * dead-letter topic), the rest are predicted once. So a text the model fails on every time costs
 * a few extra calls, not a restart of the job on every replay.
 *
 * <p>A single text is tried twice before it counts as failed, so one passing hiccup does not
 * dead-letter a healthy text. When every text of a batch of several fails, the model and not the
 * texts is at fault: that is thrown, and the job restarts and reloads it.
 */
final class PoisonIsolation {

    /** Longest error kept per text; the dead-letter reason is a sentence, not a stack trace. */
    static final int MAX_ERROR_CHARS = 1000;

    /**
     * @param predictions per text, null where the model failed
     * @param errors per text, null where it succeeded
     * @param modelCalls how many calls the model took, 1 when nothing failed
     */
    record Predictions(TextPrediction[] predictions, String[] errors, int modelCalls) {

        boolean failed(int index) {
            return errors[index] != null;
        }
    }

    private final ScoringModel model;
    private final List<String> texts;
    private final TextPrediction[] predictions;
    private final String[] errors;
    private RuntimeException lastFailure;
    private int calls;

    private PoisonIsolation(ScoringModel model, List<String> texts) {
        this.model = model;
        this.texts = texts;
        this.predictions = new TextPrediction[texts.size()];
        this.errors = new String[texts.size()];
    }

    static Predictions predict(ScoringModel model, List<String> texts) {
        PoisonIsolation isolation = new PoisonIsolation(model, texts);
        isolation.predictRange(0, texts.size());
        return isolation.result();
    }

    private void predictRange(int from, int to) {
        try {
            store(from, call(from, to));
        } catch (RuntimeException first) {
            lastFailure = first;
            if (to - from > 1) {
                int middle = (from + to) >>> 1;
                predictRange(from, middle);
                predictRange(middle, to);
                return;
            }
            try {
                store(from, call(from, to));
            } catch (RuntimeException again) {
                lastFailure = again;
                errors[from] = describe(again);
            }
        }
    }

    private List<TextPrediction> call(int from, int to) {
        calls++;
        List<TextPrediction> out = model.predict(texts.subList(from, to));
        if (out.size() != to - from) {
            throw new IllegalStateException("model version " + model.version() + " returned "
                    + out.size() + " predictions for " + (to - from) + " texts");
        }
        return out;
    }

    private void store(int from, List<TextPrediction> out) {
        for (int i = 0; i < out.size(); i++) {
            predictions[from + i] = out.get(i);
        }
    }

    private Predictions result() {
        int failed = 0;
        for (String error : errors) {
            failed += error == null ? 0 : 1;
        }
        if (failed == texts.size() && texts.size() > 1) {
            throw new IllegalStateException("model version " + model.version() + " failed on each of the "
                    + texts.size() + " texts of a batch: the model, not the texts, is at fault", lastFailure);
        }
        return new Predictions(predictions, errors, calls);
    }

    /** The error and its causes in one line, cut to {@link #MAX_ERROR_CHARS}. */
    static String describe(Throwable error) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = error; t != null && line.length() < MAX_ERROR_CHARS; t = t.getCause()) {
            if (!line.isEmpty()) {
                line.append("; caused by ");
            }
            line.append(t);
            if (t.getCause() == t) {
                break;
            }
        }
        return line.length() <= MAX_ERROR_CHARS ? line.toString() : line.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
}
