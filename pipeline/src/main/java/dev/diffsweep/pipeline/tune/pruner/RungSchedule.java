package dev.diffsweep.pipeline.tune.pruner;

import java.util.ArrayList;
import java.util.List;

/**
 * The budgets (env steps) at which trials stop to be compared, ascending; the last is the full
 * budget. Each budget is a multiple of the evaluation interval (except possibly the full budget),
 * so that a rung always ends with an evaluation to score.
 */
public record RungSchedule(List<Long> budgets) {

  public RungSchedule {
    budgets = List.copyOf(budgets);
    if (budgets.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one rung");
    }
    for (int i = 1; i < budgets.size(); i++) {
      if (budgets.get(i) <= budgets.get(i - 1)) {
        throw new IllegalArgumentException("rung budgets must increase: " + budgets);
      }
    }
  }

  /** One rung: train to the full budget, compare nothing on the way. */
  public static RungSchedule single(long maxBudget) {
    return new RungSchedule(List.of(maxBudget));
  }

  /**
   * min, min eta, min eta^2, ... (each rounded up to a multiple of {@code granularity}) while below
   * max, then max itself. When max / min is not a power of eta the last step is shorter.
   */
  public static RungSchedule geometric(long minBudget, long maxBudget, int eta, long granularity) {
    if (minBudget <= 0 || minBudget > maxBudget || eta < 2 || granularity <= 0) {
      throw new IllegalArgumentException(
          "need 0 < min <= max, eta >= 2 and granularity > 0; got min "
              + minBudget
              + ", max "
              + maxBudget
              + ", eta "
              + eta);
    }
    List<Long> budgets = new ArrayList<>();
    for (double budget = minBudget; budget < maxBudget; budget *= eta) {
      addIfNew(budgets, roundUp((long) Math.ceil(budget), granularity), maxBudget);
    }
    addIfNew(budgets, maxBudget, maxBudget);
    return new RungSchedule(budgets);
  }

  /** Every {@code interval} steps (rounded up to the granularity) and at max. */
  public static RungSchedule every(long interval, long maxBudget, long granularity) {
    if (interval <= 0 || granularity <= 0) {
      throw new IllegalArgumentException("need interval > 0 and granularity > 0");
    }
    List<Long> budgets = new ArrayList<>();
    for (long budget = interval; budget < maxBudget; budget += interval) {
      addIfNew(budgets, roundUp(budget, granularity), maxBudget);
    }
    addIfNew(budgets, maxBudget, maxBudget);
    return new RungSchedule(budgets);
  }

  public int size() {
    return budgets.size();
  }

  public long budget(int rung) {
    return budgets.get(rung);
  }

  public int lastRung() {
    return budgets.size() - 1;
  }

  public long maxBudget() {
    return budgets.get(lastRung());
  }

  private static void addIfNew(List<Long> budgets, long budget, long maxBudget) {
    long capped = Math.min(budget, maxBudget);
    if (budgets.isEmpty() || budgets.get(budgets.size() - 1) < capped) {
      budgets.add(capped);
    }
  }

  private static long roundUp(long value, long granularity) {
    return (value + granularity - 1) / granularity * granularity;
  }
}
