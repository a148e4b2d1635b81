#!/usr/bin/env python3
"""Summarises the CPU samples of a JDK Flight Recorder recording, for bench/profile.sh.

    bench/jfr-summary.py RECORDING.jfr [TOP]

Prints where the samples were, three ways: by layer (the innermost frame of each sample that is not
in the JDK itself, so that a HashMap lookup made by Jersey counts as Jersey), the methods of the
service itself by inclusive share, and the hottest methods by self share.
"""
import collections
import json
import subprocess
import sys

LAYERS = [
    ("org.addrservice.", "the service (org.addrservice)"),
    ("org.eclipse.jetty.", "Jetty"),
    ("org.glassfish.jersey.", "Jersey"),
    ("org.jvnet.hk2.", "Jersey (HK2 injection)"),
    ("io.dropwizard.", "Dropwizard"),
    ("com.codahale.metrics.", "Dropwizard Metrics"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("com.networknt.", "JSON Schema validation (networknt)"),
    ("org.jdbi.", "JDBI"),
    ("org.sqlite.", "SQLite JDBC"),
    ("org.postgresql.", "PostgreSQL JDBC"),
    ("org.apache.tomcat.jdbc.", "connection pool (tomcat-jdbc)"),
    ("ch.qos.logback.", "Logback"),
    ("org.slf4j.", "Logback"),
    ("com.ibm.icu.", "ICU4J (name folding)"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def layer_of(frames):
    for name in frames:
        if not name.startswith(JDK):
            for prefix, layer in LAYERS:
                if name.startswith(prefix):
                    return layer
            return "other libraries"
    return "the JDK alone (I/O, threads, GC-side work)"


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    printed = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "128",
         recording],
        capture_output=True, text=True, check=True).stdout
    samples = 0
    layers = collections.Counter()
    own = collections.Counter()
    hottest = collections.Counter()
    for event in json.loads(printed)["recording"]["events"]:
        trace = event["values"].get("stackTrace")
        if not trace or not trace["frames"]:
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in trace["frames"]]
        samples += 1
        layers[layer_of(frames)] += 1
        hottest[frames[0]] += 1
        for name in set(frames):
            if name.startswith("org.addrservice.") and "$$Lambda" not in name:
                own[name] += 1
    if samples == 0:
        print("no CPU samples in " + recording)
        return
    print(f"{samples} CPU samples")
    print()
    print("| layer (innermost non-JDK frame) | share of samples |")
    print("|---|---:|")
    for layer, count in layers.most_common():
        print(f"| {layer} | {100 * count / samples:.1f}% |")
    print()
    print("| the service's methods, inclusive | share |")
    print("|---|---:|")
    for name, count in own.most_common(top):
        print(f"| `{name}` | {100 * count / samples:.1f}% |")
    print()
    print("| hottest methods, self | share |")
    print("|---|---:|")
    for name, count in hottest.most_common(top):
        print(f"| `{name}` | {100 * count / samples:.1f}% |")


if __name__ == "__main__":
    main()
