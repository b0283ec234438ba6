/// What every reader of one file shares: the file's path, the diagnostics being collected and the
/// other files the configuration may name (photos).
struct ReadContext {
    let file: String
    let sink: DiagnosticSink
    var assets = AssetCatalog(source: nil)
    /// Told when this file's reading consults another file.
    var assetUse = AssetUse()

    /// The file at `path` (relative to the root), read through ``assets``; the read is noted in ``assetUse``.
    func inspectAsset(_ path: String, maxBytes: Int) -> Result<AssetCatalog.Inspection, ConfigSourceError> {
        assetUse.mark()
        return assets.inspect(path, maxBytes: maxBytes)
    }

    /// `path` as written in this file (relative to the file's folder), relative to the root; nil
    /// when it is absolute or leaves the root.
    func rootRelative(_ path: String) -> String? {
        let folder = file.split(separator: "/").dropLast().joined(separator: "/")
        return DirectorySource.normalizedAssetPath(folder.isEmpty ? path : folder + "/" + path)
    }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }
}
