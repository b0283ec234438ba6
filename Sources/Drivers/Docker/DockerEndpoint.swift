import AsyncHTTPClient
import Foundation
import NIOSSL
import Spec

/// Where one Docker engine listens: a unix socket, or `tcp://host:port`, plain or with TLS and client
/// certificates (Docker's `--tlsverify` setup).
struct DockerEndpoint: Sendable, Hashable, CustomStringConvertible {
    enum Transport: Sendable, Hashable {
        case unix(path: String)
        case tcp(host: String, port: Int)
    }

    let transport: Transport
    let tls: Project.DockerTLS?

    /// Parses `unix:///path` or `tcp://host:port`; nil for anything else (validation already refused it).
    init?(host: String, tls: Project.DockerTLS?) {
        if host.hasPrefix("unix://") {
            let path = String(host.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { return nil }
            transport = .unix(path: path)
            self.tls = nil
        } else if host.hasPrefix("tcp://") {
            let rest = host.dropFirst("tcp://".count)
            guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]),
                  (1...65535).contains(port) else { return nil }
            var name = String(rest[..<colon])
            if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
            guard !name.isEmpty else { return nil }
            transport = .tcp(host: name, port: port)
            self.tls = tls
        } else {
            return nil
        }
    }

    var description: String {
        switch transport {
        case let .unix(path): return "unix://\(path)"
        case let .tcp(host, port): return "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)\(tls == nil ? "" : " (TLS)")"
        }
    }

    /// The URL of `pathAndQuery` (`/v1.41/containers/json?all=1`) on this engine.
    func url(_ pathAndQuery: String) -> String? {
        switch transport {
        case let .unix(path):
            return URL(httpURLWithSocketPath: path, uri: pathAndQuery)?.absoluteString
        case let .tcp(host, port):
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            return "\(tls == nil ? "http" : "https")://\(authority)\(pathAndQuery)"
        }
    }

    /// The client side of the engine's TLS: its CA, and the certificate and key botops presents.
    /// Throws with the file that could not be read.
    func tlsConfiguration() throws(DockerAPIError) -> TLSConfiguration? {
        guard let tls else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let ca = tls.ca {
            guard FileManager.default.isReadableFile(atPath: ca) else {
                throw DockerAPIError(status: 0, message: "cannot read the engine's CA certificate \(ca) (tls.ca)")
            }
            configuration.trustRoots = .file(ca)
        }
        if let cert = tls.cert {
            do {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
            } catch {
                throw DockerAPIError(status: 0, message: "cannot read the client certificate \(cert) (tls.cert): \(error)")
            }
        }
        if let key = tls.key {
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                // The error text of a key file could quote it; say only which file failed.
                throw DockerAPIError(status: 0, message: "cannot read the client key \(key) (tls.key)")
            }
        }
        return configuration
    }
}
