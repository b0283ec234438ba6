import Foundation
import Testing
import TestSupport
@testable import Spec

/// Dependency cycles are reported once each, at the first of their documents, whatever else the graph holds:
/// resources that depend on nothing, chains that lead into a cycle, cycles that share a resource.
@Suite("Dependency cycles", .timeLimit(.minutes(1)))
struct DependencyCycleTests {
    /// Containers `c0`...: each line is one file, `c2: c0 c5` meaning c2 depends on c0 and c5.
    static func load(_ graph: [Int: [Int]]) -> [String] {
        var files: [String: String] = [:]
        for (node, targets) in graph {
            let dependsOn = targets.isEmpty ? "" : "\n  dependsOn: [\(targets.map { "Container/c\($0)" }.joined(separator: ", "))]"
            files["c\(node).yaml"] = """
                apiVersion: botops/v1
                kind: Container
                metadata:
                  name: c\(node)\(dependsOn)
                spec:
                  image: ghcr.io/example/pingme:1.0.0
                """
        }
        return SpecTestSupport.lines(SpecTestSupport.load(files)).filter { $0.contains("dependency cycle") }.sorted()
    }

    @Test func aChainIntoACycleAndLeavesReportTheCycleOnly() {
        #expect(Self.load([0: [1], 1: [2], 2: [3], 3: [1], 4: [], 5: [0]]) == [
            "c1.yaml:4:9: error: dependency cycle: Container/c1 -> Container/c2 -> Container/c3 -> Container/c1",
        ])
    }

    @Test func twoCyclesThroughOneResourceAreBothReported() {
        #expect(Self.load([0: [1, 2], 1: [0], 2: [0], 3: []]) == [
            "c0.yaml:4:9: error: dependency cycle: Container/c0 -> Container/c1 -> Container/c0",
            "c0.yaml:4:9: error: dependency cycle: Container/c0 -> Container/c2 -> Container/c0",
        ])
    }

    @Test func aResourceThatDependsOnItself() {
        #expect(Self.load([0: [0], 1: [0]]) == ["c0.yaml:4:9: error: dependency cycle: Container/c0 -> Container/c0"])
    }

    /// Random graphs, half their resources depending on nothing: what is reported is what a search over every
    /// resource reports (the search this replaced, kept here as the reference).
    @Test func randomGraphsReportWhatASearchOverEveryResourceReports() {
        var random = SplitMix(seed: 0x4359_434C)
        var withCycles = 0
        for _ in 0..<150 {
            let count = Int(random.next() % 9) + 2
            var graph: [Int: [Int]] = [:]
            for node in 0..<count {
                graph[node] = random.next() % 2 == 0 ? [] : (0..<(random.next() % 3)).map { _ in Int(random.next() % UInt64(count)) }
            }
            let reported = Self.load(graph)
            if !reported.isEmpty { withCycles += 1 }
            #expect(reported == Self.reference(graph), "\(graph)")
        }
        #expect(withCycles > 20, "the graphs have cycles to find: \(withCycles)")
    }

    /// The former search: every resource a node, in address order, cycles rotated to start at the first file.
    static func reference(_ graph: [Int: [Int]]) -> [String] {
        let name = { (node: Int) in "Container/c\(node)" }
        // Dependencies in the order written (duplicates kept), as the loader reads them.
        let written = Dictionary(uniqueKeysWithValues: graph.map { (name($0.key), $0.value.map(name)) })
        var state: [String: Int] = [:]
        var reported: Set<Set<String>> = []
        var lines: [String] = []
        for start in written.keys.sorted() where state[start] == nil {
            var stack: [(String, Int)] = [(start, 0)]
            var path = [start]
            state[start] = 1
            while let (node, next) = stack.last {
                let targets = written[node] ?? []
                if next < targets.count {
                    stack[stack.count - 1].1 += 1
                    let target = targets[next]
                    if state[target] == 1 {
                        let cycle = Array(path[path.firstIndex(of: target)!...])
                        if reported.insert(Set(cycle)).inserted {
                            // Files c0.yaml, c1.yaml...: the first file is the smallest name in text order.
                            let first = cycle.min { "\($0.dropFirst(10)).yaml" < "\($1.dropFirst(10)).yaml" }!
                            let at = cycle.firstIndex(of: first)!
                            let rotated = Array(cycle[at...] + cycle[..<at])
                            lines.append("\(first.dropFirst(10)).yaml:4:9: error: dependency cycle: "
                                + (rotated + [first]).joined(separator: " -> "))
                        }
                    } else if state[target] == nil {
                        state[target] = 1
                        stack.append((target, 0))
                        path.append(target)
                    }
                } else {
                    state[node] = 2
                    stack.removeLast()
                    path.removeLast()
                }
            }
        }
        return lines.sorted()
    }
}
