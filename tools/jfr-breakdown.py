#!/usr/bin/env python3
"""Where a benchmark's CPU went, from a Java Flight Recorder file: execution samples in a time
window, counted per thread group and per component, and the share of samples whose stack contains
each of the given frames (inclusive).

  RUN_LOCAL_JAVA_OPTS="-Xmx3g -XX:StartFlightRecording=filename=b.jfr,dumponexit=true" ./run-bench.sh ingest
  jfr print --events jdk.ExecutionSample --stack-depth 128 b.jfr > b.txt
  tools/jfr-breakdown.py b.txt 12:22:35 12:24:20 "Executor task" ParquetWriter,Statistics,KafkaDataConsumer

Times are the recording's wall clock (HH:MM:SS, as in the run's logs/bench.log); JFR samples only
threads running Java code, so native work (zstd, sockets) is under-counted.
"""
import collections
import re
import sys

COMPONENTS = [
    ("kafka client", ["org.apache.kafka.clients", "org.apache.kafka.common", "com.github.luben.zstd"]),
    ("parquet write", ["parquet.column", "parquet.hadoop", "parquet.io", "ParquetWriter"]),
    ("s3 client", ["software.amazon.awssdk", "org.apache.hadoop.fs.s3a", "org.apache.iceberg.aws"]),
    ("embedded s3 server", ["org.gaul.s3proxy", "org.eclipse.jetty", "org.jclouds"]),
    ("metastore", ["org.apache.hadoop.hive", "org.apache.derby", "org.datanucleus", "com.zaxxer"]),
    ("iceberg commit", ["org.apache.iceberg.SnapshotProducer", "org.apache.iceberg.TableMetadataParser",
                        "org.apache.iceberg.ManifestWriter", "org.apache.iceberg.avro"]),
    ("json", ["com.fasterxml.jackson", "JsonToStructs", "GetJsonObject"]),
    ("spark rows and expressions", ["GeneratedClass", "org.apache.spark.sql.catalyst",
                                    "org.apache.spark.unsafe", "org.apache.spark.sql.execution"]),
    ("kafka broker", ["kafka.server", "kafka.log", "org.apache.kafka.storage", "kafka.network"]),
]


def samples(path):
    current = None
    with open(path) as lines:
        for line in lines:
            if line.startswith("jdk.ExecutionSample"):
                current = {"stack": [], "time": "", "thread": ""}
            elif current is None:
                continue
            elif "startTime =" in line:
                current["time"] = line.split("=", 1)[1].strip()[:8]
            elif "sampledThread =" in line:
                current["thread"] = line.split('"')[1]
            elif line.startswith("    "):
                current["stack"].append(line.strip().split(" line:")[0])
            elif line.startswith("}"):
                yield current
                current = None


def component(stack):
    for name, keys in COMPONENTS:
        if any(k in frame for frame in stack for k in keys):
            return name
    return "other"


def main(path, start, end, thread_filter="", frames=""):
    wanted = [f for f in frames.split(",") if f]
    threads, parts, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for s in samples(path):
        if not (start <= s["time"] <= end) or thread_filter not in s["thread"]:
            continue
        n += 1
        group = re.sub(r"\d+", "#", s["thread"])[:45]
        threads[group] += 1
        parts[(group, component(s["stack"]))] += 1
        joined = " | ".join(s["stack"])
        for f in wanted:
            inclusive[f] += f in joined
    print(f"{n} samples between {start} and {end}")
    print("-- thread groups")
    for k, v in threads.most_common(10):
        print(f"{v:7d} {100 * v / n:5.1f}%  {k}")
    print("-- thread group x component")
    for (g, c), v in parts.most_common(20):
        print(f"{v:7d} {100 * v / n:5.1f}%  {g:45s} {c}")
    if wanted:
        print("-- stacks containing")
        for k, v in inclusive.most_common():
            print(f"{v:7d} {100 * v / n:5.1f}%  {k}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:6])
