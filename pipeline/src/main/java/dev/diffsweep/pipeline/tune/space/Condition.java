package dev.diffsweep.pipeline.tune.space;

import java.util.List;
import java.util.Map;

/**
 * "Sample this parameter only when {@code parent} took one of {@code values}", e.g. the diffusion
 * step count only for Diff* agents ({@code parent} = {@link SearchSpace#ALGORITHM}).
 */
public record Condition(String parent, List<Object> values) {

  public Condition {
    values = List.copyOf(values);
  }

  /** False when the parent is itself inactive (absent), so conditions chain. */
  public boolean holds(Map<String, Object> assigned) {
    return assigned.containsKey(parent) && values.contains(assigned.get(parent));
  }
}
