import Reconciler
import Spec
import Testing

@Suite("ValueDiffer: field-level differences", .timeLimit(.minutes(1)))
struct ValueDifferTests {
    @Test func equalValuesHaveNoChanges() {
        let value: JSONValue = .object(["a": .int(1), "b": .object(["c": .array([.int(1), .int(2)])])])
        #expect(ValueDiffer.changes(before: value, after: value).isEmpty)
    }

    @Test func changedLeafIsReportedWithBothValues() {
        let changes = ValueDiffer.changes(before: .object(["a": .int(1), "b": .int(2)]),
                                          after: .object(["a": .int(1), "b": .int(3)]))
        #expect(changes == [FieldChange(path: "b", before: .int(2), after: .int(3))])
    }

    @Test func nestedObjectsAreWalkedDownToTheLeaves() {
        let before: JSONValue = .object(["profile": .object(["en": .object(["name": "Shop", "about": "Hi"])])])
        let after: JSONValue = .object(["profile": .object(["en": .object(["name": "Shop Bot", "about": "Hi"]),
                                                            "ru": .object(["name": "Магазин"])])])
        #expect(ValueDiffer.changes(before: before, after: after) == [
            FieldChange(path: "profile.en.name", before: "Shop", after: "Shop Bot"),
            FieldChange(path: "profile.ru.name", before: nil, after: "Магазин"),
        ])
    }

    @Test func createAndDeleteListEveryLeaf() {
        let value: JSONValue = .object(["name": "a", "rights": .object(["pin": .bool(true)])])
        #expect(ValueDiffer.changes(before: nil, after: value) == [
            FieldChange(path: "name", before: nil, after: "a"),
            FieldChange(path: "rights.pin", before: nil, after: .bool(true)),
        ])
        #expect(ValueDiffer.changes(before: value, after: nil) == [
            FieldChange(path: "name", before: "a", after: nil),
            FieldChange(path: "rights.pin", before: .bool(true), after: nil),
        ])
    }

    @Test func listsAreComparedWhole() {
        let before: JSONValue = .object(["commands": .array(["start", "help"])])
        let after: JSONValue = .object(["commands": .array(["help", "start"])])
        #expect(ValueDiffer.changes(before: before, after: after) == [
            FieldChange(path: "commands", before: .array(["start", "help"]), after: .array(["help", "start"])),
        ])
    }

    @Test func objectReplacedByScalarIsOneChange() {
        let changes = ValueDiffer.changes(before: .object(["menu": .object(["type": "web_app"])]),
                                          after: .object(["menu": "default"]))
        #expect(changes == [FieldChange(path: "menu", before: .object(["type": "web_app"]), after: "default")])
    }

    @Test func keysThatAreNotIdentifiersGetBrackets() {
        let before: JSONValue = .object(["commands": .object(["default/ru": .array(["start"])])])
        let after: JSONValue = .object(["commands": .object(["default/ru": .array(["start", "help"]),
                                                             "chat:42/en": .object(["x": .int(1)])])])
        #expect(ValueDiffer.changes(before: before, after: after).map(\.path) == [
            #"commands["chat:42/en"].x"#,
            #"commands["default/ru"]"#,
        ])
    }

    @Test func joinQuotesOnlyWhatNeedsQuoting() {
        #expect(ValueDiffer.join("", "name") == "name")
        #expect(ValueDiffer.join("profile", "en_US-x") == "profile.en_US-x")
        #expect(ValueDiffer.join("", "a b") == #"["a b"]"#)
        #expect(ValueDiffer.join("labels", "com.example") == #"labels["com.example"]"#)
        #expect(ValueDiffer.join("x", #"say "hi""#) == #"x["say \"hi\""]"#)
        #expect(ValueDiffer.join("x", "") == #"x[""]"#)
    }

    @Test func sensitiveLeafIsMarked() {
        let changes = ValueDiffer.changes(before: .object(["token": "hmac-sha256:aa"]),
                                          after: .object(["token": "hmac-sha256:bb"]), sensitive: ["token"])
        #expect(changes == [FieldChange(path: "token", before: "hmac-sha256:aa", after: "hmac-sha256:bb", sensitive: true)])
    }

    @Test func sensitiveObjectIsReportedWholeNotWalked() {
        let before: JSONValue = .object(["env": .object(["DB": "hmac-sha256:aa", "KEY": "hmac-sha256:cc"])])
        let after: JSONValue = .object(["env": .object(["DB": "hmac-sha256:bb", "KEY": "hmac-sha256:cc"])])
        let changes = ValueDiffer.changes(before: before, after: after, sensitive: ["env"])
        #expect(changes.count == 1)
        #expect(changes.first?.path == "env")
        #expect(changes.first?.sensitive == true)
    }

    @Test func unchangedSensitiveFieldIsNotReported() {
        let value: JSONValue = .object(["token": "hmac-sha256:aa", "name": "a"])
        #expect(ValueDiffer.changes(before: value, after: value, sensitive: ["token"]).isEmpty)
    }

    @Test func nestedSensitivePathInANewObjectIsMarked() {
        let changes = ValueDiffer.changes(before: .object([:]),
                                          after: .object(["webhook": .object(["url": "https://x", "secret": "hmac-sha256:aa"])]),
                                          sensitive: ["webhook.secret"])
        #expect(changes.map(\.path) == ["webhook.secret", "webhook.url"])
        #expect(changes.map(\.sensitive) == [true, false])
    }

    /// A value reported whole (here: null live, an object declared) that holds a sensitive path
    /// must be sensitive itself, or the fingerprint inside it is printed.
    @Test func wholeValueContainingASensitivePathIsSensitive() {
        let changes = ValueDiffer.changes(before: .object(["webhook": .null]),
                                          after: .object(["webhook": .object(["url": "https://x", "secret": "hmac-sha256:aa"])]),
                                          sensitive: ["webhook.secret"])
        let leaking = changes.filter { !$0.sensitive && ($0.after?.description.contains("hmac-sha256:aa") ?? false) }
        #expect(leaking.isEmpty, "these changes carry the fingerprint but are not sensitive: \(leaking)")
    }
}
