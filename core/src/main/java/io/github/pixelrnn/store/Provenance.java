package io.github.pixelrnn.store;

import ai.djl.engine.Engine;
import io.github.pixelrnn.Version;
import io.github.pixelrnn.data.Checksums;
import io.github.pixelrnn.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What made a checkpoint, as Tribuo records it with each model: the code (library version, git
 * commit), the engine (DJL and libtorch versions, Java, the machine's OS and architecture), the
 * data (name, directory, image count and shape, a fingerprint of the pixels the model trained
 * on), and every invocation that trained it (command line, start, steps reached), with the
 * totals of steps, images seen and training seconds. Saved as {@code provenance.json} in the
 * checkpoint; {@code pixelrnn info} prints it.
 *
 * @param created when the first checkpoint of the run was written
 * @param saved when this one was
 * @param library pixelrnn's version
 * @param commit the git commit the code was built from ("+dirty" when built with changes), or "unknown"
 * @param djl DJL's version
 * @param libtorch the engine's (libtorch's) version
 * @param java the Java runtime
 * @param platform OS and architecture
 * @param dataset the data set's name
 * @param dataDir its directory, or null for the default
 * @param images training images (after the validation split)
 * @param imageShape C×H×W and levels of the data
 * @param dataFingerprint the first 16 bytes of the SHA-256 of the training pixels, hex
 * @param steps optimizer steps in total
 * @param imagesSeen training images seen in total (steps × batch)
 * @param trainingSeconds wall time of training, all invocations
 * @param invocations every invocation that trained the run, oldest first
 */
public record Provenance(String created, String saved, String library, String commit, String djl, String libtorch,
        String java, String platform, String dataset, String dataDir, int images, String imageShape,
        String dataFingerprint, long steps, long imagesSeen, double trainingSeconds, List<Invocation> invocations) {

    /**
     * One training invocation.
     *
     * @param commandLine what ran it ("pixelrnn train ..."), or {@link #JAVA_API}
     * @param started when it started
     * @param fromStep the step it started from
     */
    public record Invocation(String commandLine, String started, long fromStep) {
    }

    /** What {@link Invocation#commandLine} says of a run started from Java rather than from the command line. */
    public static final String JAVA_API = "Java API";

    /**
     * The provenance of a checkpoint about to be saved.
     *
     * @param previous the run's provenance so far (a resumed run), or null
     * @param invocation this invocation
     * @param secondsThisInvocation training seconds of this invocation so far
     */
    public static Provenance of(Provenance previous, Invocation invocation, TrainConfig train, ImageSet data, String fingerprint,
            long steps, double secondsThisInvocation, double secondsBefore) {
        String now = Instant.now().toString();
        List<Invocation> all = new ArrayList<>(previous == null || previous.invocations() == null ? List.of()
                : previous.invocations());
        if (!all.contains(invocation)) {
            all.add(invocation);
        }
        Engine engine = Engine.getInstance();
        return new Provenance(previous == null ? now : previous.created(), now, Version.VERSION, gitCommit(),
                Engine.getDjlVersion(), engine.getVersion(), System.getProperty("java.vendor") + " "
                        + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), train.dataset(), train.dataDir(),
                data.count(), String.format(Locale.ROOT, "%dx%dx%d, %d levels", data.channels(), data.height(),
                        data.width(), data.levels()),
                fingerprint, steps, steps * train.batchSize(), secondsBefore + secondsThisInvocation, all);
    }

    /** The fingerprint of a data set: the first 16 bytes of the SHA-256 of its pixels, hex. */
    public static String fingerprint(ImageSet data) {
        return Checksums.sha256(data.pixels()).substring(0, 32); // 16 bytes, as hex
    }

    /** The commit the running code was built from, from the build's git properties. */
    public static String gitCommit() {
        try (InputStream in = Provenance.class.getResourceAsStream("/pixelrnn-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.abbrev");
            if (id == null || id.isBlank()) {
                return "unknown";
            }
            return id + ("true".equals(p.getProperty("git.dirty")) ? "+dirty" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The provenance as lines of text, for {@code pixelrnn info}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "created     %s%nsaved       %s%n", created, saved));
        sb.append(String.format(Locale.ROOT, "code        pixelrnn %s, commit %s%n", library, commit));
        sb.append(String.format(Locale.ROOT, "engine      DJL %s, libtorch %s, %s, %s%n", djl, libtorch, java, platform));
        sb.append(String.format(Locale.ROOT, "data        %s%s: %,d training images of %s, fingerprint %s%n", dataset,
                dataDir == null ? "" : " (" + dataDir + ")", images, imageShape, dataFingerprint));
        sb.append(String.format(Locale.ROOT, "training    %,d steps, %,d images seen, %.0f s (%.1f min)%n", steps,
                imagesSeen, trainingSeconds, trainingSeconds / 60));
        if (invocations != null) {
            for (Invocation i : invocations) {
                sb.append(String.format(Locale.ROOT, "run         %s from step %d: %s%n", i.started(), i.fromStep(),
                        i.commandLine()));
            }
        }
        return sb.toString();
    }
}
