package dev.diffsweep.analysis.rapids;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.MutableURLClassLoader;

/**
 * Lists the operators of the analysis queries that the RAPIDS Accelerator would not run on a GPU,
 * without a GPU. RAPIDS' {@code ExplainPlan.explainPotentialGpuPlan} plans a DataFrame as the
 * plugin would and explains it on the CPU; the 961 MiB plugin jar stays out of the build, so it is
 * loaded from a path given at run time, in a class loader the plugin's shim loader can extend (the
 * application class loader cannot be).
 */
public final class RapidsPlanCheck {
  private static final String EXPLAIN_PLAN = "com.nvidia.spark.rapids.ExplainPlan";

  private RapidsPlanCheck() {}

  /**
   * @param rapidsJar the {@code rapids-4-spark_2.13} jar matching the Spark version
   * @param queries the queries to check, by name
   * @return one line per operator or expression that would stay on the CPU, prefixed by the query's
   *     name; empty when everything would run on the GPU
   */
  public static List<String> operatorsNotOnGpu(File rapidsJar, Map<String, Dataset<Row>> queries) {
    if (!rapidsJar.isFile()) {
      throw new IllegalArgumentException("no RAPIDS Accelerator jar at " + rapidsJar);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (MutableURLClassLoader loader =
        new MutableURLClassLoader(
            new URL[] {toUrl(rapidsJar)}, RapidsPlanCheck.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      Method explain =
          Class.forName(EXPLAIN_PLAN, true, loader)
              .getMethod("explainPotentialGpuPlan", Dataset.class, String.class);
      List<String> notOnGpu = new ArrayList<>();
      for (Map.Entry<String, Dataset<Row>> query : queries.entrySet()) {
        String plan = (String) explain.invoke(null, query.getValue(), "NOT_ON_GPU");
        for (String line : plan.split("\n")) {
          if (line.contains("cannot run on GPU")) {
            notOnGpu.add(query.getKey() + ": " + line.strip());
          }
        }
      }
      return notOnGpu;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "RAPIDS could not explain the plan: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("cannot use the RAPIDS Accelerator jar " + rapidsJar, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static URL toUrl(File jar) {
    try {
      return jar.toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad jar path " + jar, e);
    }
  }
}
