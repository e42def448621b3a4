package io.github.pixelrnn;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The library stays free of Spark: no Spark class is on the core module's test classpath, which
 * holds every dependency of the module (the spark module adds Spark, as {@code provided}).
 */
class NoSparkTest {
    @Test
    void noSparkClassIsReachable() {
        for (String name : new String[] {"org.apache.spark.SparkContext", "org.apache.spark.sql.Dataset",
            "scala.collection.Seq", "org.apache.hadoop.conf.Configuration"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
