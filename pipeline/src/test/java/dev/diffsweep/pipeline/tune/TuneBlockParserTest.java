package dev.diffsweep.pipeline.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.diffsweep.contract.Direction;
import dev.diffsweep.pipeline.tune.pruner.RungSchedule;
import dev.diffsweep.pipeline.tune.space.CategoricalParameter;
import dev.diffsweep.pipeline.tune.space.Condition;
import dev.diffsweep.pipeline.tune.space.FloatParameter;
import dev.diffsweep.pipeline.tune.space.IntParameter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuneBlockParserTest {

  @Test
  void readsTheExampleStudy() {
    Config study =
        ConfigFactory.parseFile(Path.of("..", "conf", "tune-diffsac.conf").toFile()).resolve();

    TuneSpec spec = TuneBlockParser.parse(study, study.getStringList("algorithms"));

    assertThat(spec.direction()).isEqualTo(Direction.MAXIMIZE);
    assertThat(spec.trials()).isEqualTo(6);
    assertThat(spec.seeds()).containsExactly(0, 1);
    assertThat(spec.sampler()).isEqualTo(new SamplerSpec.Tpe(4, 24, 1.0, true));
    assertThat(spec.pruner()).isEqualTo(new PrunerSpec.SuccessiveHalving(1000, 2, 6));
    assertThat(spec.space().parameter("policy_lr"))
        .isEqualTo(new FloatParameter("policy_lr", 1e-4, 3e-3, true, List.of()));
    assertThat(spec.space().parameter("batch_size"))
        .isEqualTo(new CategoricalParameter("batch_size", List.of(64L, 128L), List.of()));
    assertThat(spec.space().parameter("diffusion_steps"))
        .isEqualTo(
            new IntParameter(
                "diffusion_steps",
                2,
                8,
                2,
                false,
                List.of(new Condition("algorithm", List.of("diffsac")))));
    assertThat(spec.tuner(4_000, 500).rungs())
        .isEqualTo(new RungSchedule(List.of(1_000L, 2_000L, 4_000L)));
  }

  @Test
  void fillsInDefaults() {
    TuneSpec spec = parse("tune { space { x { type = float, low = 0, high = 1 } } }");

    assertThat(spec.direction()).isEqualTo(Direction.MAXIMIZE);
    assertThat(spec.objective()).isEqualTo(Objective.standard());
    assertThat(spec.sampler()).isEqualTo(new SamplerSpec.Tpe(10, 24, 1.0, true));
    assertThat(spec.pruner()).isEqualTo(new PrunerSpec.None());
    assertThat(spec.seedsPerTrial()).isEqualTo(1);
  }

  @Test
  void successiveHalvingStartsAllTrialsInOneBracketUnlessToldOtherwise() {
    TuneSpec spec =
        parse(
            """
            tune {
              trials = 27
              pruner { type = successive-halving, min-budget = 1000 }
              space { x { type = float, low = 0, high = 1 } }
            }
            """);

    assertThat(spec.pruner()).isEqualTo(new PrunerSpec.SuccessiveHalving(1000, 3, 27));
  }

  @Test
  void namesTheKeyAndTheAllowedValuesForEveryProblemAtOnce() {
    List<String> problems =
        problems(
            """
            tune {
              direction = up
              trials = 0
              colour = blue
              sampler { type = tpee }
              pruner { type = successive-halving, eta = 1 }
              space {
                lr { type = float, low = 0.1, high = 0.01 }
                decay { type = float, low = 0, high = 1, log = true }
                width { type = int, low = 8, high = 64, step = 0 }
                act { type = categorical, choices = [relu, relu] }
                k { type = int, low = 1, high = 4, when { algorithm = [ppo] } }
                depth { type = int, low = 1, high = 3 }
                m { type = int, low = 1, high = 4, when { depth = [1] } }
                n { type = float, low = 1, high = 2, step = 1 }
                o { type = normal }
              }
            }
            """);

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "tune.direction: unknown direction \"up\" (allowed: maximize, minimize)",
            "tune.trials: expected an integer >= 1, got 0",
            "tune.colour: unknown key (allowed: direction, trials, parallelism, seeds-per-trial,"
                + " seed, objective, sampler, pruner, space)",
            "tune.sampler.type: unknown sampler \"tpee\" (allowed: random, grid, tpe, genetic)",
            "tune.pruner.min-budget: missing; expected an integer >= 1",
            "tune.pruner.eta: expected an integer >= 2, got 1",
            "tune.space.lr.low: must be < high (got low = 0.1, high = 0.01)",
            "tune.space.decay.low: must be > 0 when log = true (got 0.0)",
            "tune.space.width.step: expected an integer >= 1, got 0",
            "tune.space.act.choices: 'relu' is listed twice",
            "tune.space.k.when.algorithm: \"ppo\" is not a value of algorithm (allowed: sac,"
                + " diffsac)",
            "tune.space.m.when.depth: conditions may only name categorical parameters or"
                + " algorithm; depth is not categorical",
            "tune.space.n.step: unknown key (type float) (allowed: type, low, high, log, when)",
            "tune.space.o.type: unknown parameter type \"normal\" (allowed: float, int,"
                + " categorical)");
  }

  @Test
  void refusesAStudyWithoutASpace() {
    assertThat(problems("tune { trials = 3 }"))
        .singleElement()
        .asString()
        .startsWith("tune.space: missing");
  }

  @Test
  void refusesTheReservedAlgorithmNameAndUnknownParents() {
    assertThat(
            problems(
                """
                tune.space {
                  algorithm { type = categorical, choices = [sac] }
                  k { type = int, low = 1, high = 4, when { kind = [a] } }
                }
                """))
        .containsExactlyInAnyOrder(
            "tune.space.algorithm: 'algorithm' is reserved; the study's algorithms list sets it",
            "tune.space.k.when.kind: not a parameter to depend on (allowed: algorithm)");
  }

  private static TuneSpec parse(String text) {
    return TuneBlockParser.parse(ConfigFactory.parseString(text), List.of("sac", "diffsac"));
  }

  private static List<String> problems(String text) {
    TuneBlockException error = catchThrowableOfType(TuneBlockException.class, () -> parse(text));
    assertThat(error).as("the block should be refused").isNotNull();
    return error.problems();
  }
}
