package dev.diffsweep.trainer.agent;

import dev.diffsweep.trainer.state.StatePart;
import dev.diffsweep.trainer.state.StateReader;
import dev.diffsweep.trainer.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's checkpoint: the tag {@code agent:<name>}, then one ordered list of named parts. {@link
 * #write} and {@link #read} walk the same list, so the list's order is the byte layout and a part
 * cannot be written and forgotten on reading. Reordering, adding or removing a part changes the
 * layout, and checkpoints written by earlier builds no longer load.
 */
public final class AgentState implements StatePart {
  private final String tag;
  private final List<String> names;
  private final List<StatePart> parts;

  private AgentState(String tag, List<String> names, List<StatePart> parts) {
    this.tag = tag;
    this.names = List.copyOf(names);
    this.parts = List.copyOf(parts);
  }

  /** Starts the list of the agent named {@code agentName} (its registry name). */
  public static Builder of(String agentName) {
    return new Builder("agent:" + agentName);
  }

  /** The parts' names, in checkpoint order. */
  public List<String> partNames() {
    return names;
  }

  @Override
  public void write(StateWriter out) throws IOException {
    out.writeTag(tag);
    for (StatePart part : parts) {
      part.write(out);
    }
  }

  @Override
  public void read(StateReader in) throws IOException {
    in.expectTag(tag);
    for (StatePart part : parts) {
      part.read(in);
    }
  }

  /** Collects the parts in checkpoint order. */
  public static final class Builder {
    private final String tag;
    private final List<String> names = new ArrayList<>();
    private final List<StatePart> parts = new ArrayList<>();

    private Builder(String tag) {
      this.tag = tag;
    }

    public Builder add(String name, StatePart part) {
      if (names.contains(name)) {
        throw new IllegalArgumentException("state part '" + name + "' listed twice");
      }
      names.add(name);
      parts.add(part);
      return this;
    }

    public AgentState build() {
      return new AgentState(tag, names, parts);
    }
  }
}
