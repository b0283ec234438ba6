import Daemon
import Testing

@Suite("API keys: a bearer key with a role; read cannot operate", .timeLimit(.minutes(5)))
struct APIKeysTests {
    let keys = APIKeys([("reader-key-0123456789", .read), ("operator-key-0123456789", .operate)])

    @Test func rolesGrantWhatTheySay() {
        #expect(keys.authorize("Bearer reader-key-0123456789", needs: .read) == .allowed)
        #expect(keys.authorize("Bearer reader-key-0123456789", needs: .operate) == .forbidden)
        #expect(keys.authorize("Bearer operator-key-0123456789", needs: .read) == .allowed)
        #expect(keys.authorize("Bearer operator-key-0123456789", needs: .operate) == .allowed)
    }

    @Test func anythingElseIsUnauthenticated() {
        #expect(keys.authorize(nil, needs: .read) == .unauthenticated)
        #expect(keys.authorize("reader-key-0123456789", needs: .read) == .unauthenticated, "the Bearer scheme is required")
        #expect(keys.authorize("Bearer reader-key-012345678", needs: .read) == .unauthenticated, "a prefix is not the key")
        #expect(keys.authorize("Bearer ", needs: .read) == .unauthenticated)
        #expect(APIKeys().authorize("Bearer anything", needs: .read) == .unauthenticated)
    }
}
