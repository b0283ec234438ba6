import Foundation
import Spec
import Synchronization
import Testing

/// A commit's files cannot change, so loading it again is remembered; a folder is read every time.
@Suite("Load cache: a source with a content key is loaded once per key", .timeLimit(.minutes(1)))
struct LoadCacheTests {
    final class CountingSource: ConfigSource, Sendable {
        let key: String?
        let reads = Mutex(0)
        init(key: String?) { self.key = key }
        var displayName: String { "counting" }
        var displayPrefix: String { "" }
        var revision: String? { key }
        var contentKey: String? { key }
        func sourceFiles() throws -> [SourceFile] {
            reads.withLock { $0 += 1 }
            return [SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: cached}\n")]
        }
    }

    @Test func aKeyedSourceIsReadOnceAndAFolderEveryTime() throws {
        let key = "repo\u{0}" + UUID().uuidString
        let first = CountingSource(key: key), again = CountingSource(key: key)
        let cache = LoadCache(capacity: 4)
        let loaded = try SpecLoader(cache: cache).load(from: first)
        let remembered = try SpecLoader(cache: cache).load(from: again)
        #expect(first.reads.withLock { $0 } == 1)
        #expect(again.reads.withLock { $0 } == 0, "the same key is not read again")
        #expect(remembered.state?.project.metadata.name == loaded.state?.project.metadata.name)

        let folder = CountingSource(key: nil)
        _ = try SpecLoader(cache: cache).load(from: folder)
        _ = try SpecLoader(cache: cache).load(from: folder)
        #expect(folder.reads.withLock { $0 } == 2)

        let uncached = CountingSource(key: key)
        _ = try SpecLoader().load(from: uncached)
        #expect(uncached.reads.withLock { $0 } == 1, "a loader without a cache reads every time")
    }

    @Test func theLeastRecentlyUsedIsForgotten() throws {
        let cache = LoadCache(capacity: 2)
        let result = try SpecLoader().load(from: CountingSource(key: nil))
        cache.remember(result, for: "a")
        cache.remember(result, for: "b")
        _ = cache.result(for: "a")
        cache.remember(result, for: "c")
        #expect(cache.result(for: "a") != nil)
        #expect(cache.result(for: "b") == nil, "b was used least recently")
        #expect(cache.result(for: "c") != nil)
    }
}
