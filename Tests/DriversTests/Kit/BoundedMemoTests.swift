@testable import Drivers
import Spec
import Synchronization
import Testing

/// Values shared between the resources that have them alike: worked out once per key, and bounded.
@Suite("Bounded memo")
struct BoundedMemoTests {
    @Test func aKeySeenBeforeIsNotWorkedOutAgain() {
        let memo = BoundedMemo<String, [Int]>(capacity: 4)
        let made = Mutex(0)
        let make = { (key: String) -> [Int] in
            made.withLock { $0 += 1 }
            return Array(repeating: key.count, count: 3)
        }
        #expect(memo.value(for: "ab") { make("ab") } == [2, 2, 2])
        #expect(memo.value(for: "ab") { make("ab") } == [2, 2, 2])
        #expect(memo.value(for: "abc") { make("abc") } == [3, 3, 3])
        #expect(made.withLock { $0 } == 2, "one make per distinct key")
    }

    @Test func itHoldsNoMoreThanItsCapacity() {
        let memo = BoundedMemo<Int, Int>(capacity: 8)
        for key in 0..<100 { #expect(memo.value(for: key) { key * 2 } == key * 2) }
        #expect(memo.count <= 8)
        #expect(memo.count >= 1, "the last key is remembered")
    }

    @Test func botsDeclaringTheSameRightsShareOneValue() {
        let declared = ["can_pin_messages": true, "can_delete_messages": true]
        let first = TelegramValues.rights(declared), second = TelegramValues.rights(declared)
        #expect(first == second)
        #expect(first["can_manage_tags"] == .bool(true), "defaults to can_pin_messages, as Telegram does")
        #expect(first["can_invite_users"] == .bool(false))
        #expect(TelegramValues.rights(["can_pin_messages": false])["can_manage_tags"] == .bool(false),
                "another declaration is worked out on its own")
        let observed: JSONValue = .object(["can_pin_messages": .bool(true), "a_right_of_a_later_version": .bool(true)])
        #expect(TelegramValues.rights(observed: observed) == TelegramValues.rights(observed: observed))
        #expect(TelegramValues.rights(observed: observed)["a_right_of_a_later_version"] == nil)
        #expect(TelegramValues.rights(observed: observed)["can_pin_messages"] == .bool(true))
    }
}
