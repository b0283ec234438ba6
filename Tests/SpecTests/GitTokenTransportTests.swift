@testable import Spec
import Testing

/// A token is sent over https, or over plain http only to this machine; never in clear across a network.
@Suite("Git credentials: where a token may go", .timeLimit(.minutes(1)))
struct GitTokenTransportTests {
    @Test(arguments: [("https://git.example.com/acme/fleet.git", true), ("https://user@git.example.com:8443/x.git", true),
                      ("http://127.0.0.1:8080/fleet.git", true), ("http://localhost/fleet.git", true),
                      ("http://[::1]:9000/fleet.git", true), ("http://git.example.com/fleet.git", false),
                      ("http://127.0.0.1.evil.example/fleet.git", false), ("ssh://git@example.com/x.git", false)])
    func aTokenGoesOnlyWhereItIsSafe(url: String, allowed: Bool) {
        #expect(GitCredentials.mayCarryToken(url) == allowed, "\(url)")
    }
}
