package dev.diffsweep.contract;

import java.util.Optional;

/**
 * An agent as the tables name it.
 *
 * @param name the name in the {@code algorithm} column, in study files and on the command line
 * @param displayName how reports write it
 * @param base for a diffusion variant, the agent it swaps the policy of and is compared against
 */
public record Algorithm(String name, String displayName, Optional<String> base) {}
