@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// The engines' event streams as they were read from Docker Engine 20.10 and podman 4.3.1 here.
@Suite("Docker: which of an engine's events are exits on their own", .timeLimit(.minutes(5)))
struct ContainerExitEventsTests {
    static let base = 1_796_526_000_000_000_000

    static func event(_ action: String, _ container: String, secondsIn: Double, code: Int? = nil, resource: String? = "Container/bot-web") -> String {
        var attributes: [String: JSONValue] = ["name": .string(container)]
        if let resource { attributes["dev.botops.resource"] = .string(resource) }
        if let code { attributes["exitCode"] = .string("\(code)") }
        let nano = base + Int(secondsIn * 1e9)
        return JSONValue.object(["Type": "container", "Action": .string(action), "id": .string(container), "timeNano": .int(nano),
                                 "Actor": .object(["ID": .string(container), "Attributes": .object(attributes)])]).description
    }

    static let window = ActivityWindow(since: Date(timeIntervalSince1970: Double(base) / 1e9),
                                       until: Date(timeIntervalSince1970: Double(base) / 1e9 + 600))

    @Test func eachDeathIsAnExitWithItsCodeAndWhetherItStartedAgain() {
        // Docker tells a restart policy's restart as die, start; podman as die, restart, init, start.
        let text = [Self.event("start", "c1", secondsIn: 1), Self.event("die", "c1", secondsIn: 10, code: 3),
                    Self.event("restart", "c1", secondsIn: 10.001), Self.event("init", "c1", secondsIn: 10.05),
                    Self.event("start", "c1", secondsIn: 10.1), Self.event("die", "c1", secondsIn: 20, code: 137),
                    Self.event("cleanup", "c1", secondsIn: 20.1)].joined(separator: "\n")
        let exits = DockerDriver.exits(inEvents: text, window: Self.window)[ResourceAddress(.container, "bot-web")] ?? []
        #expect(exits.map(\.exitCode) == [3, 137])
        #expect(exits.map(\.startedAgain) == [true, false])
        #expect(exits.first?.json["id"]?.stringValue == "container-exit:c1:\(Self.base + 10_000_000_000)")
        #expect(exits.first?.json["at_ms"]?.intValue == (Self.base + 10_000_000_000) / 1_000_000)
    }

    @Test func onlyDeathsInsideTheWindowCountAndOtherThingsAreSkipped() {
        let text = [Self.event("die", "old", secondsIn: -5, code: 1), Self.event("die", "late", secondsIn: 700, code: 1),
                    Self.event("die", "volume", secondsIn: 50, code: 1, resource: "Webhook/x"), Self.event("die", "foreign", secondsIn: 50, code: 1, resource: nil),
                    "not json", "", Self.event("die", "kept", secondsIn: 60, code: 2)].joined(separator: "\n")
        let exits = DockerDriver.exits(inEvents: text, window: Self.window)
        #expect(exits.count == 1)
        #expect(exits[ResourceAddress(.container, "bot-web")]?.map(\.container) == ["kept"])
    }

    @Test func anOutOfMemoryKillIsSaid() {
        let text = [Self.event("oom", "c1", secondsIn: 9.5), Self.event("die", "c1", secondsIn: 10, code: 137)].joined(separator: "\n")
        let exit = DockerDriver.exits(inEvents: text, window: Self.window)[ResourceAddress(.container, "bot-web")]?.first
        #expect(exit?.outOfMemory == true)
        #expect(exit?.json["out_of_memory"]?.boolValue == true)
    }

    @Test func timestampsCarryNanoseconds() {
        #expect(DockerDriver.timestamp(Date(timeIntervalSince1970: 1_796_526_110.5)) == "1796526110.500000000")
        #expect(DockerDriver.timestamp(Date(timeIntervalSince1970: 7)) == "7.000000000")
    }
}
