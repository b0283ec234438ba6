extension ResourceKind {
    public static let container = ResourceKind("Container", rank: 30)
}

extension Container: DeclaredResource {
    public static var kind: ResourceKind { .container }
}

extension KindSpec {
    /// A Docker container; its engine is one the Project declares.
    public static let container = KindSpec(kind: .container, referenceKeys: ["engine"],
        read: { spec, metadata in ContainerDecoder(spec: spec, metadata: metadata).decode() },
        check: { resources, context in
            let engines = context.project?.dockerEngines ?? Project.defaultEngines
            for case let container as Container in resources {
                guard let engine = engines[container.engine] else {
                    context.error(.danglingReference, at: container.metadata.referenceLocations["engine"] ?? container.metadata.location,
                        "Container/\(container.metadata.name) uses Docker engine '\(container.engine)', which the Project does not define"
                        + Suggestion.phrase(for: container.engine, in: engines.keys.sorted()))
                    continue
                }
                ContainerEngineCheck(container: container, engine: engine, context: context).run()
            }
        },
        link: { resources, state in
            let withWebhook = Set(state.webhooks.map(\.bot))
            return resources.map { resource in
                guard var container = resource as? Container else { return resource }
                container.runsPollingBot = container.metadata.dependsOn.contains { $0.kind == .bot && !withWebhook.contains($0.name) }
                return container
            }
        })
}

extension DesiredState {
    public var containers: [Container] { all(Container.self) }
}
