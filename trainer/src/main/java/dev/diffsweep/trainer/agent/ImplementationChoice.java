package dev.diffsweep.trainer.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hyperparameter that chooses how the same equations are computed, not which: runs differ only by
 * float round-off. Its default is left out of a trial's id, so adding such a key keeps the ids (and
 * the committed runs) of every study; any other value enters the id like every key. A run still
 * records it (run.json, the checkpoint's identity), so a resume never switches it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ImplementationChoice {}
