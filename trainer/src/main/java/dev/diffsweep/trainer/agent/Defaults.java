package dev.diffsweep.trainer.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a nested settings record: the keys whose defaults differ for this algorithm, as {@code
 * key=value} ({@code @Defaults({"policy_lr=1e-4", "alpha=0"})}). Every key must be one of the
 * nested record's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Defaults {
  String[] value();
}
