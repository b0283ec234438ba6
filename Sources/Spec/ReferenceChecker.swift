/// The checks that need every document at once: one Project, unique names, references that
/// resolve, no dependency cycles, and each kind's own checks (one Webhook per bot, one Bot per token).
struct ReferenceChecker {
    let resources: [any DeclaredResource]
    /// Every Kind/name written, including documents whose spec had errors.
    let declared: Set<ResourceAddress>
    let kinds: KindRegistry
    let sink: DiagnosticSink
    /// Where to report a problem of the configuration as a whole (no Project at all).
    let fallbackLocation: SourceLocation

    func check() {
        // Worked out once: each is a pass over every document, and a fleet may have tens of thousands.
        let reconciled = resources.filter { type(of: $0).kind != .project }
        // The cycle search needs nothing the other checks find, and took a third of their time after the files
        // were read on every core: it runs on another core meanwhile, and its findings, kept apart, are added
        // to the sink last, as when it ran last.
        let cycles = BackgroundWork { [reconciled] in Self.cycles(in: reconciled) }
        let project = checkProject()
        let names = self.names
        checkUniqueNames(reconciled)
        checkReferences(names)
        checkKinds(project: project, names: names)
        cycles.value().forEach(sink.add)
    }

    private func checkProject() -> Project? {
        // Each cast, failed or not, copied the whole resource: only the Projects are cast.
        let projects = resources.filter { type(of: $0).kind == .project }.compactMap { $0 as? Project }
        if projects.isEmpty {
            sink.error(.projectCount, at: fallbackLocation,
                "no Project document found; add one (conventionally botops.yaml at the root) with apiVersion botops/v1 and kind Project")
        }
        for extra in projects.dropFirst() {
            sink.error(.projectCount, at: extra.metadata.location,
                "a second Project '\(extra.metadata.name)'; a configuration has exactly one, the first is at \(projects[0].metadata.location)")
        }
        return projects.first
    }

    /// `reconciled`: the resources the engine reconciles, all but the Project.
    private func checkUniqueNames(_ reconciled: [any DeclaredResource]) {
        // Where the first of each address is, by its index: a location read of every resource copied its metadata.
        var seen: [ResourceAddress: Int] = [:]
        // Grown one doubling at a time, the table was rehashed a dozen times over 10,000 documents.
        seen.reserveCapacity(reconciled.count)
        for (index, resource) in reconciled.enumerated() {
            let address = resource.address
            if let first = seen[address] {
                sink.error(.duplicate, at: resource.metadata.location,
                    "\(address) is defined twice; the first definition is at \(reconciled[first].metadata.location)")
            } else {
                seen[address] = index
            }
        }
    }

    private var names: [ResourceKind: Set<String>] {
        var names: [ResourceKind: Set<String>] = [:]
        for address in declared { names[address.kind, default: []].insert(address.name) }
        return names
    }

    private func checkReferences(_ names: [ResourceKind: Set<String>]) {
        func declared(_ address: ResourceAddress) -> Bool { names[address.kind]?.contains(address.name) ?? false }
        for resource in resources {
            // The metadata (where to report) is read only for a resource with something to report.
            guard !resource.dependsOn.allSatisfy(declared) || !resource.references.allSatisfy({ declared($0.address) }) else { continue }
            let metadata = resource.metadata, kind = type(of: resource).kind
            for dependency in metadata.dependsOn where !declared(dependency) {
                sink.error(.danglingReference, at: metadata.referenceLocations["dependsOn:\(dependency)"] ?? metadata.location,
                    "\(kind.rawValue)/\(metadata.name) depends on \(dependency), which is not defined"
                    + Suggestion.phrase(for: dependency.name, in: (names[dependency.kind] ?? []).sorted()))
            }
            for reference in resource.references where !declared(reference.address) {
                sink.error(.danglingReference, at: metadata.referenceLocations[reference.key] ?? metadata.location,
                    "\(kind.rawValue)/\(metadata.name) refers to \(reference.address), which is not defined"
                    + Suggestion.phrase(for: reference.address.name, in: (names[reference.address.kind] ?? []).sorted()))
            }
        }
    }

    /// Each kind's own check, over all its resources.
    private func checkKinds(project: Project?, names: [ResourceKind: Set<String>]) {
        var context = KindCheckContext(project: project, names: names, sink: sink)
        var byKind: [ResourceKind: [any DeclaredResource]] = [:]
        for resource in resources { byKind[type(of: resource).kind, default: []].append(resource) }
        context.declared = byKind
        for spec in kinds.specs {
            guard let check = spec.check, let list = byKind[spec.kind] else { continue }
            check(list, context)
        }
    }

    /// Every dependency cycle among `reconciled`, each once, at the location of its first resource.
    private static func cycles(in reconciled: [any DeclaredResource]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var edges: [ResourceAddress: [ResourceAddress]] = [:]
        var locations: [ResourceAddress: SourceLocation] = [:]
        // A resource that depends on nothing is on no cycle: it is left out of the search, which then neither
        // starts from it nor steps onto it (most rows and schedules of a large fleet are such).
        for resource in reconciled {
            guard !resource.dependsOn.isEmpty else { continue }
            // Read once: each read through the protocol copies the whole metadata.
            let metadata = resource.metadata, address = resource.address
            locations[address] = locations[address] ?? metadata.location
            edges[address, default: []] += metadata.dependsOn
        }
        // Iterative three-colour depth-first search, so deep chains cannot overflow the stack.
        var state: [ResourceAddress: Int] = [:]  // 1 = on the current path, 2 = done
        var reported: Set<Set<ResourceAddress>> = []
        for start in edges.keys.sorted() where state[start] == nil {
            var stack: [(ResourceAddress, Int)] = [(start, 0)]
            var path: [ResourceAddress] = [start]
            state[start] = 1
            while let (node, next) = stack.last {
                let targets = edges[node] ?? []
                if next < targets.count {
                    stack[stack.count - 1].1 += 1
                    let target = targets[next]
                    guard edges[target] != nil else { continue }
                    if state[target] == 1 {
                        let cycle = Array(path[path.firstIndex(of: target)!...])
                        if reported.insert(Set(cycle)).inserted {
                            let first = cycle.min { locations[$0]! < locations[$1]! }!
                            let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
                            found.append(Diagnostic(.error, .dependencyCycle, at: locations[first]!,
                                "dependency cycle: " + (rotated + [first]).map(\.description).joined(separator: " -> ")))
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
        return found
    }
}
