package io.sentiflow.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void roundTripsEncoderRangeValuesWithinHalfPrecision() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            float value = (float) random.nextGaussian() * 4f;
            float back = Half.toFloat(Half.fromFloat(value));
            assertThat(back).isCloseTo(value, within(Math.abs(value) / 1024f + 1e-7f));
        }
    }

    @Test
    void keepsExactValuesAndSpecialCases() {
        for (float value : new float[] {0f, 1f, -2f, 0.5f, 65504f, -0.25f}) {
            assertThat(Half.toFloat(Half.fromFloat(value))).isEqualTo(value);
        }
        assertThat(Half.toFloat(Half.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
        assertThat(Half.toFloat(Half.fromFloat(1e-6f))).isCloseTo(1e-6f, within(6e-8f));
    }
}
