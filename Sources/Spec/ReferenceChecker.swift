/// The checks that need every document at once: one Project, unique names, references that
/// resolve, no dependency cycles, one Webhook per bot and one Bot per token.
struct ReferenceChecker {
    let resources: [DecodedResource]
    /// Every Kind/name written, including documents whose spec had errors.
    let declared: Set<ResourceAddress>
    let sink: DiagnosticSink
    /// Where to report a problem of the configuration as a whole (no Project at all).
    let fallbackLocation: SourceLocation

    func check() {
        checkProject()
        checkUniqueNames()
        checkReferences()
        checkCycles()
    }

    private func checkProject() {
        let projects = resources.compactMap { if case let .project(project) = $0 { project } else { nil } }
        if projects.isEmpty {
            sink.error(.projectCount, at: fallbackLocation,
                "no Project document found; add one (conventionally botops.yaml at the root) with apiVersion botops/v1 and kind Project")
        }
        for extra in projects.dropFirst() {
            sink.error(.projectCount, at: extra.metadata.location,
                "a second Project '\(extra.metadata.name)'; a configuration has exactly one, the first is at \(projects[0].metadata.location)")
        }
    }

    private func checkUniqueNames() {
        var seen: [ResourceAddress: SourceLocation] = [:]
        for resource in resources where resource.kind != .project {
            let address = ResourceAddress(resource.kind, resource.metadata.name)
            if let first = seen[address] {
                sink.error(.duplicate, at: resource.metadata.location,
                    "\(address) is defined twice; the first definition is at \(first)")
            } else {
                seen[address] = resource.metadata.location
            }
        }
    }

    private var names: [ResourceKind: Set<String>] {
        var names: [ResourceKind: Set<String>] = [:]
        for address in declared { names[address.kind, default: []].insert(address.name) }
        return names
    }

    private func checkReferences() {
        let names = self.names
        let bots = names[.bot] ?? []
        let engines = resources.lazy.compactMap { if case let .project(p) = $0 { p.dockerEngines } else { nil } }.first
            ?? Project.defaultEngines
        var webhookOfBot: [String: SourceLocation] = [:]
        var botOfToken: [SecretReference.Origin: (String, SourceLocation)] = [:]

        func requireBot(_ name: String?, of metadata: ResourceMetadata, kind: ResourceKind) {
            guard let name, !bots.contains(name) else { return }
            sink.error(.danglingReference, at: metadata.referenceLocations["bot"] ?? metadata.location,
                "\(kind.rawValue)/\(metadata.name) refers to Bot/\(name), which is not defined"
                + Suggestion.phrase(for: name, in: bots.sorted()))
        }

        for resource in resources {
            let metadata = resource.metadata
            for dependency in metadata.dependsOn where !(names[dependency.kind]?.contains(dependency.name) ?? false) {
                sink.error(.danglingReference, at: metadata.referenceLocations["dependsOn:\(dependency)"] ?? metadata.location,
                    "\(resource.kind.rawValue)/\(metadata.name) depends on \(dependency), which is not defined"
                    + Suggestion.phrase(for: dependency.name, in: (names[dependency.kind] ?? []).sorted()))
            }
            switch resource {
            case let .webhook(webhook):
                requireBot(webhook.bot, of: metadata, kind: .webhook)
                if let first = webhookOfBot[webhook.bot] {
                    sink.error(.duplicate, at: metadata.location,
                        "Bot/\(webhook.bot) already has a webhook at \(first); a bot has at most one")
                } else {
                    webhookOfBot[webhook.bot] = metadata.location
                }
            case let .schedule(schedule):
                requireBot(schedule.bot, of: metadata, kind: .schedule)
            case let .booster(booster):
                requireBot(booster.bot, of: metadata, kind: .booster)
            case let .container(container):
                if engines[container.engine] == nil {
                    sink.error(.danglingReference, at: metadata.referenceLocations["engine"] ?? metadata.location,
                        "Container/\(metadata.name) uses Docker engine '\(container.engine)', which the Project does not define"
                        + Suggestion.phrase(for: container.engine, in: engines.keys.sorted()))
                }
            case let .bot(bot):
                if let (other, _) = botOfToken[bot.token.origin] {
                    sink.error(.duplicate, at: bot.token.location,
                        "Bot/\(metadata.name) uses the same token (\(bot.token)) as Bot/\(other); each bot has its own token")
                } else {
                    botOfToken[bot.token.origin] = (metadata.name, bot.token.location)
                }
            case let .project(project):
                for channel in project.notifications {
                    guard case let .telegram(bot, _) = channel.destination, !bots.contains(bot) else { continue }
                    sink.error(.danglingReference, at: channel.botLocation ?? channel.location,
                        "a notification of Project/\(metadata.name) is sent by Bot/\(bot), which is not defined"
                        + Suggestion.phrase(for: bot, in: bots.sorted()))
                }
            }
        }
    }

    private func checkCycles() {
        var edges: [ResourceAddress: [ResourceAddress]] = [:]
        var locations: [ResourceAddress: SourceLocation] = [:]
        for resource in resources where resource.kind != .project {
            let address = ResourceAddress(resource.kind, resource.metadata.name)
            locations[address] = locations[address] ?? resource.metadata.location
            edges[address, default: []] += resource.metadata.dependsOn
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
                            sink.error(.dependencyCycle, at: locations[first]!,
                                "dependency cycle: " + (rotated + [first]).map(\.description).joined(separator: " -> "))
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
    }
}
