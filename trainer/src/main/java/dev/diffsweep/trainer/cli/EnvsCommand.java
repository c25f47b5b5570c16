package dev.diffsweep.trainer.cli;

import com.google.gson.GsonBuilder;
import dev.diffsweep.trainer.env.Task;
import dev.diffsweep.trainer.env.TaskRegistry;
import dev.diffsweep.trainer.env.TaskSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the tasks with their sizes and step duration. */
@Command(name = "envs", description = "List the tasks: observation size, action size, dt.")
final class EnvsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print a JSON array of {id, obs_dim, act_dim, dt}.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String id : TaskRegistry.ids()) {
      try (Task task = TaskRegistry.create(id)) {
        TaskSpec spec = task.spec();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("obs_dim", spec.observationSize());
        row.put("act_dim", spec.actionSize());
        row.put("dt", spec.dt());
        rows.add(row);
      }
    }
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(rows));
    } else {
      out.printf("%-28s %8s %8s %8s%n", "task", "obs_dim", "act_dim", "dt");
      for (Map<String, Object> row : rows) {
        out.printf(
            "%-28s %8d %8d %8.4f%n",
            row.get("id"), row.get("obs_dim"), row.get("act_dim"), row.get("dt"));
      }
    }
    out.flush();
    return 0;
  }
}
