import Foundation

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
        var files: [SourceFile] = []
        try collect(relative: "", into: &files)
        return files.sorted { $0.path < $1.path }
    }

    private func collect(relative: String, into files: inout [SourceFile]) throws {
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
            let childAbsolute = absolute + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: childAbsolute, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if !ConfigFileFilter.isSkippedFolder(name: name) {
                    try collect(relative: childRelative, into: &files)
                }
            } else if ConfigFileFilter.isConfigFile(name: name) {
                guard let data = fm.contents(atPath: childAbsolute) else {
                    throw ConfigSourceError(.fileUnreadable, "cannot read '\(childAbsolute)'; check its permissions")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ConfigSourceError(.fileUnreadable, "'\(childAbsolute)' is not UTF-8 text; save it as UTF-8")
                }
                files.append(SourceFile(path: childRelative, text: text))
            }
        }
    }
}
