package dev.diffsweep.trainer.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hyperparameter added after studies were run, whose default computes exactly what every run
 * before it computed (an option that is off unless asked for). Like an {@link
 * ImplementationChoice}, its default is left out of a trial's id, so adding the key keeps the ids
 * (and the committed runs) of every study; any other value enters the id like every key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface EarlierRunsDefault {}
