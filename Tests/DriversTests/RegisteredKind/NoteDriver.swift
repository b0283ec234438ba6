import Reconciler
import Spec
import Synchronization

/// Where the notes live: a board in memory, standing in for a live system.
final class NoteBoard: Sendable {
    private let notes = Mutex<[String: String]>([:])
    private let writeCount = Atomic<Int>(0)

    var contents: [String: String] { notes.withLock { $0 } }
    var writes: Int { writeCount.load(ordering: .relaxed) }

    func set(_ name: String, _ text: String?) {
        notes.withLock { $0[name] = text }
        writeCount.add(1, ordering: .relaxed)
    }
}

/// Serves the Note kind from a ``NoteBoard``.
struct NoteDriver: Driver {
    let name = "notes"
    let kinds: Set<ResourceKind> = [.note]
    let board: NoteBoard

    func desired(in context: DriverContext) -> DesiredSet {
        DesiredSet(context.declared(Note.self).map { note in
            DesiredResource(address: note.address, value: .object(["text": .string(note.text)]),
                            dependsOn: note.metadata.dependsOn + note.references.map(\.address), location: note.metadata.location)
        })
    }

    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async -> Observations {
        let live = board.contents
        return Observations(found: Dictionary(uniqueKeysWithValues: addresses.map { address in
            (address, live[address.name].map { Observation.present(.object(["text": .string($0)])) } ?? .absent)
        }))
    }

    func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard change.change.action != .delete, let desired = change.desired else {
            board.set(change.address.name, nil)
            return ApplyOutcome(entry: nil, writes: 1)
        }
        board.set(change.address.name, desired.value["text"]?.stringValue)
        return ApplyOutcome(entry: InventoryEntry(address: change.address, dependsOn: desired.dependsOn), writes: 1)
    }
}
