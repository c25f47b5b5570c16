package dev.diffsweep.trainer.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * One MuJoCo model with its own simulation data. Not thread-safe: use one per environment and keep
 * it on one thread at a time. Close it to free the native memory.
 *
 * <p>After {@link #reset} and {@link #step} the arrays chosen with {@link #configureOutput} are in
 * {@link #output()}, at the offsets {@link #offset} gives.
 */
public final class Simulation implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Simulation.class.getName());

  /** mj_loadXML shares parser state inside MuJoCo; compile one model at a time. */
  private static final Object LOAD_LOCK = new Object();

  private static final int MAX_ACTUATORS = 64;

  private final String name;
  private long handle;
  private final int nq;
  private final int nv;
  private final int nu;
  private final int nbody;
  private final int nsite;
  private final double timestep;
  private final Map<Field, Integer> offsets = new EnumMap<>(Field.class);
  private double[] output = new double[0];

  private Simulation(String name, long handle) {
    this.name = name;
    this.handle = handle;
    int[] sizes = MujocoNative.sizes(handle);
    nq = sizes[0];
    nv = sizes[1];
    nu = sizes[2];
    nbody = sizes[3];
    nsite = sizes[4];
    timestep = MujocoNative.timestep(handle);
    if (nu > MAX_ACTUATORS) {
      close();
      throw new MujocoException(name + ": more than " + MAX_ACTUATORS + " actuators");
    }
  }

  /** Compiles an MJCF file. */
  public static Simulation load(Path xmlFile) {
    long handle;
    synchronized (LOAD_LOCK) {
      try {
        handle = MujocoNative.load(xmlFile.toAbsolutePath().toString());
      } catch (MujocoException e) {
        throw new MujocoException(
            "could not load MuJoCo model " + xmlFile + ": " + e.getMessage().strip(), e);
      }
    }
    return new Simulation(xmlFile.getFileName().toString(), handle);
  }

  /** Compiles an MJCF file shipped on the classpath (mj_loadXML reads files only). */
  public static Simulation loadResource(String resource) {
    try (InputStream in = Simulation.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MujocoException("model resource " + resource + " is not on the classpath");
      }
      Path file = Files.createTempFile("diffsweep-model-", ".xml");
      try {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return load(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read model resource " + resource, e);
    }
  }

  /** The MuJoCo library version, e.g. 222 for 2.2.2. */
  public static int mujocoVersion() {
    return MujocoNative.version();
  }

  /** The MuJoCo library version as text, e.g. "2.2.2". */
  public static String mujocoVersionText() {
    int version = mujocoVersion();
    return (version / 100) + "." + (version / 10 % 10) + "." + (version % 10);
  }

  public int nq() {
    return nq;
  }

  public int nv() {
    return nv;
  }

  public int nu() {
    return nu;
  }

  public int nbody() {
    return nbody;
  }

  public double timestep() {
    return timestep;
  }

  public double[] bodyMass() {
    return MujocoNative.bodyMass(live());
  }

  /** Interleaved (low, high) per actuator. */
  public double[] actuatorCtrlRange() {
    return MujocoNative.actuatorCtrlRange(live());
  }

  /** The model's reference configuration (qpos0), Gymnasium's init_qpos. */
  public double[] initialQpos() {
    return MujocoNative.initialQpos(live());
  }

  public int bodyId(String bodyName) {
    return requireId(MujocoNative.OBJECT_BODY, "body", bodyName);
  }

  public int siteId(String siteName) {
    return requireId(MujocoNative.OBJECT_SITE, "site", siteName);
  }

  private int requireId(int type, String kind, String objectName) {
    int id = MujocoNative.nameToId(live(), type, objectName);
    if (id < 0) {
      throw new MujocoException(name + " has no " + kind + " named '" + objectName + "'");
    }
    return id;
  }

  /** Chooses, in order, the arrays that reset and step copy into {@link #output()}. */
  public void configureOutput(Field... fields) {
    int size =
        MujocoNative.configureOutput(
            live(), java.util.Arrays.stream(fields).mapToInt(f -> f.code).toArray());
    offsets.clear();
    int offset = 0;
    for (Field field : fields) {
      offsets.put(field, offset);
      offset += fieldSize(field);
    }
    output = new double[size];
  }

  private int fieldSize(Field field) {
    return switch (field) {
      case QPOS -> nq;
      case QVEL, QFRC_ACTUATOR, QFRC_CONSTRAINT -> nv;
      case CINERT -> 10 * nbody;
      case CVEL, CFRC_EXT -> 6 * nbody;
      case XIPOS, XPOS -> 3 * nbody;
      case SITE_XPOS -> 3 * nsite;
    };
  }

  /** Where {@code field} starts in {@link #output()}. */
  public int offset(Field field) {
    Integer offset = offsets.get(field);
    if (offset == null) {
      throw new IllegalStateException(field + " was not configured as an output of " + name);
    }
    return offset;
  }

  /** The configured arrays after the last reset or step; overwritten by the next one. */
  public double[] output() {
    return output;
  }

  /** mj_resetData, then the given state, then mj_forward. */
  public void reset(double[] qpos, double[] qvel) {
    if (qpos.length != nq || qvel.length != nv) {
      throw new IllegalArgumentException(
          name + ": reset needs qpos of length " + nq + " and qvel of length " + nv);
    }
    MujocoNative.reset(live(), qpos, qvel, output);
    logWarnings();
  }

  /**
   * Sets ctrl (MuJoCo clamps it to ctrlrange inside the physics), runs {@code frameSkip} mj_steps
   * and, if asked, mj_rnePostConstraint so that cfrc_ext is filled.
   */
  public void step(double[] ctrl, int frameSkip, boolean rnePostConstraint) {
    if (ctrl.length != nu) {
      throw new IllegalArgumentException(name + ": ctrl has length " + ctrl.length + ", not " + nu);
    }
    MujocoNative.step(live(), ctrl, frameSkip, rnePostConstraint, output);
    logWarnings();
  }

  /** Seconds that {@code steps} steps take in a plain C loop, cycling through {@code controls}. */
  public double timeStepsInC(
      double[] controls, int steps, int frameSkip, boolean rnePostConstraint) {
    return MujocoNative.benchmarkCLoop(live(), controls, steps, frameSkip, rnePostConstraint);
  }

  private void logWarnings() {
    String warnings = MujocoNative.takeWarnings();
    if (warnings != null) {
      LOG.log(Level.WARNING, "MuJoCo warning in {0}: {1}", name, warnings);
    }
  }

  private long live() {
    if (handle == 0) {
      throw new IllegalStateException("simulation " + name + " is closed");
    }
    return handle;
  }

  @Override
  public void close() {
    if (handle != 0) {
      MujocoNative.free(handle);
      handle = 0;
    }
  }
}
