#!/usr/bin/env bash
# Spark scoring throughput: the 10,000 MNIST test digits scored with pixelcnn-mnist in local mode
# with one core and with two, medians of 3 runs after a warm-up (io.github.pixelrnn.spark.Throughput).
# Run it on a quiet machine. Extra arguments go to Throughput (--images N, --runs N, --partitions N,
# --masters local[1],local[2],local[4], --checkpoint URI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp_file=spark/target/bench-classpath.txt
mvn -q -B -pl spark -am -DskipTests compile dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$PWD/$cp_file" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
lib=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -f "$lib" ] && export LD_PRELOAD="$lib"
# Spark's JavaModuleOptions (as in spark/pom.xml; spark-submit passes them itself)
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
opens="$opens --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
opens="$opens -Dio.netty.tryReflectionSetAccessible=true"
exec java -Xmx4g $opens -Dai.djl.offline=true -Dlog4j2.configurationFile="$PWD/spark/src/test/resources/log4j2.properties" \
  -cp "spark/target/classes:$(cat "$cp_file")" io.github.pixelrnn.spark.Throughput "$@"
