package dev.diffsweep.trainer.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hyperparameter's default, written beside its name as a {@code --set} value would be ({@code
 * "1e6"}, {@code "3e-4"}, {@code "true"}); {@link Hyperparameters#defaults} parses it with the same
 * rules as a user's value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  String value();
}
