import Synchronization

/// Whether reading one file consulted the configuration's other files (a photo it names). What such a file
/// reads to depends on more than its own text, so ``FileOutcomeCache`` never remembers it.
final class AssetUse: Sendable {
    private let used = Mutex(false)

    func mark() { used.withLock { $0 = true } }

    var any: Bool { used.withLock { $0 } }
}
