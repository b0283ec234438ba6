/// What the loader knows of one kind: its name and rank, how a document of it is read, and the
/// checks that need every document of it at once. Declared once, in the kind's folder, and listed
/// in a ``KindRegistry``.
public struct KindSpec: Sendable {
    /// Reads a document's `spec` into the kind's model, reporting problems through the reader.
    public typealias Reader = @Sendable (MappingReader, ResourceMetadata) -> (any DeclaredResource)?
    /// Checks every declared resource of the kind together (one webhook per bot), reporting through the context.
    public typealias Check = @Sendable ([any DeclaredResource], KindCheckContext) -> Void
    /// Makes the resources of a derived kind from a valid configuration (a BotRecord per Bot).
    public typealias Derive = @Sendable (DesiredState) -> [any DeclaredResource]
    /// Completes the kind's resources with what only the whole configuration tells (whether the bot a
    /// Container runs polls), once the configuration is valid.
    public typealias Link = @Sendable ([any DeclaredResource], DesiredState) -> [any DeclaredResource]

    public let kind: ResourceKind
    /// Nil for a kind that is derived from others and never written in YAML (BotRecord).
    public let read: Reader?
    /// Top-level spec keys whose value names something else (`bot`, `engine`); their place is kept in
    /// ``ResourceMetadata/referenceLocations`` for messages about what they name.
    public let referenceKeys: [String]
    /// Whether `spec` may be left out (every field has a default).
    public let specOptional: Bool
    public let check: Check?
    public let derive: Derive?
    public let link: Link?

    public init(kind: ResourceKind, referenceKeys: [String] = [], specOptional: Bool = false,
                read: Reader?, check: Check? = nil, link: Link? = nil) {
        self.kind = kind
        self.read = read
        self.referenceKeys = referenceKeys
        self.specOptional = specOptional
        self.check = check
        self.link = link
        derive = nil
    }

    /// A kind made from others by the loader, never written in YAML.
    public init(derived kind: ResourceKind, derive: @escaping Derive) {
        self.kind = kind
        read = nil
        referenceKeys = []
        specOptional = false
        check = nil
        link = nil
        self.derive = derive
    }

    /// Whether documents may declare it (`kind:`).
    public var isDeclarable: Bool { read != nil }
}
