import Foundation
import NIOCore
import Reconciler
import Spec

/// The Engine API calls a change is made of, on one engine, each turned into a ``ResourceError`` for
/// the resource being applied and counted as a write when it changes the engine.
struct EngineOperations {
    let client: DockerClient
    let engine: String
    let address: ResourceAddress
    let location: SourceLocation?
    /// The Project's name, for the labels of what botops makes.
    let projectName: String
    /// Secret values this change resolved, cut out of anything the container wrote before it is shown.
    var secrets: [String] = []
    private(set) var writes = 0

    init(client: DockerClient, engine: String, address: ResourceAddress, location: SourceLocation?, projectName: String = "") {
        self.projectName = projectName
        self.client = client
        self.engine = engine
        self.address = address
        self.location = location
    }

    func fail(_ message: String, code: ResourceError.Code = .applyFailed, at location: SourceLocation? = nil) -> ResourceError {
        ResourceError(address: address, code: code, message: message, location: location ?? self.location)
    }

    private func failure(_ doing: String, _ error: DockerAPIError) -> ResourceError {
        let code: ResourceError.Code = error.status == 0 ? .unreachable : .applyFailed
        return fail("\(doing) on the Docker engine '\(engine)' failed: \(error.description)", code: code)
    }

    /// Makes sure `image` is on the engine, pulling it as `policy` says. With `Never`, a missing image
    /// is an error at the image's declaration and nothing is changed.
    mutating func ensureImage(_ image: String, policy: Container.PullPolicy, imageLocation: SourceLocation?) async throws(ResourceError) {
        var present = true
        if policy != .always {
            do throws(DockerAPIError) {
                _ = try await client.json(.GET, "/images/\(DockerClient.escape(image))/json")
            } catch where error.isNotFound {
                present = false
            } catch {
                throw failure("looking up the image \(image)", error)
            }
        }
        if present, policy != .always { return }
        if policy == .never {
            throw fail("the image \(image) is not on the Docker engine '\(engine)' and pullPolicy is Never; load it there "
                       + "(docker load, docker build) or allow a pull (pullPolicy: IfNotPresent)", at: imageLocation)
        }
        let (repository, tag) = Self.split(image)
        var query = [("fromImage", repository)]
        if let tag { query.append(("tag", tag)) }
        let stream: ByteBuffer
        do throws(DockerAPIError) {
            stream = try await client.raw(.POST, "/images/create", query: query, body: nil, contentType: nil, timeout: .minutes(30))
        } catch {
            throw failure("pulling \(image)", error)
        }
        writes += 1
        if let message = Self.streamError(stream) {
            throw fail("pulling \(image) on the Docker engine '\(engine)' failed: \(message)", at: imageLocation)
        }
    }

    /// Whether the engine has `image` (a build is needed when it has not).
    func imageExists(_ image: String) async throws(ResourceError) -> Bool {
        do throws(DockerAPIError) {
            _ = try await client.json(.GET, "/images/\(DockerClient.escape(image))/json")
            return true
        } catch where error.isNotFound {
            return false
        } catch {
            throw failure("looking up the image \(image)", error)
        }
    }

