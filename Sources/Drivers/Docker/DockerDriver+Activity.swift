import Foundation
import NIOCore
import Reconciler
import Spec

extension DockerDriver {
    /// A container's exit, from the engine's events, and whether it was started again afterwards (by its
    /// restart policy, or by anyone): the engine does not say who stopped it, so neither does botops.
    struct ContainerExit: Sendable, Hashable {
        let container: String
        /// The engine's own clock, in nanoseconds since 1970: with the container it names the exit everywhere.
        let timeNano: Int
        let exitCode: Int?
        let outOfMemory: Bool
        let startedAgain: Bool

        var at: Date { Date(timeIntervalSince1970: Double(timeNano) / 1e9) }

        /// As ``Observations/details`` carries it: `{"id", "at_ms", "exit_code", "out_of_memory", "started_again"}`,
        /// `at_ms` in milliseconds since 1970.
        var json: JSONValue {
            var fields: [String: JSONValue] = ["id": .string("container-exit:\(container.prefix(12)):\(timeNano)"),
                                               "at_ms": .int(timeNano / 1_000_000), "out_of_memory": .bool(outOfMemory),
                                               "started_again": .bool(startedAgain)]
            if let exitCode { fields["exit_code"] = .int(exitCode) }
            return .object(fields)
        }
    }

    /// Reports in `observations` the exits in `window` of the asked containers (the very container each is
    /// now, not one it replaced) on the engines that could be listed: `{"exits": [...]}` in ``Observations/details``.
    func noteExits(in window: ActivityWindow, listings: [String: Result<EngineListing, EngineFailure>], asked: [ResourceAddress],
                   project: String, context: DriverContext, into observations: inout Observations) async {
        let listed = listings.compactMap { name, listing in listing.success.map { (name, $0) } }.sorted { $0.0 < $1.0 }
        let read = await concurrentMap(listed, limit: concurrency) { name, _ -> [ResourceAddress: [ContainerExit]] in
            do throws(DockerAPIError) {
                return try await self.exits(engine: name, project: project, window: window, context: context)
            } catch {
                // Exits are told, never acted on: an engine that does not say leaves them untold this pass.
                context.logger.warning("a Docker engine's container exits could not be read",
                                       metadata: ["engine": "\(name)", "error": "\(error.message)"])
                return [:]
            }
        }
        let asked = Set(asked)
        for (index, exits) in read.enumerated() {
            let listing = listed[index].1
            for (address, list) in exits where asked.contains(address) {
                let current = Set((listing.byResource[address] ?? []).filter { $0.name == address.name }.map(\.id))
                let own = list.filter { current.contains($0.container) }
                guard !own.isEmpty else { continue }
                let found = observations.details[address]?["exits"]?.arrayValue ?? []
                observations.details[address] = .object(["exits": .array(found + own.map(\.json))])
            }
        }
    }

    /// The exits of this project's containers on one engine in `window`, by resource. One request per engine
    /// and pass. Docker ends its answer at `until` (now, so a start just after the window's last exit is seen);
    /// podman 4 answers nothing when given `until`, so it is asked not to stream instead.
    func exits(engine name: String, project: String, window: ActivityWindow,
               context: DriverContext) async throws(DockerAPIError) -> [ResourceAddress: [ContainerExit]] {
        guard let client = engine(named: name, in: context)?.1 else { return [:] }
        let filters = JSONValue.object(["type": .array(["container"]),
                                        "label": .array([.string("\(ContainerValues.projectLabel)=\(project)")])])
        var query = [("since", Self.timestamp(window.since)), ("filters", filters.description)]
        if try await client.info().isPodman {
            query.append(("stream", "false"))
        } else {
            query.append(("until", Self.timestamp(Date())))
        }
        let answer = try await client.raw(.GET, "/events", query: query, body: nil, contentType: nil, timeout: .seconds(30))
        return Self.exits(inEvents: String(buffer: answer), window: window)
    }

    /// `die` events in `window`, by resource, each with whether a `start` of the same container came after it.
    static func exits(inEvents text: String, window: ActivityWindow) -> [ResourceAddress: [ContainerExit]] {
        struct Death { let address: ResourceAddress; let container: String; let timeNano: Int; let code: Int? }
        var deaths: [Death] = []
        var starts: [String: [Int]] = [:]
        var memory: [String: [Int]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let event = DockerClient.decode(ByteBuffer(string: String(line))),
                  let action = event["Action"]?.stringValue, let actor = event["Actor"],
                  let container = actor["ID"]?.stringValue, let timeNano = event["timeNano"]?.intValue else { continue }
            switch EngineEventAction(rawValue: action) {
            case .start: starts[container, default: []].append(timeNano)
            case .oom: memory[container, default: []].append(timeNano)
            case .die:
                let attributes = actor["Attributes"] ?? .null
                guard let address = attributes[ContainerValues.resourceLabel]?.stringValue.flatMap({ ResourceAddress(parsing: $0) }),
                      address.kind == .container else { continue }
                deaths.append(Death(address: address, container: container, timeNano: timeNano,
                                    code: attributes["exitCode"]?.stringValue.flatMap { Int($0) }))
            case nil: continue
            }
        }
        var exits: [ResourceAddress: [ContainerExit]] = [:]
        for death in deaths where window.contains(Date(timeIntervalSince1970: Double(death.timeNano) / 1e9)) {
            let time = death.timeNano
            let oom = memory[death.container, default: []].contains { $0 >= time - 5_000_000_000 && $0 <= time }
            let again = starts[death.container, default: []].contains { $0 > time }
            exits[death.address, default: []].append(ContainerExit(container: death.container, timeNano: time, exitCode: death.code,
                                                                   outOfMemory: oom, startedAgain: again))
        }
        return exits.mapValues { $0.sorted { $0.timeNano < $1.timeNano } }
    }

    /// Seconds and nanoseconds since 1970, as both engines read `since` and `until`.
    static func timestamp(_ date: Date) -> String {
        let nanos = Int((date.timeIntervalSince1970 * 1e9).rounded())
        let seconds = nanos / 1_000_000_000, rest = nanos % 1_000_000_000
        return "\(seconds)." + String(repeating: "0", count: 9 - String(rest).count) + String(rest)
    }
}

/// The container events of `GET /events` that tell an exit (Docker's names; podman's compat API answers with them too).
enum EngineEventAction: String {
    case start
    case die
    case oom
}
