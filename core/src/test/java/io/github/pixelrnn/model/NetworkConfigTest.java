package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The typed form of a model's configuration: one record per architecture holding only the
 * fields it uses, and the flat {@link ModelConfig} that checkpoints store, each read from the
 * other without loss.
 */
class NetworkConfigTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28, 2);

    private static Set<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    /** Every preset's stored config becomes its typed form and back unchanged (identities stay). */
    @Test
    void storedAndTypedFormsRoundTripForEveryPreset() {
        for (Preset p : Presets.all()) {
            ModelConfig stored = p.model();
            NetworkConfig network = stored.network();
            assertEquals(stored.architecture(), network.architecture(), p.name());
            assertEquals(stored, ModelConfig.of(stored.image(), network), p.name());
        }
    }

    /** A record has no field its architecture ignores: no kernels or output stack for the row-RNN. */
    @Test
    void eachRecordHoldsOnlyTheFieldsItsArchitectureUses() {
        Set<String> table1 = Set.of("hidden", "layers", "outMaps", "firstKernel", "residual", "skip");
        assertEquals(union(table1, "kernel"), fields(PixelCnnConfig.class));
        assertEquals(union(table1, "kernel"), fields(RowLstmConfig.class));
        assertEquals(table1, fields(DiagonalBiLstmConfig.class), "the Diagonal BiLSTM's kernels are fixed");
        assertEquals(Set.of("hidden", "layers", "cell", "mode", "bidirectional", "batchNorm"), fields(RowRnnConfig.class));
        assertEquals(union(union(table1, "kernel"), "scales"), fields(MultiScaleConfig.class));
    }

    private static Set<String> union(Set<String> a, String b) {
        return Stream.concat(a.stream(), Stream.of(b)).collect(Collectors.toSet());
    }

    /** What the stored form holds for fields an architecture ignores, and what an old checkpoint's nulls read as. */
    @Test
    void unusedStoredFieldsHoldNeutralValuesAndNullsReadAsDefaults() {
        ModelConfig rnn = ModelConfig.of(MNIST, new RowRnnConfig(64, 2, RnnCell.GRU, RnnMode.MANY_TO_ONE, true, false));
        assertEquals(List.of(1, 1, 1, false, false),
                List.of(rnn.outMaps(), rnn.firstKernel(), rnn.kernel(), rnn.residual(), rnn.skip()));
        assertEquals(3, ModelConfig.of(MNIST, new DiagonalBiLstmConfig(16, 7, 32, 7, true, true)).kernel());
        ModelConfig old = ModelConfig.builder(Architecture.ROW_RNN, 1, 28, 28, 2).hidden(32).layers(1).build(); // no cell, no mode
        assertEquals(new RowRnnConfig(32, 1, RnnCell.LSTM, RnnMode.MANY_TO_MANY, false, false), old.network());
        MultiScaleConfig ms = (MultiScaleConfig) Presets.get("multiscale-mnist").model().network();
        assertEquals(new DiagonalBiLstmConfig(16, 7, 32, 7, true, true), ms.small());
        assertEquals(new RowLstmConfig(16, 7, 32, 7, 3, true, true), ms.large());
        assertEquals(new ImageShape(1, 14, 14, 2), MNIST.subsampled(2));
    }

    /** The typed form is validated like the stored one: one line naming the bad value. */
    @Test
    void ofValidates() {
        UserError e = assertThrows(UserError.class,
                () -> ModelConfig.of(MNIST, new PixelCnnConfig(0, 7, 32, 7, 3, true, true)));
        assertTrue(e.getMessage().contains("hidden must be positive"), e.getMessage());
        e = assertThrows(UserError.class,
                () -> ModelConfig.of(MNIST, new RowLstmConfig(16, 7, 32, 7, 4, true, true)));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
        e = assertThrows(UserError.class, () -> ModelConfig.of(MNIST,
                new RowRnnConfig(16, 1, RnnCell.LSTM, RnnMode.MANY_TO_MANY, true, false)));
        assertTrue(e.getMessage().contains("many-to-one"), e.getMessage());
        e = assertThrows(UserError.class, () -> ModelConfig.of(new ImageShape(1, 27, 27, 2),
                new MultiScaleConfig(new MultiScale(2, 4, Architecture.PIXELCNN, Architecture.PIXELCNN),
                        8, 1, 8, 3, 3, true, true)));
        assertTrue(e.getMessage().contains("not divisible"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new RowRnnConfig(16, 1, null, RnnMode.MANY_TO_MANY, false, false));
    }
}
