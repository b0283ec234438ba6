import ArgumentParser
import Drivers
import Foundation
import Reconciler
import Spec

/// The end of every import: the files written (all or none), the state told what the first plan needs, and
/// what a person must know on standard error. A failure of one bot or chat does not lose the others: they
/// are written, and the command exits 1 naming what failed.
struct ImportReport {
    let fleet: ImportedFleet
    let layout: ConfigLayout
    let state: String?

    func finish() async throws {
        // What is already there is said first: checking the documents against themselves would only repeat it.
        try self.fleet.files(in: layout).checkNoneExists(in: layout.configRoot)
        let fleet = self.fleet.validated(in: layout)
        let files = fleet.files(in: layout)
        if !files.isEmpty {
            try files.write(into: layout.configRoot)
            let summary = Dictionary(grouping: fleet.documents, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
            Terminal.write("Wrote \(fleet.documents.count) document\(fleet.documents.count == 1 ? "" : "s") "
                + "(\(summary.joined(separator: ", ")))\(fleet.assets.isEmpty ? "" : " and \(fleet.assets.count) photo\(fleet.assets.count == 1 ? "" : "s")") "
                + "into \(layout.configRoot)\(fleet.calls > 0 ? ", from \(fleet.calls) Bot API calls" : "").\n")
            for document in fleet.documents { Terminal.write("  \(document.path)\n") }
        }
        if !fleet.inventory.isEmpty {
            let source = DirectorySource(root: layout.configRoot)
            let store = try FleetSession.store(of: source, override: state)
            let count = try await InventoryImport(store: store).record(fleet.inventory)
            Terminal.note("recorded in the state (\(store.description), under its lock) which live photo each of "
                + "\(count) imported photo file\(count == 1 ? " is" : "s are"), so the first apply does not upload \(count == 1 ? "it" : "them") again")
        }
        for note in fleet.notes { Terminal.note(note) }
        for failure in fleet.failures { Terminal.error(failure) }
        if !fleet.failures.isEmpty { throw ExitCode(1) }
    }
}
