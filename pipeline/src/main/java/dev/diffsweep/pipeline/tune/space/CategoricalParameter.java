package dev.diffsweep.pipeline.tune.space;

import java.util.List;

/** One of a list of choices, unordered: no choice is "between" two others. */
public record CategoricalParameter(String name, List<Object> choices, List<Condition> conditions)
    implements Parameter {

  public CategoricalParameter {
    choices = List.copyOf(choices);
    conditions = List.copyOf(conditions);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": needs at least one choice");
    }
    if (choices.stream().map(String::valueOf).distinct().count() != choices.size()) {
      throw new IllegalArgumentException(name + ": choices must be distinct");
    }
  }

  public int indexOf(Object value) {
    return choices.indexOf(value);
  }

  @Override
  public boolean contains(Object value) {
    return choices.contains(value);
  }

  @Override
  public Object parse(String text) {
    for (Object choice : choices) {
      if (format(choice).equals(text)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(name + ": '" + text + "' is not one of " + choices);
  }
}
