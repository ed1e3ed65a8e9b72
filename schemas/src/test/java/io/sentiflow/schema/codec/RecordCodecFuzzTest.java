package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding never throws, whatever the bytes: random payloads and random corruptions of valid payloads either
 * decode to a record that encodes again (so it is valid per the schema) or are rejected. Seeds are fixed so that
 * a failure repeats.
 */
class RecordCodecFuzzTest {

    private static final int ROUNDS = 3_000;

    static List<Samples.Case<?>> cases() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T extends SpecificRecord> void corruptedPayloadsAreDecodedOrRejectedNeverThrown(Samples.Case<T> sample) {
        Random random = new Random(sample.name().hashCode());
        byte[][] valid = {
            sample.codec().encode(sample.record(), WireFormat.AVRO),
            sample.codec().encode(sample.record(), WireFormat.JSON)};
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload = corrupt(valid[round % 2], random);
            Decoded<T> decoded = decodeWithoutThrowing(sample.codec(), payload);
            if (decoded instanceof Decoded.Ok<T> ok) {
                assertThatCode(() -> sample.codec().encode(ok.value(), WireFormat.AVRO)).doesNotThrowAnyException();
                assertThatCode(() -> sample.codec().toJson(ok.value())).doesNotThrowAnyException();
            } else {
                rejected++;
            }
        }
        assertThat(rejected).as("corruptions that were rejected").isGreaterThan(ROUNDS / 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T extends SpecificRecord> void randomBytesBehindAValidHeaderAreRejected(Samples.Case<T> sample) {
        Random random = new Random(~sample.name().hashCode());
        byte[] header = Arrays.copyOf(sample.codec().encode(sample.record(), WireFormat.AVRO), 10);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload = Arrays.copyOf(header, 10 + random.nextInt(64));
            for (int i = 10; i < payload.length; i++) {
                payload[i] = (byte) random.nextInt(256);
            }
            decodeWithoutThrowing(sample.codec(), payload);
        }
    }

    private static <T extends SpecificRecord> Decoded<T> decodeWithoutThrowing(RecordCodec<T> codec, byte[] payload) {
        Decoded<T> decoded = codec.decode(payload);
        assertThat(decoded).isNotNull();
        if (decoded instanceof Decoded.Rejected<T> rejected) {
            // Every rejection comes from an explicit check, not from the catch-all for library exceptions.
            assertThat(rejected.message()).isNotBlank().doesNotStartWith("cannot decode");
        }
        return decoded;
    }

    private static byte[] corrupt(byte[] valid, Random random) {
        byte[] payload = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
            case 1 -> payload = Arrays.copyOf(payload, random.nextInt(payload.length));
            case 2 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    payload[2 + random.nextInt(payload.length - 2)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            default -> {
                payload = Arrays.copyOf(payload, payload.length + 1 + random.nextInt(8));
                for (int i = valid.length; i < payload.length; i++) {
                    payload[i] = (byte) random.nextInt(256);
                }
            }
        }
        return payload;
    }
}
