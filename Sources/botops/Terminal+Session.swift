import Foundation
import Reconciler

extension Terminal {
    /// Prints why a run could not plan: the configuration's diagnostics, or the error.
    static func failure(_ error: SessionError) {
        if let report = error.diagnostics {
            FileHandle.standardError.write(Data(report.text().utf8))
        }
        Terminal.error(error.message)
    }

    /// Prints each resource that could not be read, at its YAML location; an unreachable system once.
    static func unknown(_ plan: Plan, pathPrefix: String) {
        guard plan.isPartial else { return }
        var named: Set<String> = []
        for item in plan.unknown {
            if item.code == .unreachable {
                if named.insert(item.message).inserted {
                    let count = plan.unknown.count { $0.message == item.message }
                    Terminal.error("\(item.message) (\(count) resource\(count == 1 ? "" : "s") not read)")
                }
                continue
            }
            let place = item.location.map { "\(pathPrefix)\($0): " } ?? ""
            Terminal.error("\(place)\(item.address): \(item.message)")
        }
    }
}
