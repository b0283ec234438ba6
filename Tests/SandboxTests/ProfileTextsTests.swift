import Sandbox
import Testing

@Suite("Profile texts: name, description, short description", .timeLimit(.minutes(1)))
struct ProfileTextsTests {
    /// (setter, getter, parameter and result field, longest accepted length, error for one more)
    static let kinds: [(String, String, String, Int, String)] = [
        ("setMyName", "getMyName", "name", 64, "Bad Request: bot name is too long"),
        ("setMyDescription", "getMyDescription", "description", 512, "Bad Request: bot description is too long"),
        ("setMyShortDescription", "getMyShortDescription", "short_description", 120, "Bad Request: bot short description is too long"),
    ]

    @Test("per-language values; unset languages read back as \"\"; an empty value removes", arguments: kinds)
    func perLanguage(kind: (String, String, String, Int, String)) async throws {
        let (setter, getter, field, _, _) = kind
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call(getter).result == [field: ""])
            #expect(try await api.call(setter, [field: "Default text"]).result == true)
            #expect(try await api.call(setter, [field: "Deutscher Text", "language_code": "de"]).ok)
            #expect(try await api.call(getter).result == [field: "Default text"])
            #expect(try await api.call(getter, ["language_code": "de"]).result == [field: "Deutscher Text"])
            #expect(try await api.call(getter, ["language_code": "fr"]).result == [field: ""])

            #expect(try await api.call(setter, [field: "", "language_code": "de"]).ok)
            #expect(try await api.call(getter, ["language_code": "de"]).result == [field: ""])
            #expect(try await api.call(setter).ok)
            #expect(try await api.call(getter).result == [field: ""])
        }
    }

    @Test("length limits count characters, not bytes", arguments: kinds)
    func lengthLimits(kind: (String, String, String, Int, String)) async throws {
        let (setter, getter, field, limit, error) = kind
        try await SandboxHarness.with { api async throws in
            let longest = SandboxJSON.string(String(repeating: "ж", count: limit))
            #expect(try await api.call(setter, [field: longest]).ok)
            let tooLong = try await api.call(setter, [field: .string(String(repeating: "ж", count: limit + 1))])
            #expect(tooLong.status == 400)
            #expect(tooLong.description == error)
            #expect(try await api.call(getter).result == [field: longest])
        }
    }

    @Test("language codes must be empty or two lowercase letters", arguments: ["EN", "e", "eng", "e1"])
    func languageCodes(code: String) async throws {
        try await SandboxHarness.with { api async throws in
            for method in ["setMyName", "getMyName", "setMyDescription", "getMyShortDescription"] {
                let answer = try await api.call(method, ["name": "x", "language_code": .string(code)])
                #expect(answer.status == 400, "\(method)")
                #expect(answer.description == "Bad Request: invalid language code specified", "\(method)")
            }
        }
    }

    @Test("getMe reports the default-language name as first_name")
    func getMeFirstName() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getMe").result?["first_name"] == "alpha_bot")
            _ = try await api.call("setMyName", ["name": "Alpha Helper"])
            _ = try await api.call("setMyName", ["name": "Alpha Helfer", "language_code": "de"])
            #expect(try await api.call("getMe").result?["first_name"] == "Alpha Helper")
        }
    }
}
