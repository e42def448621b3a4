package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The inputs and outputs of {@link Job}: parquet, or a folder of PNG/JPEG files read with Spark's
 * {@code binaryFile} source (columns {@code path} and {@code content}, the file's bytes), on any
 * Hadoop file system.
 */
final class JobData {
    /** The image and key columns of a folder of images read with {@code binaryFile}. */
    static final String FILE_CONTENT = "content";
    static final String FILE_PATH = "path";

    private JobData() {
    }

    /** Whether {@code path} is an image or a folder with images in it or below (else it is read as parquet). */
    static boolean isImageFolder(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new UserError(path + ": no such file or directory");
            }
            if (!fs.getFileStatus(p).isDirectory()) {
                return isImageName(p.getName());
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(p, true);
            while (files.hasNext()) {
                if (isImageName(files.next().getPath().getName())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + Errors.reason(e), e);
        }
    }

    private static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** A folder of images (recursively, PNG and JPEG files only) or parquet. */
    static Dataset<Row> read(SparkSession spark, String path) {
        if (isImageFolder(spark, path)) {
            return spark.read().format("binaryFile").option("pathGlobFilter", "*.{png,jpg,jpeg,PNG,JPG,JPEG}")
                    .option("recursiveFileLookup", "true").load(path).select(FILE_PATH, FILE_CONTENT);
        }
        return spark.read().parquet(path);
    }

    /** Writes {@code rows} as parquet; an existing output is an error unless {@code overwrite}. */
    static void write(Dataset<Row> rows, String path, boolean overwrite) {
        if (!overwrite) {
            try {
                Path p = new Path(path);
                if (p.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration()).exists(p)) {
                    throw new UserError(path + " exists; give another --output or --overwrite");
                }
            } catch (IOException e) {
                throw new UserError("cannot check " + path + ": " + Errors.reason(e), e);
            }
        }
        rows.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(path);
    }
}
