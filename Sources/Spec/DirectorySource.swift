import Dispatch
import Foundation
import Synchronization

/// Reads the configuration from a folder on disk, recursively, skipping dot-folders.
public struct DirectorySource: ConfigSource {
    /// The folder as the user named it.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var displayName: String { root }

    public var displayPrefix: String {
        if root == "." || root == "./" || root.isEmpty { return "" }
        return root.hasSuffix("/") ? root : root + "/"
    }

    public var revision: String? { nil }

    /// Throws unless the root is a folder (what a command checks before it starts, and every read).
    public func checkFolder() throws(ConfigSourceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigSourceError(.directoryUnreadable,
                "configuration folder '\(root)' does not exist or is not a folder; pass the folder holding botops.yaml")
        }
    }

    public func asset(at path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8]? {
        guard let relative = Self.normalizedAssetPath(path) else {
            throw ConfigSourceError(.pathNotFound, "'\(path)' is outside the configuration folder '\(root)'; keep the file inside it")
        }
        let absolute = (root.hasSuffix("/") ? root : root + "/") + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        // A link may not lead out of the root: the commit of this folder could not follow it, and the
        // folder and the commit must give the same bytes.
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path.hasPrefix(resolvedRoot + "/") else {
            throw ConfigSourceError(.pathNotFound,
                "'\(displayPrefix + relative)' is a link to a file outside the configuration folder '\(root)'; copy the file inside it")
        }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: absolute)
        } catch {
            throw ConfigSourceError(.fileUnreadable, "cannot read '\(displayPrefix + relative)': \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            throw ConfigSourceError(.fileTooLarge, "'\(displayPrefix + relative)' is \(size) bytes, over the limit of \(maxBytes)")
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigSourceError(.fileUnreadable, "cannot read '\(displayPrefix + relative)'; check its permissions")
        }
        return Array(data)
    }

    public func sourceFiles() throws -> [SourceFile] {
        try checkFolder()
        var paths: [String] = []
        // A folder that cannot be listed ends the walk; a file before it in the walk's order that cannot be read is
        // still the one reported, as when each file was read as it was found.
        var unlisted: ConfigSourceError?
        do {
            try collect(relative: "", into: &paths)
        } catch {
            unlisted = error
        }
        // Reading the files and checking their UTF-8 was a twentieth of validating 2,000 files, all on one core
        // before the parsing on every core began; each file is read alone, so they are read on every core too.
        let read = Mutex([Result<SourceFile, ConfigSourceError>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { [paths] index in
            let file = Result { () throws(ConfigSourceError) in try self.file(at: paths[index]) }
            read.withLock { $0[index] = file }
        }
        // The first unreadable file in the order the folders were walked is the one reported, as when read one by one.
        // concurrentPerform returns once every iteration has: each slot is filled.
        let files = try read.withLock { $0 }.map { try $0!.get() }
        if let unlisted { throw unlisted }
        return files.sorted { $0.path < $1.path }
    }

    /// The relative paths of the configuration files under `relative`, each folder's entries in name order.
    private func collect(relative: String, into paths: inout [String]) throws(ConfigSourceError) {
        let fm = FileManager.default
        let absolute = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: absolute)
        } catch {
            throw ConfigSourceError(.directoryUnreadable, "cannot list '\(absolute)': \(error.localizedDescription)")
        }
        for name in names.sorted() {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: absolute + "/" + name, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if !ConfigFileFilter.isSkippedFolder(name: name) {
                    try collect(relative: childRelative, into: &paths)
                }
            } else if ConfigFileFilter.isConfigFile(name: name) {
                paths.append(childRelative)
            }
        }
    }

    private func file(at relative: String) throws(ConfigSourceError) -> SourceFile {
        let absolute = root + "/" + relative
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigSourceError(.fileUnreadable, "cannot read '\(absolute)'; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigSourceError(.fileUnreadable, "'\(absolute)' is not UTF-8 text; save it as UTF-8")
        }
        return SourceFile(path: relative, text: text)
    }
}
