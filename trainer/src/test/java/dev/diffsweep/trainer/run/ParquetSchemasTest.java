package dev.diffsweep.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diffsweep.contract.Tables;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * The contract's tables become the Parquet schemas the files have always had: studies written
 * before the contract existed are read the same way.
 */
class ParquetSchemasTest {
  @Test
  void episodesAndEvaluationsKeepTheirFileSchema() {
    assertThat(ParquetSchemas.of(Tables.EPISODES))
        .isEqualTo(
            MessageTypeParser.parseMessageType(
                """
                message episodes {
                  required binary trial_id (STRING);
                  required int64 episode;
                  required int64 env_step;
                  required double return;
                  required int32 length;
                  required boolean terminated;
                  required boolean truncated;
                  required double wall_time_s;
                }
                """));
    assertThat(ParquetSchemas.of(Tables.EVALUATIONS).toString())
        .isEqualTo(
            MessageTypeParser.parseMessageType(
                    """
                    message evaluations {
                      required binary trial_id (STRING);
                      required int64 env_step;
                      required double return_mean;
                      required double return_std;
                      required int32 episodes;
                      required double actor_loss;
                      required double critic_loss;
                      required double alpha;
                      required double entropy;
                      required double steps_per_s;
                      required double wall_time_s;
                    }
                    """)
                .toString());
  }

  @Test
  void theTrialsTableKeepsItsMapOfHyperparametersAndOptionalColumns() {
    String schema = ParquetSchemas.of(Tables.TRIALS).toString();

    assertThat(schema)
        .contains(
            """
              required group hyperparameters (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required binary value (STRING);
                }
              }
            """)
        .contains("optional int32 diffusion_steps;")
        .contains("required int64 total_steps;")
        .contains("optional int64 revision;");
  }
}
