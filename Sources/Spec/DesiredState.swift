/// The whole validated configuration: what botops makes the live systems look like.
///
/// Resources are kept by kind, each kind's sorted by name; a kind's folder adds its typed view
/// (`state.bots`).
public struct DesiredState: Sendable, Hashable {
    public var project: Project
    /// The git commit the configuration was read at, when read from git.
    public var revision: String?
    private var declared: [ResourceKind: [any DeclaredResource]] = [:]
    /// Where the files the configuration names (photos) are read again at apply. Not part of the
    /// state's identity: each declaration records what its file held (``ConfigAsset``).
    public internal(set) var assets = AssetCatalog(source: nil)

    public init(project: Project, resources: [any DeclaredResource] = [], revision: String? = nil) {
        self.project = project
        self.revision = revision
        for resource in resources { declared[type(of: resource).kind, default: []].append(resource) }
        for kind in declared.keys { declared[kind] = Self.sortedByName(declared[kind]!) }
    }

    /// `resources` sorted by name. Each name is read once, through ``DeclaredResource/address`` (reading
    /// `metadata` through the protocol copies all of it): a sort that read two per comparison was 3 % of
    /// validating a large fleet.
    static func sortedByName(_ resources: [any DeclaredResource]) -> [any DeclaredResource] {
        // A closure, not a key path: applying a key path to `any DeclaredResource` copied each whole resource.
        let names = resources.map { $0.address.name }
        return names.indices.sorted { names[$0] < names[$1] }.map { resources[$0] }
    }

    /// Adds `resource`, keeping its kind's resources sorted by name.
    public mutating func insert(_ resource: any DeclaredResource) {
        let kind = type(of: resource).kind
        var list = declared[kind] ?? []
        let index = list.firstIndex { $0.address.name > resource.address.name } ?? list.count
        list.insert(resource, at: index)
        declared[kind] = list
    }

    /// The kinds that have at least one resource.
    public var kinds: [ResourceKind] { declared.keys.sorted() }

    /// Every declared resource of `kind`, by name.
    public func resources(of kind: ResourceKind) -> [any DeclaredResource] { declared[kind] ?? [] }

    /// Every declared resource of one type, by name.
    public func all<R: DeclaredResource>(_ type: R.Type) -> [R] {
        (declared[R.kind] ?? []).compactMap { $0 as? R }
    }

    /// The resource of one type with `name`.
    public func resource<R: DeclaredResource>(_ type: R.Type, named name: String) -> R? {
        declared[R.kind]?.first { $0.address.name == name } as? R
    }

    /// The declared resource at `address`.
    public func resource(at address: ResourceAddress) -> (any DeclaredResource)? {
        declared[address.kind]?.first { $0.address.name == address.name }
    }

    /// Replaces every resource of `kind` (the loader's linking and deriving).
    mutating func replace(_ kind: ResourceKind, with resources: [any DeclaredResource]) {
        declared[kind] = resources.isEmpty ? nil : Self.sortedByName(resources)
    }

    /// The metadata of every declared resource except the Project, by address (derived ones left out).
    public var resources: [ResourceAddress: ResourceMetadata] {
        var all: [ResourceAddress: ResourceMetadata] = [:]
        for (kind, list) in declared where !list.contains(where: { type(of: $0).isDerived }) {
            for resource in list { all[ResourceAddress(kind, resource.metadata.name)] = resource.metadata }
        }
        return all
    }

    /// What each declared resource must wait for: its explicit `dependsOn` plus what its spec refers to.
    public var dependencies: [ResourceAddress: Set<ResourceAddress>] {
        var edges: [ResourceAddress: Set<ResourceAddress>] = [:]
        for (kind, list) in declared where !list.contains(where: { type(of: $0).isDerived }) {
            for resource in list {
                edges[ResourceAddress(kind, resource.metadata.name), default: []]
                    .formUnion(resource.metadata.dependsOn + resource.references.map(\.address))
            }
        }
        return edges
    }

    public static func == (lhs: DesiredState, rhs: DesiredState) -> Bool {
        guard lhs.project == rhs.project, lhs.revision == rhs.revision, lhs.declared.count == rhs.declared.count else {
            return false
        }
        return lhs.declared.allSatisfy { kind, list in
            guard let other = rhs.declared[kind], other.count == list.count else { return false }
            for index in list.indices where boxed(list[index]) != boxed(other[index]) { return false }
            return true
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(project)
        hasher.combine(revision)
        for kind in kinds {
            hasher.combine(kind)
            for resource in declared[kind] ?? [] { hasher.combine(boxed(resource)) }
        }
    }
}

private func boxed(_ resource: some DeclaredResource) -> AnyHashable { AnyHashable(resource) }
