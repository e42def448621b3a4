package io.github.pixelrnn.spark;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Complexity;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.eval.OodScores;
import io.github.pixelrnn.model.ModelConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The scoring of one partition: its rows in batches, each batch's images decoded, brought to the
 * model's levels as {@code pixelrnn score} does (8-bit images given to a binary model are
 * binarized at 0.5), scored by {@link OodScores#of}, the function {@code pixelrnn ood} and
 * {@code eval} use, and every row returned with the score columns appended.
 */
final class ScorePartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ScoreOptions options;
    private final HadoopSettings hadoop;
    private final int imageColumn;

    ScorePartitions(ScoreOptions options, HadoopSettings hadoop, int imageColumn) {
        this.options = options;
        this.hadoop = hadoop;
        this.imageColumn = imageColumn;
    }

    /** The input schema with the score columns appended. */
    static StructType schema(StructType in, ScoreOptions options) {
        StructType out = in.add("nll_nats", DataTypes.DoubleType, false)
                .add("bits_per_dim", DataTypes.DoubleType, false);
        for (String codec : options.complexity()) {
            out = out.add("complexity_bits_" + codec, DataTypes.DoubleType, false)
                    .add("s_" + codec, DataTypes.DoubleType, false);
        }
        if (options.background() != null) {
            out = out.add("background_nll_nats", DataTypes.DoubleType, false)
                    .add("minus_llr_nats", DataTypes.DoubleType, false);
        }
        return out;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        PixelRnn model = ExecutorModels.get(options.model(), hadoop);
        PixelRnn background = options.background() == null ? null : ExecutorModels.get(options.background(), hadoop);
        TaskThreads.apply(options.threads());
        String where = "partition " + TaskContext.getPartitionId();
        List<Complexity.Codec> codecs = options.complexity().stream().map(Complexity.Codec::named).toList();
        return new Batches<Row, Row>(rows, options.batch(), b -> score(b, model, background, codecs, where));
    }

    private List<Row> score(Batches.Batch<Row> batch, PixelRnn model, PixelRnn background,
            List<Complexity.Codec> codecs, String where) {
        ModelConfig c = model.config();
        ImageSet images = model.toModelLevels(ImageCells.decode(batch.rows(), imageColumn, c, where, batch.first()));
        OodScores.Scores s = OodScores.of(model.model(), background == null ? null : background.model(), codecs,
                images, 1, null);
        List<Row> out = new ArrayList<>(batch.rows().size());
        for (int i = 0; i < batch.rows().size(); i++) {
            Row in = batch.rows().get(i);
            List<Object> values = new ArrayList<>(in.length() + 2 + 2 * codecs.size() + 2);
            for (int k = 0; k < in.length(); k++) {
                values.add(in.get(k));
            }
            double nll = s.nllNats()[i];
            values.add(nll);
            values.add(Nll.bitsPerDim(nll, c.dims()));
            for (Complexity.Codec codec : codecs) {
                values.add(s.complexityBits().get(codec.label())[i]);
                values.add(s.byName().get("S(" + codec.label() + ")")[i]);
            }
            if (background != null) {
                values.add(s.backgroundNllNats()[i]);
                values.add(s.byName().get("-LLR")[i]);
            }
            out.add(RowFactory.create(values.toArray()));
        }
        return out;
    }
}
