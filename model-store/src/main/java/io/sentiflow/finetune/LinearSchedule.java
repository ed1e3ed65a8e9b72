package io.sentiflow.finetune;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate rising linearly from 0 to {@code peak} over {@code warmupSteps}, then falling
 * linearly to 0 at {@code totalSteps} (BERT's schedule). Warm-up keeps the first, noisy updates of
 * the freshly initialised heads from wrecking the pretrained encoder.
 */
record LinearSchedule(float peak, int warmupSteps, int totalSteps) implements Tracker {

    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < warmupSteps) {
            return peak * (numUpdate + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        return peak * Math.max(0f, (float) (totalSteps - numUpdate) / decaySteps);
    }
}
