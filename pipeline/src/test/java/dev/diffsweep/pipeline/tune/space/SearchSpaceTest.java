package dev.diffsweep.pipeline.tune.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diffsweep.pipeline.tune.SyntheticProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  private final SearchSpace space = SyntheticProblem.space();

  @Test
  void ordersParentsBeforeChildrenWithTheAlgorithmFirst() {
    SearchSpace reordered =
        SearchSpace.of(
            List.of("sac"),
            List.of(
                new FloatParameter(
                    "child", 0, 1, false, List.of(new Condition("parent", List.of("on")))),
                new CategoricalParameter("parent", List.of("on", "off"), List.of())));

    assertThat(reordered.parameters())
        .extracting(Parameter::name)
        .containsExactly("algorithm", "parent", "child");
  }

  @Test
  void aConditionalParameterIsOnlyActiveForItsParentValues() {
    Parameter steps = space.parameter("diffusion_steps");

    assertThat(SearchSpace.isActive(steps, Map.of("algorithm", "diffsac"))).isTrue();
    assertThat(SearchSpace.isActive(steps, Map.of("algorithm", "sac"))).isFalse();
  }

  @Test
  void validationRejectsAnInactiveParameterThatIsSetAndAValueOutOfBounds() {
    Map<String, Object> sac = new HashMap<>(optimum());
    sac.put("algorithm", "sac");
    assertThatThrownBy(() -> space.validate(sac)).hasMessageContaining("set although inactive");

    Map<String, Object> outside = new HashMap<>(optimum());
    outside.put("width", 65L);
    assertThatThrownBy(() -> space.validate(outside)).hasMessageContaining("width");

    Map<String, Object> offGrid = new HashMap<>(optimum());
    offGrid.put("diffusion_steps", 7L);
    assertThatThrownBy(() -> space.validate(offGrid)).hasMessageContaining("diffusion_steps");
  }

  @Test
  void aProposalSurvivesTheTripThroughTextWithItsId() {
    TrialProposal proposal = TrialProposal.of(space, optimum());

    Map<String, String> text = space.format(proposal.params());
    TrialProposal back = TrialProposal.of(space, space.parse(text));

    assertThat(back).isEqualTo(proposal);
    assertThat(proposal.id()).matches("cfg-[0-9a-f]{12}");
    assertThat(proposal.hyperparameters(space)).doesNotContainKey("algorithm");
  }

  @Test
  void theIdDependsOnTheValuesOnly() {
    Map<String, Object> other = new HashMap<>(optimum());
    other.put("x", 1.4);

    assertThat(TrialProposal.of(space, optimum()).id())
        .isEqualTo(TrialProposal.of(space, new HashMap<>(optimum())).id())
        .isNotEqualTo(TrialProposal.of(space, other).id());
  }

  @Test
  void refusesConditionsThatFormACycle() {
    List<Parameter> cyclic =
        List.of(
            new CategoricalParameter("a", List.of("x"), List.of(new Condition("b", List.of("y")))),
            new CategoricalParameter("b", List.of("y"), List.of(new Condition("a", List.of("x")))));

    assertThatThrownBy(() -> SearchSpace.of(List.of("sac"), cyclic)).hasMessageContaining("cycle");
  }

  private static Map<String, Object> optimum() {
    return Map.of(
        "algorithm",
        "diffsac",
        "x",
        1.3,
        "learning_rate",
        Math.pow(10, -2.5),
        "width",
        17L,
        "optimizer",
        "adam",
        "diffusion_steps",
        6L);
  }
}
