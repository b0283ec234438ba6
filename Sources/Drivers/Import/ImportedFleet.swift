import Reconciler
import Spec

/// What an import read: the documents that declare it as it is, the files they name (photos), what the
/// state must know for the first plan to be clean, and what a person must be told.
public struct ImportedFleet: Sendable {
    /// A file a document names, by its path in the configuration folder.
    public struct Asset: Sendable, Hashable {
        public let path: String
        public let bytes: [UInt8]
        /// The document that names it: left out with it.
        public let document: String
    }

    public var documents: [ResourceDocument] = []
    public var assets: [Asset] = []
    /// Entries the state must hold before the first plan (an imported photo's live id), merged into what it has.
    public var inventory: [InventoryEntry] = []
    /// What could not be read or must be done by hand, for standard error.
    public var notes: [String] = []
    /// What failed: a bot whose token was refused, a chat no bot could read. The rest is still imported.
    public var failures: [String] = []
    /// The Bot API calls made.
    public var calls = 0

    public init() {}

    public mutating func merge(_ other: ImportedFleet) {
        documents += other.documents
        assets += other.assets
        inventory += other.inventory
        notes += other.notes
        failures += other.failures
        calls += other.calls
    }

    /// Every file to write into the configuration folder of `layout`, each document naming the schema.
    public func files(in layout: ConfigLayout) -> [GeneratedFile] {
        documents.map { GeneratedFile(path: $0.path, text: $0.text(schemaLine: layout.schemaLine(for: $0.path))) }
            + assets.map { GeneratedFile(path: $0.path, contents: $0.bytes) }
    }
}
