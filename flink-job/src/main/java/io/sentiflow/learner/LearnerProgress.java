package io.sentiflow.learner;

/**
 * The learning operator's bookkeeping, one value in keyed state beside the examples. A public
 * record, so Flink serializes it as a POJO.
 *
 * @param nextSequence arrival number of the next example
 * @param replayReady whether the replay buffer was sampled and the first parent recorded yet
 * @param parent the version the next round starts from (see {@link ParentChoice}); null before the first label
 * @param timerAt the registered interval timer, processing time ms; 0 when none
 * @param waiting labels waiting for a round
 * @param replaySize examples in the replay buffer
 */
public record LearnerProgress(long nextSequence, boolean replayReady, String parent, long timerAt, int waiting,
        int replaySize) {

    public static LearnerProgress initial() {
        return new LearnerProgress(0, false, null, 0, 0, 0);
    }

    LearnerProgress initialised(long sequence, int size, String firstParent) {
        return new LearnerProgress(sequence, true, firstParent, timerAt, waiting, size);
    }

    /** One more label; {@code fresh} is false when it replaces a waiting label of the same id. */
    LearnerProgress afterLabel(boolean fresh) {
        return new LearnerProgress(nextSequence + 1, replayReady, parent, timerAt, waiting + (fresh ? 1 : 0),
                replaySize);
    }

    LearnerProgress withTimerAt(long time) {
        return new LearnerProgress(nextSequence, replayReady, parent, time, waiting, replaySize);
    }

    LearnerProgress afterRound(String newParent, int stillWaiting, int newReplaySize) {
        return new LearnerProgress(nextSequence, replayReady, newParent, timerAt, stillWaiting, newReplaySize);
    }
}
