#!/usr/bin/env bash
# Lists every cycle between the project's Java packages (main code of every module), from the
# compiled classes, with the JDK's jdeps. Prints "no package cycles" or the packages of each cycle;
# exits 1 on a cycle. Run after a build: ./mvnw -q install -DskipTests && tools/package-cycles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t dirs < <(ls -d ./*/target/classes)
jdeps -verbose:package -filter:none -e 'io\.cryptolakehouse\..*' "${dirs[@]}" 2>/dev/null \
  | awk '$2 == "->" && $1 ~ /^io\.cryptolakehouse/ && $1 != $3 {print $1, $3}' | sort -u \
  | python3 -c '
import sys, collections
graph = collections.defaultdict(set)
for line in sys.stdin:
    a, b = line.split()
    graph[a].add(b)
index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]
def visit(v):  # Tarjan: each strongly connected group of two or more packages is a cycle
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        group = []
        while True:
            w = stack.pop(); on.discard(w); group.append(w)
            if w == v: break
        if len(group) > 1: cycles.append(sorted(group))
for v in list(graph):
    if v not in index: visit(v)
packages = set(graph) | {w for ws in graph.values() for w in ws}
print(f"{len(packages)} packages, {sum(map(len, graph.values()))} dependencies between them")
for c in cycles: print("cycle:", " <-> ".join(c))
print("no package cycles" if not cycles else f"{len(cycles)} cycle(s)")
sys.exit(1 if cycles else 0)
'
