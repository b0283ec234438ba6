import Foundation
import Reconciler
import Spec
import Testing

/// A resource whose declaration changed in some fields only is compared, in a targeted plan, in
/// those fields only: a push does not re-check (or fix) the rest of it; the full plan does.
@Suite("Field scopes: a targeted plan compares only the fields a commit changed", .timeLimit(.minutes(1)))
struct FieldScopeTests {
    let beta = Fixtures.bot("beta"), hook = Fixtures.webhook("beta")

    static func bot(_ name: String, color: String, size: Int = 1) -> JSONValue {
        .object(["name": .string(name), "look": .object(["color": .string(color), "size": .int(size)])])
    }

    func context(_ inventory: Inventory) -> DriverContext {
        DriverContext(state: Fixtures.state(revision: "b"), inventory: inventory, secrets: SecretResolver(environment: [:]),
                      logger: .init(label: "test"))
    }

    @Test func onlyTheChangedFieldsOfAChangedResourceAreCompared() async throws {
        // Live, someone painted beta blue; the commit renames it.
        let fleet = FakeFleet(live: [beta: Self.bot("beta", color: "blue"), hook: Fixtures.named("hook")])
        var driver = FakeDriver(resources: [], fleet: fleet)
        driver.byRevision = ["a": [Fixtures.resource(beta, Self.bot("beta", color: "red")),
                                   Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [beta])],
                             "b": [Fixtures.resource(beta, Self.bot("beta-2", color: "red")),
                                   Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [beta])]]
        let inventory = Fixtures.inventory([Fixtures.owned(beta), Fixtures.owned(hook, dependsOn: [beta])], revision: "a")

        let targeted = await Planner(drivers: [driver]).plan(context: context(inventory), baseline: Fixtures.state(revision: "a")).plan
        #expect(targeted.change(for: beta)?.fields.map(\.path) == ["name"], "the colour is the full plan's")
        #expect(targeted.change(for: hook)?.action == .noOp, "a dependent is compared whole")

        let full = await Planner(drivers: [driver]).plan(context: context(inventory)).plan
        #expect(full.change(for: beta)?.fields.map(\.path) == ["look.color", "name"])
    }

    @Test func scopesListTheChangedValuePathsOfResourcesChangedInTheirValueAlone() {
        let was = [Fixtures.resource(beta, Self.bot("beta", color: "red")),
                   Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [beta]),
                   Fixtures.resource(Fixtures.bot("gone"), Fixtures.named("gone"))]
        let now = [Fixtures.resource(beta, Self.bot("beta", color: "red", size: 2)),
                   Fixtures.resource(hook, Fixtures.named("hook-2")),
                   Fixtures.resource(Fixtures.bot("new"), Fixtures.named("new"))]
        let owned = Fixtures.inventory([Fixtures.owned(beta), Fixtures.owned(hook, dependsOn: [beta]), Fixtures.owned(Fixtures.bot("gone"))])
        let scopes = DeclarationDiff(before: [DesiredSet(was)], after: [DesiredSet(now)]).changedFields(inventory: owned)
        #expect(scopes == [beta: ["look.size"]], "the hook's dependencies changed too, so it is read whole; added and removed ones too")
        #expect(DeclarationDiff(before: [DesiredSet(was)], after: [DesiredSet(now)]).changedFields(inventory: Fixtures.inventory([])).isEmpty,
                "a resource botops does not own yet is compared whole")
    }

    @Test func aContextReadsAFieldWhenItHoldsOrLiesWithinAScopedOne() {
        var context = context(Fixtures.inventory([]))
        context.fieldScopes = [beta: ["profile.default.description", #"commands["all_group_chats/ru"]"#]]
        #expect(context.reads("profile.default.description", of: beta))
        #expect(context.reads("profile.default", of: beta))
        #expect(context.reads("profile", of: beta))
        #expect(!context.reads("profile.default.name", of: beta))
        #expect(!context.reads("profile.ru.description", of: beta))
        #expect(context.reads(#"commands["all_group_chats/ru"]"#, of: beta))
        #expect(!context.reads("commands.default", of: beta))
        #expect(!context.reads("menu_button", of: beta))
        #expect(context.reads("menu_button", of: hook), "a resource without a scope is read whole")
    }
}
