package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Complexity;
import io.github.pixelrnn.model.ModelConfig;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The image column of a Dataset: each cell a PNG or JPEG file's bytes ({@code binary}), or an
 * array of 8-bit values 0..255 in channel, row, column order (C×H×W, {@code array<int>} or any
 * numeric element type). Cells become the 8-bit {@link ImageSet}s the single-machine tool reads
 * from files; an image of the wrong size is a one-line {@link UserError} that names its row.
 */
final class ImageCells {
    private ImageCells() {
    }

    /** The index of the image column, checked to hold binary or numeric arrays; a one-line error otherwise. */
    static int column(StructType schema, String name) {
        for (int i = 0; i < schema.fields().length; i++) {
            StructField f = schema.fields()[i];
            if (f.name().equals(name)) {
                DataType t = f.dataType();
                if (t instanceof BinaryType
                        || t instanceof ArrayType a && a.elementType() instanceof NumericType) {
                    return i;
                }
                throw new UserError("column '" + name + "' holds " + t.simpleString()
                        + "; images must be binary (PNG or JPEG bytes) or arrays of 8-bit values");
            }
        }
        throw new UserError("no column '" + name + "'; the columns are " + String.join(", ", schema.fieldNames()));
    }

    /**
     * The images of {@code rows}' column {@code column}, 8-bit (levels 256), each checked to have
     * the model's channels, height and width.
     *
     * @param where how to name the rows in messages, e.g. "partition 3": row i is "row i of partition 3"
     * @param first the index within the partition of {@code rows.get(0)}
     */
    static ImageSet decode(List<Row> rows, int column, ModelConfig c, String where, long first) {
        int dims = c.dims();
        byte[] pixels = new byte[rows.size() * dims];
        for (int i = 0; i < rows.size(); i++) {
            String name = "row " + (first + i) + " of " + where;
            Object cell = rows.get(i).get(column);
            if (cell == null) {
                throw new UserError(name + " has no image (null)");
            }
            byte[] values = cell instanceof byte[] bytes ? fromFile(bytes, c, name)
                    : fromArray(rows.get(i).getList(column), c, name);
            System.arraycopy(values, 0, pixels, i * dims, dims);
        }
        return new ImageSet(pixels, rows.size(), c.channels(), c.height(), c.width(), 256, null);
    }

    private static byte[] fromFile(byte[] encoded, ModelConfig c, String name) {
        ImageSet one = ImageFolderReader.decode(encoded, name);
        if (one.channels() != c.channels() || one.height() != c.height() || one.width() != c.width()) {
            throw new UserError(name + " is a " + one.channels() + "x" + one.height() + "x" + one.width()
                    + " image; the model needs " + c.channels() + "x" + c.height() + "x" + c.width()
                    + " (channels x height x width)");
        }
        return one.pixels();
    }

    private static byte[] fromArray(List<Object> cell, ModelConfig c, String name) {
        if (cell.size() != c.dims()) {
            throw new UserError(name + " has " + cell.size() + " values; the model needs " + c.channels() + "x"
                    + c.height() + "x" + c.width() + " = " + c.dims() + " (channels x height x width)");
        }
        byte[] out = new byte[cell.size()];
        for (int k = 0; k < out.length; k++) {
            Object v = cell.get(k);
            double d = v == null ? Double.NaN : ((Number) v).doubleValue();
            if (!(d >= 0 && d <= 255 && d == Math.rint(d))) {
                throw new UserError(name + " has value " + v + " at " + k + "; image arrays hold whole numbers 0..255");
            }
            out[k] = (byte) (int) d;
        }
        return out;
    }

    /** Image {@code i} of {@code images} as a PNG file (1-bit grey for binary images, else 8-bit). */
    static byte[] png(ImageSet images, int i) {
        return Complexity.png(images, i);
    }
}
