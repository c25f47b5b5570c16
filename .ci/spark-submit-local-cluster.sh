#!/usr/bin/env bash
# Runs a study through Spark's real SparkSubmit against local-cluster[2,1,2048] (a master, two
# workers and their executors, each a separate JVM) with the thin application jar, as a cluster
# would. Fails unless every trial commits.
#   .ci/spark-submit-local-cluster.sh            trials run by the contract trainer (seconds)
#   TRAINER=real .ci/spark-submit-local-cluster.sh   trials run by the real `train`
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mvn -q -DskipTests package
mvn -q -Pcluster -DskipTests package -pl pipeline -am
app=$(ls pipeline/target/diffsweep-pipeline-*-cluster.jar)
tests=$(ls pipeline/target/diffsweep-pipeline-*-tests.jar)

# Maven ships no Spark distribution: a SPARK_HOME whose jars/ are Spark's from the build's
# classpath is all local-cluster needs to start its executor JVMs.
work=$(mktemp -d /tmp/diffsweep-spark-submit.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars"
tr ':' '\n' <pipeline/target/classpath.txt | grep -v '/diffsweep-' | while read -r jar; do
  ln -s "$jar" "$SPARK_HOME/jars/"
done

cat >"$work/study.conf" <<STUDY
name = spark-submit-check
output = "$work/studies"
algorithms = [sac, diffsac]
tasks = [InvertedPendulum-v4]
seeds = 2
steps = ${STEPS:-600}
evaluation { every = 200, episodes = 1 }
grid { learning_starts = 100 }
spark = cluster
STUDY

trainer=(--conf spark.diffsweep.trainer.mainClass=dev.diffsweep.pipeline.testing.ContractTrainer
  --jars "$tests")
[ "${TRAINER:-contract}" = real ] && trainer=()

java @conf/jvm.args -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --master 'local-cluster[2,1,2048]' \
  --conf spark.executor.memory=1g --conf spark.executor.cores=1 \
  --conf spark.executor.memoryOverhead=512m \
  --conf spark.diffsweep.trainer.javaOptions=-Xmx256m \
  "${trainer[@]}" \
  --class dev.diffsweep.pipeline.cli.DiffsweepMain "$app" \
  study "$work/study.conf" --no-analysis | tee "$work/driver.log"

committed=$(find "$work/studies/spark-submit-check/runs" -name outcome.json \
  -exec grep -l '"status":"COMPLETED"' {} + | wc -l)
partitions=$(find "$work/studies/spark-submit-check/tables/episodes" -type d -name 'trial_id=*' | wc -l)
echo "spark-submit local-cluster: $committed of 4 trials committed, $partitions episode partitions"
[ "$committed" -eq 4 ] && [ "$partitions" -eq 4 ]
