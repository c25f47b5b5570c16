package dev.diffsweep.analysis.verify;

/**
 * What the commit of a trial recorded about one of its files, in its {@code outcome.json}.
 *
 * @param path the file relative to the study folder, e.g. {@code
 *     tables/episodes/algorithm=sac/task=Hopper-v4/trial_id=ID/part-00000.parquet}
 * @param rows the rows the file's Parquet footer counts
 * @param bytes the file's length
 * @param crc32c the CRC-32C of all its bytes, as 8 lower-case hex digits
 */
public record CommittedFile(String path, long rows, long bytes, String crc32c)
    implements java.io.Serializable {}
