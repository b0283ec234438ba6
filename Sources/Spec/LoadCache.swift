import Synchronization

/// The last few loads of sources whose files cannot change (``ConfigSource/contentKey``), so that
/// loading a commit again costs nothing. Small on purpose: the daemon needs the revision it applied
/// and the one it is about to apply; a 10,000-document load is a few megabytes. Owned by whoever
/// loads the same commits again (the daemon's catalog) and handed to its ``SpecLoader``s.
public final class LoadCache: Sendable {
    private let capacity: Int
    /// The files of the last two loads, for a source whose commit was not loaded before.
    let files = FileOutcomeCache()
    /// Most recently used last.
    private let entries = Mutex<[(key: String, result: LoadResult)]>([])

    /// Files parsed through this cache (not found in it, nor in a whole load remembered): what a load costs.
    public var filesRead: Int { files.filesRead }

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The remembered load of `key`, which becomes the most recently used.
    public func result(for key: String) -> LoadResult? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.result
        }
    }

    /// Remembers `result` for `key`, forgetting the least recently used beyond the capacity.
    public func remember(_ result: LoadResult, for key: String) {
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, result))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }
}
