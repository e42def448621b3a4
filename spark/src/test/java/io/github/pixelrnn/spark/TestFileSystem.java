package io.github.pixelrnn.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code pxtest://}, so that tests read a checkpoint
 * through Hadoop's FileSystem API, as from HDFS or S3, without a cluster.
 */
public class TestFileSystem extends RawLocalFileSystem {
    @Override
    public String getScheme() {
        return "pxtest";
    }

    @Override
    public URI getUri() {
        return URI.create("pxtest:///");
    }
}
