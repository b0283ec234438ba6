import Reconciler
import Spec

/// What `botops --version` says: the release, and the versions of what it speaks and writes, which
/// decide whether two botops can share a state store or a saved plan.
enum BotopsVersion {
    static let release = "0.9.0"

    static var description: String {
        "botops \(release) (Bot API \(BotAPIVersion.current.version), state format \(Inventory.formatVersion), "
            + "plan format \(Plan.formatVersion))"
    }
}
