package dev.diffsweep.trainer.env;

import java.util.Collection;

/** A task id that is not in the registry; the message lists the ones that are. */
public class UnknownTaskException extends IllegalArgumentException {
  public UnknownTaskException(String id, Collection<String> known) {
    super("unknown task '" + id + "'; known tasks: " + String.join(", ", known));
  }
}
