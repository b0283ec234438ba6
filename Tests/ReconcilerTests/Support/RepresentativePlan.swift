import Reconciler
import Spec

/// One plan with every kind of line the renderers draw, built by hand so the golden files change
/// only when rendering does: a create with a secret, an update with nested paths and a bracketed
/// key, a replace in each order, a delete, a no-op, unknown resources (one unreachable system
/// named once) and a refusal; and an apply report with each outcome.
enum RepresentativePlan {
    static let fingerprint = "hmac-sha256:" + String(repeating: "5e", count: 32)
    static let shop = Fixtures.bot("shop"), support = Fixtures.bot("support"), shopHook = Fixtures.webhook("shop"),
        legacyHook = Fixtures.webhook("legacy"), worker = Fixtures.container("worker"), metrics = Fixtures.container("metrics"),
        gateway = Fixtures.container("gateway"), edge1 = Fixtures.container("edge1"), edge2 = Fixtures.container("edge2"),
        edgeHook = Fixtures.webhook("edge")
    /// The engine that did not answer, held back two containers.
    static let edge = EndpointFailure(endpoint: "the Docker engine edge at tcp://edge.internal:2376", reason: .noAnswer,
                                      detail: "connection timed out")

    /// Where the declared resources of the plan are written (the deleted webhook is not).
    static let locations: [ResourceAddress: SourceLocation] = [
        shop: SourceLocation(file: "bots/shop.yaml", line: 3, column: 3),
        support: SourceLocation(file: "bots/support.yaml", line: 3, column: 3),
        shopHook: SourceLocation(file: "webhooks/shop.yaml", line: 3, column: 3),
        worker: SourceLocation(file: "containers/worker.yaml", line: 3, column: 3),
        metrics: SourceLocation(file: "containers/metrics.yaml", line: 3, column: 3),
        gateway: SourceLocation(file: "containers/gateway.yaml", line: 3, column: 3),
        edge1: SourceLocation(file: "containers/edge.yaml", line: 3, column: 3),
        edge2: SourceLocation(file: "containers/edge.yaml", line: 14, column: 3),
        edgeHook: SourceLocation(file: "webhooks/edge.yaml", line: 3, column: 3),
    ]

    static let plan: Plan = {
        var plan = Plan(
        revision: "3f9c2ab41d7e8f0a1b2c3d4e5f60718293a4b5c6",
        configDigest: "6b1f0c2d9e8a7b3c4d5e6f708192a3b4",
        changes: [
            Change(address: shop, action: .create, fields: [
                FieldChange(path: "commands[\"default/en\"]", before: nil,
                            after: .array([.object(["command": "start", "description": "Open the shop"])])),
                FieldChange(path: "profile.en.name", before: nil, after: "Shop"),
                FieldChange(path: "token", before: nil, after: .string(fingerprint), sensitive: true),
            ], lane: "telegram:shop", observedDigest: "absent"),
            Change(address: support, action: .update, fields: [
                FieldChange(path: "commands[\"default/ru\"]",
                            before: .array([.object(["command": "start", "description": "Начать"])]),
                            after: .array([.object(["command": "start", "description": "Начать"]),
                                           .object(["command": "help", "description": "Помощь"])])),
                FieldChange(path: "menu_button.type", before: "default", after: "commands"),
                FieldChange(path: "profile.en.about", before: "Ask us anything", after: nil),
                FieldChange(path: "profile.en.name", before: "Support", after: "Help desk"),
            ], reason: "not managed by botops yet", lane: "telegram:support", observedDigest: "a1b2c3d4e5f60718"),
            Change(address: shopHook, action: .noOp, dependsOn: [shop], lane: "telegram:shop", observedDigest: "absent"),
            Change(address: legacyHook, action: .delete, fields: [
                FieldChange(path: "secret_token", before: .string(fingerprint), after: nil, sensitive: true),
                FieldChange(path: "url", before: "https://old.example.com/hook", after: nil),
            ], reason: "no longer declared", dependsOn: [support], lane: "telegram:support", observedDigest: "0f1e2d3c4b5a6978"),
            Change(address: metrics, action: .create, fields: [
                FieldChange(path: "image", before: nil, after: "registry.local/metrics:2.0"),
            ], dependsOn: [worker], observedDigest: "absent"),
            Change(address: worker, action: .replace, fields: [
                FieldChange(path: "env.LOG_LEVEL", before: "info", after: "debug"),
                FieldChange(path: "image", before: "registry.local/worker:1.4", after: "registry.local/worker:1.5"),
            ], reason: "image cannot change in place", cause: .forcedReplace, order: .destroyBeforeCreate,
               observedDigest: "8899aabbccddeeff"),
            Change(address: gateway, action: .replace, fields: [
                FieldChange(path: "image", before: "registry.local/gateway:3.1", after: "registry.local/gateway:3.2"),
            ], reason: "image cannot change in place", cause: .forcedReplace, order: .createBeforeDestroy,
               handle: Handle(.object(["engine": "default", "id": "4f2a9c"])), observedDigest: "1122334455667788"),
        ],
        unknown: [
            ResourceError(address: edge1, code: .unreachable, message: "the Docker engine edge at tcp://edge.internal:2376 is unreachable",
                          endpoint: edge),
            ResourceError(address: edge2, code: .unreachable, message: "the Docker engine edge at tcp://edge.internal:2376 is unreachable",
                          endpoint: edge),
            ResourceError(address: edgeHook, code: .heldBack,
                          message: "held back: depends on Container/edge1, which could not be read (Container/edge1 is unknown this run)"),
        ],
        refusals: [Refusal(.tooManyDeletes, "the plan deletes 2 resources, more than the limit of 1 (maxDeletes in the Project); "
            + "if that is intended, run again with --allow-deletes 2")])
        plan.appliedRevision = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"
        plan.commits = [CommitSummary(id: "3f9c2ab41d7e8f0a1b2c3d4e5f60718293a4b5c6", subject: "Retire the old worker"),
                        CommitSummary(id: "a1b2c3d4e5f60718293a4b5c63f9c2ab41d7e8f0", subject: "Add the shop bot")]
        return plan
    }()

    static let report = ApplyReport(
        outcomes: [
            shop: .applied(writes: 3),
            support: .applied(writes: 2),
            legacyHook: .applied(writes: 1),
            worker: .failed(ResourceError(address: worker, code: .applyFailed,
                message: "the engine refused to pull registry.local/worker:1.5 (manifest unknown); check the image tag",
                location: SourceLocation(file: "containers/worker.yaml", line: 7, column: 10))),
            metrics: .skipped(because: worker),
            gateway: .notStarted,
        ],
        actions: Dictionary(uniqueKeysWithValues: plan.actionable.map { ($0.address, $0.action) }), stopped: .cancelled)
}
