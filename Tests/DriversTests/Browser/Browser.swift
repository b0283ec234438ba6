import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Spec
import TestSupport
import Testing

/// A real headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`): what the fleet
/// page's tests look through. One chromedriver and one browser session per instance; `close()` ends both.
final class Browser: Sendable {
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    /// Where screenshots go: the test output, never the repository.
    static let shots = FileManager.default.temporaryDirectory.appendingPathComponent("botops-page-shots").path

    let driver: Process
    let base: String
    let session: String

    struct WebDriverError: Error, CustomStringConvertible {
        let description: String
    }

    init(width: Int = 1280, height: Int = 900) async throws {
        let port = Int.random(in: 40_000...49_999)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardInput = FileHandle.nullDevice
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        var created: JSONValue?
        for _ in 0..<100 {
            do {
                created = try await Self.call(base, .POST, "/session", body: """
                    {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium",
                     "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)",
                              "--no-first-run", "--disable-extensions", "--disable-background-networking"]}}}}
                    """)
                break
            } catch {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard let id = created?["sessionId"]?.stringValue else {
            driver.terminate()
            throw WebDriverError(description: "chromedriver did not start a browser session")
        }
        session = id
    }

    static func call(_ base: String, _ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 64 << 20))
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        if response.status.code >= 400 { throw WebDriverError(description: "\(path): \(text.prefix(500))") }
        return value["value"] ?? .null
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        try await Self.call(base, method, "/session/\(session)\(path)", body: body?.description ?? (method == .POST ? "{}" : nil))
    }

    func open(_ url: String) async throws {
        await keepPage()
        try await call(.POST, "/url", .object(["url": .string(url)]))
    }

    /// The page as the browser holds it now (after its scripts ran), for the secret scan when scripts/test asks.
    private func keepPage() async {
        guard TestArtifacts.folder != nil else { return }
        do {
            TestArtifacts.keep(try await call(.GET, "/source").stringValue ?? "", as: "page.html")
        } catch {
            FileHandle.standardError.write(Data("browser: could not keep the page for the secret scan: \(error)\n".utf8))
        }
    }

    var url: String { get async throws { try await call(.GET, "/url").stringValue ?? "" } }

    var source: String { get async throws { try await call(.GET, "/source").stringValue ?? "" } }

    /// Runs `script` (a function body) in the page and returns what it returns.
    @discardableResult
    func run(_ script: String, _ arguments: [JSONValue] = []) async throws -> JSONValue {
        try await call(.POST, "/execute/sync", .object(["script": .string(script), "args": .array(arguments)]))
    }

    /// The element `css` selects, as WebDriver names it.
    func element(_ css: String) async throws -> String {
        let found = try await call(.POST, "/element", .object(["using": "css selector", "value": .string(css)]))
        guard let id = found.objectValue?.values.first?.stringValue else { throw WebDriverError(description: "no element \(css)") }
        return id
    }

    func click(_ css: String) async throws { try await call(.POST, "/element/\(try await element(css))/click") }

    func type(_ css: String, _ text: String) async throws {
        try await call(.POST, "/element/\(try await element(css))/value", .object(["text": .string(text)]))
    }

    func text(_ css: String) async throws -> String {
        try await call(.GET, "/element/\(try await element(css))/text").stringValue ?? ""
    }

    /// Presses Tab `count` times, returning a description of what has the focus after each.
    func tab(_ count: Int) async throws -> [String] {
        var focused: [String] = []
        for _ in 0..<count {
            try await call(.POST, "/actions", .object(["actions": .array([.object([
                "type": "key", "id": "keyboard",
                "actions": .array([.object(["type": "keyDown", "value": "\u{E004}"]), .object(["type": "keyUp", "value": "\u{E004}"])]),
            ])])]))
            // Each element focused is marked, so a test can ask which controls the keyboard never reached.
            focused.append(try await run("""
                var e = document.activeElement;
                if (e) e.setAttribute('data-tabbed', '1');
                return e ? (e.tagName + '|' + (e.getAttribute('href') || e.getAttribute('name') || e.textContent.trim().slice(0, 40))) : '';
                """).stringValue ?? "")
        }
        return focused
    }

    /// Saves a screenshot as `name.png` in ``shots`` and returns its path.
    @discardableResult
    func screenshot(_ name: String) async throws -> String {
        let data = try await call(.GET, "/screenshot").stringValue.flatMap { Data(base64Encoded: $0) } ?? Data()
        try FileManager.default.createDirectory(atPath: Self.shots, withIntermediateDirectories: true)
        let path = Self.shots + "/\(name).png"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Waits until `condition` holds (for up to `seconds`).
    func eventually(_ seconds: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// Quits the browser, then chromedriver. Never `waitUntilExit()`: it would block one of the few threads
    /// every test's async work shares.
    func close() async {
        await keepPage()
        do {
            _ = try await Self.call(base, .DELETE, "/session/\(session)")
        } catch {
            // chromedriver is stopped next, and the browser with it; say so rather than hide it.
            FileHandle.standardError.write(Data("browser: the session did not end cleanly (\(error)); stopping chromedriver\n".utf8))
        }
        driver.terminate()
        for _ in 0..<50 where driver.isRunning {
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                break  // cancelled: stop waiting, the kill below ends it
            }
        }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }
}
