/// What every reader of one file shares: the file's path, the diagnostics being collected and the
/// other files the configuration may name (photos).
///
/// A class: every mapping's reader holds it, and a copy of a struct of four references was four retains.
final class ReadContext {
    let file: String
    let sink: DiagnosticSink
    let assets: AssetCatalog
    /// Told when this file's reading consults another file.
    let assetUse: AssetUse

    init(file: String, sink: DiagnosticSink, assets: AssetCatalog = AssetCatalog(source: nil), assetUse: AssetUse = AssetUse()) {
        self.file = file
        self.sink = sink
        self.assets = assets
        self.assetUse = assetUse
    }

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
