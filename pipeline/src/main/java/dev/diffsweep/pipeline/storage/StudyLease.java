package dev.diffsweep.pipeline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * One driver per study: a lease file in the study folder, created only if absent, renewed by a
 * heartbeat thread and deleted when the driver ends. It holds the holder's host, process id, start
 * time and last renewal, and a token only the holder knows. Another driver that finds a lease
 * renewed within the expiry is refused with the holder named; an older one (its driver was killed),
 * one whose process on this host has ended, or any with {@code force} is taken over.
 *
 * <p>"Only if absent" is atomic on HDFS and on file: folders alike ({@link LeaseFile}). A lease
 * found stale is deleted and created again the same way, so of two drivers taking over at once only
 * one creates it; the other is refused. The holder checks its token at each renewal and stops
 * renewing once another driver holds the lease ({@link #lost}).
 */
public final class StudyLease implements AutoCloseable {
  public static final String FILE_NAME = "driver.lease";

  /** Spark settings (a profile's or --conf) for the heartbeat interval and the expiry. */
  public static final String HEARTBEAT_KEY = "spark.diffsweep.lease.heartbeat";

  public static final String EXPIRY_KEY = "spark.diffsweep.lease.expiry";
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);

  /** How often the lease is renewed and how long after its last renewal another may take it. */
  public record Settings(Duration heartbeat, Duration expiry) {
    public Settings {
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new IllegalArgumentException(
            HEARTBEAT_KEY + " must be positive, got " + heartbeat.toMillis() + " ms");
      }
      if (expiry.compareTo(heartbeat.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            EXPIRY_KEY
                + " ("
                + expiry.toMillis()
                + " ms) must be at least twice "
                + HEARTBEAT_KEY
                + " ("
                + heartbeat.toMillis()
                + " ms), or a slow renewal lets another driver in");
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_HEARTBEAT, DEFAULT_EXPIRY);
    }
  }

  /** What a lease file says. */
  public record Holder(String host, long pid, Instant started, Instant renewed, String token) {
    String text() {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("host", host);
      fields.put("pid", Long.toString(pid));
      fields.put("started", started.toString());
      fields.put("renewed", renewed.toString());
      fields.put("token", token);
      StringBuilder text = new StringBuilder();
      fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
      return text.toString();
    }

    /** The lease's fields, or empty for a file that is not (yet, or no longer) a whole lease. */
    static Optional<Holder> parse(String text) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          fields.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      try {
        return Optional.of(
            new Holder(
                fields.get("host"),
                Long.parseLong(fields.get("pid")),
                Instant.parse(fields.get("started")),
                Instant.parse(fields.get("renewed")),
                fields.get("token")));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    Holder renewedAt(Instant now) {
      return new Holder(host, pid, started, now, token);
    }
  }

  /** Another driver holds the study: the user's to resolve, so it is bad input (exit 2). */
  public static final class HeldException extends IllegalArgumentException {
    public HeldException(String message) {
      super(message);
    }
  }

  private final LeaseFile file;
  private final Settings settings;
  private final Supplier<Instant> clock;
  private final Consumer<String> log;
  private final ScheduledExecutorService heartbeat;
  private final Runnable shutdownHook;
  private volatile Holder holder;
  private volatile boolean lost;
  private volatile boolean released;
  private boolean renewalFailing;
  private boolean sawItGone;

  private StudyLease(
      LeaseFile file,
      Settings settings,
      Supplier<Instant> clock,
      Consumer<String> log,
      Holder holder) {
    this.file = file;
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.holder = holder;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "study-lease-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    long millis = settings.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
    // A driver stopped by Ctrl-C or SIGTERM gives the study back at once; before Hadoop closes
    // its file systems (their hook has priority FileSystem.SHUTDOWN_HOOK_PRIORITY).
    this.shutdownHook = this::close;
    ShutdownHookManager.get().addShutdownHook(shutdownHook, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
  }

  /**
   * Takes the study folder's lease for this process, or refuses with {@link HeldException} naming
   * the driver that holds it. {@code force} takes it over whatever its age.
   */
  public static StudyLease acquire(
      StudyFolder folder, Settings settings, boolean force, Consumer<String> log) {
    return acquire(folder, settings, force, log, Instant::now);
  }

  private static StudyLease acquire(
      StudyFolder folder,
      Settings settings,
      boolean force,
      Consumer<String> log,
      Supplier<Instant> clock) {
    LeaseFile file = LeaseFile.of(folder);
    Instant now = clock.get().truncatedTo(ChronoUnit.MILLIS);
    Holder mine =
        new Holder(
            hostName(), ProcessHandle.current().pid(), now, now, UUID.randomUUID().toString());
    try {
      if (!file.createIfAbsent(mine.text())) {
        Optional<Holder> existing = read(file);
        Instant renewed = existing.map(Holder::renewed).orElse(file.modified());
        boolean expired = renewed.plus(settings.expiry()).isBefore(now);
        boolean gone = existing.isPresent() && isGoneFromThisHost(existing.get());
        if (!force && !expired && !gone) {
          throw new HeldException(heldMessage(folder, existing, renewed, settings, now));
        }
        // Delete only the lease judged above: one renewed or replaced meanwhile is not stale.
        if (!read(file).equals(existing)) {
          return acquire(folder, settings, force, log, clock);
        }
        String how =
            force
                ? "taking over the study's lease with --force from "
                : gone
                    ? "taking over the lease of a driver that is no longer running: "
                    : "taking over the expired lease of ";
        log.accept(how + describe(existing, renewed, now));
        file.delete();
        if (!file.createIfAbsent(mine.text())) {
          Optional<Holder> winner = read(file);
          throw new HeldException(
              heldMessage(folder, winner, winner.map(Holder::renewed).orElse(now), settings, now));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the study's lease " + file, e);
    }
    return new StudyLease(file, settings, clock, log, mine);
  }

  /** The lease as the file system now has it (tests, and a driver asking who holds a study). */
  public static Optional<Holder> current(StudyFolder folder) throws IOException {
    return read(LeaseFile.of(folder));
  }

  public Holder holder() {
    return holder;
  }

  /** True once another driver took the lease over: this driver must stop. */
  public boolean lost() {
    return lost;
  }

  /** One line for the log: who took the lease, if anyone did. */
  public String lostMessage() {
    Optional<Holder> now;
    try {
      now = read(file);
    } catch (IOException e) {
      now = Optional.empty();
    }
    return "another driver took over this study's lease ("
        + now.map(h -> "host " + h.host() + ", process " + h.pid()).orElse("holder unknown")
        + "), so this driver stops; rerun the study after that driver ends to finish it";
  }

  /**
   * One heartbeat: rewrites the lease with a new renewal time if it is still this driver's. One
   * that another driver holds now means this one lost it. One that is gone for a whole heartbeat
   * (deleted by hand; a driver taking a lease over deletes and creates it within milliseconds) is
   * created again.
   */
  private synchronized void renew() {
    if (lost || released) {
      return;
    }
    try {
      if (!file.exists()) {
        if (sawItGone && file.createIfAbsent(holder.renewedAt(now()).text())) {
          log.accept("the study's lease " + file + " was deleted; this driver holds it again");
          sawItGone = false;
        } else {
          sawItGone = true;
        }
        return;
      }
      Holder renewed = holder.renewedAt(now());
      Renewal renewal = replaceIfStillMine(renewed.text());
      if (renewal == Renewal.GONE) {
        sawItGone = true;
        return;
      }
      sawItGone = false;
      if (renewal == Renewal.TAKEN) {
        lost = true;
        log.accept(lostMessage());
        heartbeat.shutdown();
        return;
      }
      holder = renewed;
      if (renewalFailing) {
        log.accept("renewing the study's lease works again");
        renewalFailing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!renewalFailing) {
        log.accept(
            "cannot renew the study's lease "
                + file
                + " ("
                + e.getMessage()
                + "); retrying every "
                + settings.heartbeat().toSeconds()
                + " s, another driver may take the study "
                + settings.expiry().toSeconds()
                + " s after the last renewal");
        renewalFailing = true;
      }
    }
  }

  private Instant now() {
    return clock.get().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Stops renewing and deletes the lease if it is still this driver's. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    heartbeat.shutdownNow();
    try {
      ShutdownHookManager.get().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself while the JVM exits.
    }
    if (lost) {
      return;
    }
    try {
      Optional<Holder> onDisk = read(file);
      if (onDisk.isPresent() && onDisk.get().token().equals(holder.token())) {
        file.delete();
      }
    } catch (IOException e) {
      log.accept(
          "cannot delete the study's lease "
              + file
              + " ("
              + e.getMessage()
              + "); the next driver takes it over once it expires");
    }
  }

  /**
   * Replaces the lease's contents if it still holds this driver's token ({@link
   * LeaseFile#moveInPlace}: readers see the old lease or the new one, never none). The token is
   * checked once more right before the move; a driver taking the lease over in the microseconds
   * between would have its lease replaced, and would find that at its next heartbeat and stop:
   * either way one driver goes on.
   */
  private Renewal replaceIfStillMine(String text) throws IOException {
    Path staged = file.stage(text);
    try {
      Optional<Holder> onDisk = read(file);
      if (onDisk.isEmpty() && !file.exists()) {
        return Renewal.GONE;
      }
      if (onDisk.isEmpty() || !onDisk.get().token().equals(holder.token())) {
        return Renewal.TAKEN;
      }
      file.moveInPlace(staged);
      return Renewal.REPLACED;
    } finally {
      file.discard(staged);
    }
  }

  /** What a renewal found: its lease (now renewed), none, or another driver's. */
  private enum Renewal {
    REPLACED,
    GONE,
    TAKEN
  }

  /** The holder the lease file names, or empty when it is gone or not (yet) a whole lease. */
  private static Optional<Holder> read(LeaseFile file) throws IOException {
    return file.text().flatMap(Holder::parse);
  }

  private static String heldMessage(
      StudyFolder folder,
      Optional<Holder> holder,
      Instant renewed,
      Settings settings,
      Instant now) {
    Instant expires = renewed.plus(settings.expiry()).truncatedTo(ChronoUnit.SECONDS);
    return "study folder "
        + folder.root()
        + " is in use by another driver ("
        + describe(holder, renewed, now)
        + "): wait for it to finish, or if that driver is gone, rerun after its lease expires"
        + " at "
        + expires
        + " ("
        + settings.expiry().toSeconds()
        + " s without renewal) or now with --force";
  }

  private static String describe(Optional<Holder> holder, Instant renewed, Instant now) {
    long ago = Math.max(0, Duration.between(renewed, now).toSeconds());
    return holder
        .map(
            h ->
                "host "
                    + h.host()
                    + ", process "
                    + h.pid()
                    + ", started "
                    + h.started().truncatedTo(ChronoUnit.SECONDS)
                    + ", last renewed "
                    + ago
                    + " s ago")
        .orElse("a driver whose lease file is incomplete, last changed " + ago + " s ago");
  }

  /**
   * A holder on this host whose process has ended (a driver killed with SIGKILL): its lease need
   * not expire first. A process id reused since counts as running, so the lease then expires.
   */
  private static boolean isGoneFromThisHost(Holder holder) {
    return holder.host().equals(hostName())
        && ProcessHandle.of(holder.pid()).map(process -> !process.isAlive()).orElse(true);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
