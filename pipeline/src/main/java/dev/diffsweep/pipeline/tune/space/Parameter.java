package dev.diffsweep.pipeline.tune.space;

import java.util.List;

/**
 * One dimension of a search space. Values are typed: {@link Double} for floats, {@link Long} for
 * ints, and for categoricals one of the declared choices (String, Boolean, Long or Double).
 */
public sealed interface Parameter permits FloatParameter, IntParameter, CategoricalParameter {

  String name();

  /** All must hold for the parameter to be sampled; empty means always. */
  List<Condition> conditions();

  /** Whether the value has this parameter's type and lies in its domain. */
  boolean contains(Object value);

  /**
   * The canonical text of a value, what ids hash and what the trials table stores: Java's own
   * (Double.toString, Long.toString, a choice's toString), which {@link #parse} reads back.
   */
  default String format(Object value) {
    return String.valueOf(value);
  }

  /**
   * The inverse of {@link #format}; throws IllegalArgumentException for text outside the domain.
   */
  Object parse(String text);
}
