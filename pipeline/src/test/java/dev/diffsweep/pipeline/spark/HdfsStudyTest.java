package dev.diffsweep.pipeline.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose output is hdfs://: a real HDFS (namenode and one datanode, Hadoop's MiniDFSCluster)
 * in this JVM, the driver in its own, killed mid-study and run again (see {@link
 * RemoteStudyScenario}).
 */
class HdfsStudyTest {
  @TempDir Path work;

  @Test
  void aStudyOnHdfsSurvivesAKilledDriverWithEveryRowOnce() throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
    try {
      cluster.waitActive();
      FileSystem fileSystem = cluster.getFileSystem();
      String output = "hdfs://localhost:" + cluster.getNameNodePort() + "/studies";
      new RemoteStudyScenario(fileSystem, output, List.of(), work).run();
    } finally {
      cluster.shutdown();
    }
  }
}