    /// Sends a build context to `/build`. The engine answers 200 and streams the log; a failed step is
    /// an error line in that stream, shown with the log's last lines.
    mutating func buildImage(_ context: ByteBuffer, query: [(String, String)], tag: String,
                             location: SourceLocation?) async throws(ResourceError) {
        let stream: ByteBuffer
        do throws(DockerAPIError) {
            stream = try await client.raw(.POST, "/build", query: query, body: context, contentType: "application/x-tar",
                                          timeout: .minutes(30))
        } catch {
            throw failure("building \(tag)", error)
        }
        writes += 1
        guard let message = Self.streamError(stream) else { return }
        var log: [String] = []
        for line in String(buffer: stream).split(whereSeparator: \.isNewline) {
            // Only the log lines are wanted; other lines are progress or not JSON at all.
            guard let object = JSONValue.parsed(line.utf8),
                  let text = object["stream"]?.stringValue else { continue }
            log += text.split(whereSeparator: \.isNewline).map { String($0) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let tail = log.suffix(8).joined(separator: "\n  ")
        throw fail("building \(tag) on the Docker engine '\(engine)' failed: \(message)"
                   + (tail.isEmpty ? "" : "\n  build log (last lines):\n  \(tail)"), at: location)
    }

    /// `repo[:tag]` or `repo@digest` as the pull endpoint takes them.
    static func split(_ image: String) -> (String, String?) {
        if let at = image.firstIndex(of: "@") {
            return (String(image[..<at]), String(image[image.index(after: at)...]))
        }
        let slash = image.lastIndex(of: "/") ?? image.startIndex
        if let colon = image.lastIndex(of: ":"), colon > slash {
            return (String(image[..<colon]), String(image[image.index(after: colon)...]))
        }
        return (image, "latest")
    }

    /// The first error of a JSON-lines progress stream (pull, build), if any.
    static func streamError(_ stream: ByteBuffer) -> String? {
        for line in String(buffer: stream).split(whereSeparator: \.isNewline) {
            // Progress streams are JSON lines; anything else in them is not an error report.
            guard let object = JSONValue.parsed(line.utf8) else { continue }
            if let message = object["errorDetail"]?["message"]?.stringValue ?? object["error"]?.stringValue {
                return message
            }
        }
        return nil
    }

    /// Creates a container and returns its id. A name held by another container is a conflict.
    mutating func create(name: String, body: JSONValue) async throws(ResourceError) -> String {
        let answer: JSONValue
        do throws(DockerAPIError) {
            answer = try await client.json(.POST, "/containers/create", query: [("name", name)], body: body)
        } catch {
            if error.isNameTaken {
                throw fail("a container named '\(name)' already exists on the Docker engine '\(engine)' and botops does not "
                           + "own it; rename this Container, remove that one, or take it over with --adopt \(address)", code: .conflict)
            }
            throw failure("creating the container \(name)", error)
        }
        writes += 1
        guard let id = answer["Id"]?.stringValue else { throw fail("the engine '\(engine)' created \(name) but returned no id") }
        return id
    }

    mutating func start(_ id: String) async throws(ResourceError) {
        do throws(DockerAPIError) {
            try await client.json(.POST, "/containers/\(id)/start")
        } catch {
            throw failure("starting the container", error)
        }
        writes += 1
    }

    /// Stops with the container's own grace period (Docker answers 304 when it is not running).
    mutating func stop(_ id: String, timeout: Int) async throws(ResourceError) {
        do throws(DockerAPIError) {
            try await client.json(.POST, "/containers/\(id)/stop", query: [("t", String(timeout))],
                                  timeout: .seconds(Int64(timeout) + 60))
        } catch where error.isNotFound {
            return
        } catch {
            throw failure("stopping the container", error)
        }
        writes += 1
    }

    /// Removes a container (stopped first, with its grace period); one already gone is fine.
    mutating func remove(_ id: String, stopTimeout: Int) async throws(ResourceError) {
        try await stop(id, timeout: stopTimeout)
        do throws(DockerAPIError) {
            try await client.json(.DELETE, "/containers/\(id)", query: [("force", "1")])
        } catch where error.isNotFound {
            return
        } catch {
            throw failure("removing the container", error)
        }
        writes += 1
    }

    mutating func rename(_ id: String, to name: String) async throws(ResourceError) {
        do throws(DockerAPIError) {
            try await client.json(.POST, "/containers/\(id)/rename", query: [("name", name)])
        } catch {
            throw failure("renaming the container to \(name)", error)
        }
        writes += 1
    }

    /// Waits until a just-started container is running and, with a health check, healthy; throws with
    /// what went wrong (its exit and last log lines, or its health) otherwise.
    /// Without a health check it watches for `settle`: a command that cannot start exits within it.
    func waitReady(_ id: String, healthcheck: Bool, interval: Duration = .seconds(30), timeout: Duration, settle: Duration,
                   poll: Duration) async throws(ResourceError) {
        let deadline = ContinuousClock.now + (healthcheck ? timeout : settle)
        // Known since the first call of the run; an engine that cannot say is treated as Docker (checks on its own).
        let podman = (try? await client.info())?.isPodman ?? false
        var lastCheck: ContinuousClock.Instant?
        var lastHealth = LiveStatus.Health.starting
        while true {
            let state: JSONValue
            do throws(DockerAPIError) {
                state = try await client.json(.GET, "/containers/\(id)/json")["State"] ?? .null
            } catch {
                throw failure("reading the new container's state", error)
            }
            let status = state["Status"]?.stringValue ?? ""
            if status == "exited" || status == "dead" {
                let code = state["ExitCode"]?.intValue.map { " with code \($0)" } ?? ""
                let logs = await tail(id)
                throw fail("the new container exited\(code) right after it started\(logs.isEmpty ? "" : "; its last output: \(logs)")")
            }
            if !healthcheck {
                if ContinuousClock.now >= deadline { return }
            } else {
                var health = state["Health"]?["Status"]?.stringValue.flatMap(LiveStatus.Health.init(rawValue:)) ?? .starting
                if podman, lastCheck.map({ ContinuousClock.now - $0 >= interval }) ?? true {
                    // podman runs checks from systemd timers, which may be absent: run one as its timer would,
                    // once per interval, so a slow start is not counted as several failed retries. It answers
                    // with the health after the check. A check that cannot be run leaves the state's health,
                    // and the wait ends at the health timeout, which is what the error then says.
                    lastCheck = ContinuousClock.now
                    if let checked = (try? await client.libpod(.GET, "/containers/\(id)/healthcheck"))?["Status"]?.stringValue
                        .flatMap(LiveStatus.Health.init(rawValue:)) {
                        health = checked
                    }
                }
                lastHealth = health
                if health == .healthy { return }
                if health == .unhealthy {
                    throw fail("the new container is unhealthy; botops removed it and kept the one it was to replace")
                }
                if ContinuousClock.now >= deadline {
                    throw fail("the new container was not healthy within \(timeout) (still \(lastHealth.rawValue)); botops removed it and "
                               + "kept the one it was to replace (spec.healthTimeout)")
                }
            }
            do {
                try await Task.sleep(for: healthcheck ? poll : min(poll, .milliseconds(250)))
            } catch {
                throw fail("cancelled while waiting for the new container")
            }
        }
    }

    /// `text` with every resolved secret and anything shaped like a bot token replaced: a process that
    /// crashes often logs its own configuration (a Bot API URL with the token in it).
    static func redact(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out.replacing(/[0-9]{5,}:[A-Za-z0-9_-]{30,}/, with: "<bot token>")
    }

    /// The last lines a container wrote, for an error message (Docker's multiplexed log stream).
    func tail(_ id: String) async -> String {
        // Only for an error message: without the logs the error still says the container exited and how.
        guard let stream = try? await client.raw(.GET, "/containers/\(id)/logs", query: [("stdout", "1"), ("stderr", "1"), ("tail", "5")],
                                                 body: nil, contentType: nil, timeout: .seconds(10)) else { return "" }
        var buffer = stream
        var text = ""
        while buffer.readableBytes >= 8, let header = buffer.readBytes(length: 8) {
            let size = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
            guard header[0] <= 2, let chunk = buffer.readString(length: min(size, buffer.readableBytes)) else { break }
            text += chunk
        }
        if text.isEmpty { text = String(buffer: stream) }
        let lines = text.split(whereSeparator: \.isNewline).suffix(5).joined(separator: " | ")
        return Self.redact(String(lines.prefix(400)), secrets: secrets)
    }
}
