package dev.diffsweep.pipeline.tune.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters a tuner searches, parents before children. The algorithm is always a parameter
 * (categorical over the study's algorithms, fixed when there is one), so that a condition can name
 * it like any other parameter.
 */
public final class SearchSpace {
  public static final String ALGORITHM = "algorithm";

  private final List<Parameter> parameters;
  private final Map<String, Parameter> byName;

  private SearchSpace(List<Parameter> ordered) {
    this.parameters = List.copyOf(ordered);
    Map<String, Parameter> names = new LinkedHashMap<>();
    for (Parameter parameter : ordered) {
      names.put(parameter.name(), parameter);
    }
    this.byName = Collections.unmodifiableMap(names);
  }

  /**
   * A space over the study's algorithms and the declared parameters, in any order; throws
   * IllegalArgumentException for a duplicate name, a condition on an unknown or non-categorical
   * parameter, a condition value the parent cannot take, or a cycle. (The study-file parser reports
   * the same problems with the file's keys before it gets here.)
   */
  public static SearchSpace of(List<String> algorithms, List<Parameter> declared) {
    Map<String, Parameter> pending = new LinkedHashMap<>();
    pending.put(ALGORITHM, new CategoricalParameter(ALGORITHM, List.copyOf(algorithms), List.of()));
    for (Parameter parameter : declared) {
      if (pending.put(parameter.name(), parameter) != null) {
        throw new IllegalArgumentException(parameter.name() + ": declared twice");
      }
    }
    for (Parameter parameter : pending.values()) {
      for (Condition condition : parameter.conditions()) {
        Parameter parent = pending.get(condition.parent());
        if (!(parent instanceof CategoricalParameter categorical)) {
          throw new IllegalArgumentException(
              parameter.name() + ": condition on '" + condition.parent() + "', not a categorical");
        }
        for (Object value : condition.values()) {
          if (!categorical.contains(value)) {
            throw new IllegalArgumentException(
                parameter.name() + ": " + parent.name() + " never takes " + value);
          }
        }
      }
    }
    // Kahn's order keeps the declared order among parameters that do not depend on each other.
    List<Parameter> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Parameter ready = null;
      for (Parameter candidate : pending.values()) {
        if (candidate.conditions().stream().noneMatch(c -> pending.containsKey(c.parent()))) {
          ready = candidate;
          break;
        }
      }
      if (ready == null) {
        throw new IllegalArgumentException("conditions form a cycle among " + pending.keySet());
      }
      ordered.add(ready);
      pending.remove(ready.name());
    }
    return new SearchSpace(ordered);
  }

  /** Parents before children; the algorithm first. */
  public List<Parameter> parameters() {
    return parameters;
  }

  public Parameter parameter(String name) {
    Parameter parameter = byName.get(name);
    if (parameter == null) {
      throw new IllegalArgumentException("no parameter '" + name + "' in " + byName.keySet());
    }
    return parameter;
  }

  public List<String> algorithms() {
    List<String> algorithms = new ArrayList<>();
    for (Object choice : ((CategoricalParameter) byName.get(ALGORITHM)).choices()) {
      algorithms.add((String) choice);
    }
    return algorithms;
  }

  /** Whether a parameter is sampled given the values its parents took. */
  public static boolean isActive(Parameter parameter, Map<String, Object> assigned) {
    return parameter.conditions().stream().allMatch(condition -> condition.holds(assigned));
  }

  /**
   * Checks that a configuration has exactly the active parameters, each in its domain, and returns
   * it sorted by name; throws IllegalArgumentException naming the first problem.
   */
  public SortedMap<String, Object> validate(Map<String, Object> params) {
    SortedMap<String, Object> valid = new TreeMap<>();
    for (Parameter parameter : parameters) {
      boolean active = isActive(parameter, valid);
      Object value = params.get(parameter.name());
      if (active && !parameter.contains(value)) {
        throw new IllegalArgumentException(
            parameter.name() + ": " + value + " is not a value of " + parameter);
      }
      if (!active && params.containsKey(parameter.name())) {
        throw new IllegalArgumentException(parameter.name() + ": set although inactive");
      }
      if (active) {
        valid.put(parameter.name(), value);
      }
    }
    for (String name : params.keySet()) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(name + ": not a parameter of the space");
      }
    }
    return valid;
  }

  /** Each value's canonical text, by name. */
  public SortedMap<String, String> format(Map<String, Object> params) {
    SortedMap<String, String> text = new TreeMap<>();
    params.forEach((name, value) -> text.put(name, parameter(name).format(value)));
    return text;
  }

  /** The typed configuration back from its text (as stored in the trials table). */
  public SortedMap<String, Object> parse(Map<String, String> text) {
    Map<String, Object> params = new LinkedHashMap<>();
    text.forEach((name, value) -> params.put(name, parameter(name).parse(value)));
    return validate(params);
  }

  @Override
  public String toString() {
    return "SearchSpace" + parameters;
  }
}
