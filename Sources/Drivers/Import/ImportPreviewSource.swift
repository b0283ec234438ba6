import Foundation
import Spec

/// The configuration folder as it will be once an import is written: its files and the new ones, its
/// assets and the new photos. What import checks its documents against before writing any.
struct ImportPreviewSource: ConfigSource {
    let base: DirectorySource
    let added: [SourceFile]
    let assets: [String: [UInt8]]

    var displayName: String { base.displayName }
    var displayPrefix: String { base.displayPrefix }
    var revision: String? { nil }

    func sourceFiles() throws -> [SourceFile] {
        // A folder that does not exist yet holds nothing: everything is new.
        let existing = FileManager.default.fileExists(atPath: base.root) ? try base.sourceFiles() : []
        return (existing + added).sorted { $0.path < $1.path }
    }

    func asset(at path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8]? {
        if let bytes = assets[path] { return bytes }
        return try base.asset(at: path, maxBytes: maxBytes)
    }
}

extension ImportedFleet {
    /// The fleet with every document that would not load (with the folder's configuration and the other
    /// new documents) left out and its diagnostics made failures, so import writes only what `validate` accepts.
    public func validated(in layout: ConfigLayout) -> ImportedFleet {
        guard !documents.isEmpty else { return self }
        let added = documents.map { SourceFile(path: $0.path, text: $0.text(schemaLine: layout.schemaLine(for: $0.path))) }
        let source = ImportPreviewSource(base: DirectorySource(root: layout.configRoot), added: added,
                                         assets: Dictionary(assets.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first }))
        let result: LoadResult
        do {
            result = try SpecLoader().load(from: source)
        } catch {
            var checked = self
            checked.failures.append("the configuration in \(layout.configRoot) cannot be read: \(error)")
            checked.documents = []
            checked.assets = []
            return checked
        }
        let paths = Set(added.map(\.path))
        let errors = result.diagnostics.filter { $0.severity == .error }
        let broken = Set(errors.map(\.location.file).filter(paths.contains))
        var checked = self
        for diagnostic in errors where paths.contains(diagnostic.location.file) {
            checked.failures.append("\(diagnostic.location): \(diagnostic.message) (not written)")
        }
        checked.documents.removeAll { broken.contains($0.path) }
        checked.assets.removeAll { broken.contains($0.document) }
        return checked
    }
}
