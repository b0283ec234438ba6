import Foundation
import Spec

extension Planner {
    static func digest(of observation: Observation) -> String {
        switch observation {
        case .absent: return "absent"
        case let .present(value, handle):
            return String(Fingerprinter.digest(value.description + (handle.map { "\n\($0)" } ?? "")).prefix(16))
        }
    }

    /// Digest of the desired state. For a fresh store the secrets' fingerprints are left out: their
    /// key is not made until the first apply, and with nothing owned every secret is set anyway.
    static func digest(of desired: some Sequence<DesiredResource>, unknown: [ResourceAddress] = [],
                       maskSecrets: Bool = false) -> String {
        let text = desired.sorted { $0.address < $1.address }
            .map { "\($0.address)=\((maskSecrets ? masked($0.value, $0.sensitivePaths) : $0.value).description)" }
            .joined(separator: "\n") + unknown.sorted().map { "\n\($0)=unknown" }.joined()
        return String(Fingerprinter.digest(text).prefix(32))
    }

    private static func masked(_ value: JSONValue, _ paths: Set<String>, at path: String = "") -> JSONValue {
        if paths.isEmpty { return value }
        if paths.contains(path), !path.isEmpty { return FieldChange.hidden }
        guard let object = value.objectValue else { return value }
        var result: [String: JSONValue] = [:]
        for (key, child) in object { result[key] = masked(child, paths, at: ValueDiffer.join(path, key)) }
        return .object(result)
    }
}
