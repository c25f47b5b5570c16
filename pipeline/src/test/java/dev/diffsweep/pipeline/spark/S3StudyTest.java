package dev.diffsweep.pipeline.spark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose output is s3a://: a real S3 endpoint (S3Proxy over a folder of this machine) in
 * this JVM, reached through Hadoop's S3A as a cluster reaches S3, where a rename is a copy and
 * nothing renames a folder at once. The driver runs in its own JVM, is killed mid-study and run
 * again (see {@link RemoteStudyScenario}).
 */
class S3StudyTest {
  private static final String BUCKET = "diffsweep";
  private static final String ACCESS_KEY = "access";
  private static final String SECRET_KEY = "secret-key";

  @TempDir Path work;

  @Test
  void aStudyOnS3SurvivesAKilledDriverWithEveryRowOnce() throws Exception {
    Path objects = Files.createDirectories(work.resolve("s3"));
    Properties backend = new Properties();
    backend.setProperty("jclouds.filesystem.basedir", objects.toString());
    try (BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .overrides(backend)
            .buildView(BlobStoreContext.class)) {
      BlobStore store = context.getBlobStore();
      store.createContainerInLocation(null, BUCKET);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(store)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      try {
        while (!proxy.getState().equals("STARTED")) {
          Thread.sleep(10);
        }
        Map<String, String> s3a = s3a("http://127.0.0.1:" + proxy.getPort());
        Configuration configuration = new Configuration();
        s3a.forEach(configuration::set);
        FileSystem fileSystem =
            FileSystem.newInstance(URI.create("s3a://" + BUCKET), configuration);
        List<String> properties = new ArrayList<>();
        s3a.forEach((key, value) -> properties.add("-Dspark.hadoop." + key + "=" + value));
        new RemoteStudyScenario(fileSystem, "s3a://" + BUCKET + "/studies", properties, work).run();
      } finally {
        proxy.stop();
      }
    }
  }

  /** What S3A needs to reach an S3 endpoint of one's own (README.md, "Studies on S3"). */
  private static Map<String, String> s3a(String endpoint) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", endpoint);
    settings.put("fs.s3a.endpoint.region", "us-east-1");
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.access.key", ACCESS_KEY);
    settings.put("fs.s3a.secret.key", SECRET_KEY);
    // S3Proxy answers 501 to the checksum header of a bulk DeleteObjects: one DELETE per object.
    settings.put("fs.s3a.multiobjectdelete.enable", "false");
    settings.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return settings;
  }
}
