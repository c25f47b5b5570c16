package dev.diffsweep.trainer.env;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every task diffsweep knows, by its Gymnasium id. A new task is one line here. */
public final class TaskRegistry {
  private static final Map<String, Supplier<Task>> TASKS = new LinkedHashMap<>();

  static {
    TASKS.put("HalfCheetah-v4", HalfCheetah::new);
    TASKS.put("Hopper-v4", Hopper::new);
    TASKS.put("Walker2d-v4", Walker2d::new);
    TASKS.put("Ant-v4", Ant::new);
    TASKS.put("Humanoid-v4", Humanoid::new);
    TASKS.put("InvertedPendulum-v4", InvertedPendulum::new);
    TASKS.put("InvertedDoublePendulum-v4", InvertedDoublePendulum::new);
    TASKS.put("Swimmer-v4", Swimmer::new);
    TASKS.put("Reacher-v4", Reacher::new);
    TASKS.put("Pusher-v4", Pusher::new);
    TASKS.put("HumanoidStandup-v4", HumanoidStandup::new);
  }

  private TaskRegistry() {}

  /** The registered ids, in a stable order. */
  public static List<String> ids() {
    return List.copyOf(TASKS.keySet());
  }

  public static boolean contains(String id) {
    return TASKS.containsKey(id);
  }

  /** A new instance of the task; the caller closes it. */
  public static Task create(String id) {
    Supplier<Task> factory = TASKS.get(id);
    if (factory == null) {
      throw new UnknownTaskException(id, TASKS.keySet());
    }
    return factory.get();
  }
}
