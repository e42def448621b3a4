package io.github.pixelrnn.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Home;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The pretrained models shipped with the library: checkpoints committed under {@code models/}
 * in the repository and on the classpath under {@code /models/NAME/}, each with a
 * {@code pretrained.json} ({@link Card}) saying how it was made and what it scores. Wherever a
 * checkpoint is taken, {@code pretrained:NAME} names one. From a jar, a model is copied once
 * into {@code $PIXELRNN_HOME/pretrained/NAME}.
 */
public final class Pretrained {
    /** The prefix that names a pretrained model where a checkpoint path is expected. */
    public static final String PREFIX = "pretrained:";
    /** The model card of a pretrained model: what made it and how good it is. */
    public static final String CARD = "pretrained.json";
    private static final String ROOT = "/models/";

    /**
     * What a pretrained model is: how it was trained and what it scores.
     *
     * @param name e.g. {@code pixelcnn-mnist}
     * @param description one line
     * @param command the command that trained it
     * @param commit the commit of the code that trained it
     * @param steps optimizer steps
     * @param imagesSeen training images seen
     * @param trainingMinutes wall time of training
     * @param weights which weights the checkpoint holds ("averaged (--ema D)" or "raw")
     * @param testNats NLL on the whole test set, nats/image
     * @param testBitsPerDim the same in bits/dim
     * @param testImages the test set's size
     * @param check500Nats NLL on the first 500 test images, which a test recomputes
     * @param evaluation how the test set was prepared (binarization), the unit's meaning
     */
    public record Card(String name, String description, String command, String commit, long steps,
            long imagesSeen, double trainingMinutes, String weights, double testNats, double testBitsPerDim,
            int testImages, double check500Nats, String evaluation) {
    }

    private Pretrained() {
    }

    /** Whether {@code spec} names a pretrained model. */
    public static boolean names(String spec) {
        return spec.startsWith(PREFIX);
    }

    /** The names of the shipped models, sorted. */
    public static List<String> list() {
        URL root = Pretrained.class.getResource(ROOT);
        if (root == null) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            if ("file".equals(root.getProtocol())) {
                try (var dirs = Files.list(Path.of(root.toURI()))) {
                    dirs.filter(d -> Files.isRegularFile(d.resolve(CARD)))
                            .forEach(d -> names.add(d.getFileName().toString()));
                }
            } else if ("jar".equals(root.getProtocol())) {
                JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    String n = e.nextElement().getName();
                    if (n.startsWith("models/") && n.endsWith("/" + CARD)) {
                        names.add(n.substring("models/".length(), n.length() - CARD.length() - 1));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new UserError("cannot list the pretrained models: " + e.getMessage());
        }
        return new ArrayList<>(names);
    }

    /** The card of a shipped model. */
    public static Card card(String name) {
        try (InputStream in = resource(name, CARD)) {
            Card c = new Gson().fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), Card.class);
            if (c == null) {
                throw new UserError("the pretrained model " + name + " has an empty " + CARD);
            }
            return c;
        } catch (IOException | JsonParseException e) {
            throw new UserError("the pretrained model " + name + " has an unreadable " + CARD);
        }
    }

    /**
     * The checkpoint directory of {@code pretrained:NAME} (or of NAME): on the classpath's file
     * system, or copied out of the jar.
     */
    public static Path resolve(String spec) {
        String name = names(spec) ? spec.substring(PREFIX.length()) : spec;
        URL config = Pretrained.class.getResource(ROOT + name + "/config.json");
        if (name.isEmpty() || name.contains("/") || config == null) {
            List<String> known = list();
            throw new UserError("unknown pretrained model '" + name + "'; known: "
                    + (known.isEmpty() ? "none in this build" : String.join(", ", known)));
        }
        try {
            if ("file".equals(config.getProtocol())) {
                return Path.of(config.toURI()).getParent();
            }
            Path dir = Home.home().resolve("pretrained").resolve(name);
            byte[] card;
            try (InputStream in = resource(name, CARD)) {
                card = in.readAllBytes();
            }
            // a copy made from another build's model of the same name is replaced
            boolean current = Files.isRegularFile(dir.resolve(CARD))
                    && java.util.Arrays.equals(card, Files.readAllBytes(dir.resolve(CARD)));
            if (!current) {
                Path tmp = Files.createTempDirectory(Home.home(), "pretrained-" + name);
                for (String file : new String[] {"config.json", Checkpoint.MANIFEST, "parameters.bin", "state.json",
                        Checkpoint.PROVENANCE, CARD}) {
                    try (InputStream in = Pretrained.class.getResourceAsStream(ROOT + name + "/" + file)) {
                        if (in != null) {
                            Files.copy(in, tmp.resolve(file));
                        }
                    }
                }
                Files.createDirectories(dir.getParent());
                if (Files.exists(dir)) { // stale: set it aside, then delete it once the new copy is in place
                    Path old = Files.createTempDirectory(Home.home(), "pretrained-old-" + name);
                    Files.move(dir, old.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                    AtomicFiles.deleteTree(old);
                } else {
                    try {
                        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException raced) { // another process copied it first
                        AtomicFiles.deleteTree(tmp);
                        if (!Files.isRegularFile(dir.resolve(CARD))) {
                            throw raced;
                        }
                    }
                }
            }
            return dir;
        } catch (IOException | URISyntaxException e) {
            throw new UserError("cannot open the pretrained model " + name + ": " + e.getMessage());
        }
    }

    private static InputStream resource(String name, String file) throws IOException {
        InputStream in = Pretrained.class.getResourceAsStream(ROOT + name + "/" + file);
        if (in == null) {
            throw new UserError("unknown pretrained model '" + name + "'; known: " + String.join(", ", list()));
        }
        return in;
    }
}
