import Foundation
import Testing
import TestSupport
import Yams
@testable import Spec

/// `YAMLComposer` replaced Yams' `Parser` (and a limits pass before it) in the loader, and composes nodes of its
/// own (`ComposedYAML`): on every text they say what Yams' documents say, node for node and mark for mark, and stops at the error Yams stops at, reported where
/// Yams says it is. The one difference is deliberate: an alias names an anchor of its own document only.
@Suite("YAML composed in one pass, as Yams composes it", .timeLimit(.minutes(2)))
struct YAMLComposerTests {
    static let handwritten: [String] = [
        "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e, f: [1, 2]}\n",
        "- &anchor {name: one, list: [1, 2]}\n- *anchor\n- key: *anchor\n",
        "scalar: &s text\nagain: *s\n",
        "tagged: !!str 123\nint: !!int \"7\"\nodd: ! x\nseq: !!seq [a]\nmap: !!map {a: b}\n",
        "? [complex, key]\n: value\n? {a: b}\n: other\n",
        "block: |\n  line one\n  line two\nfolded: >\n  folded\n  text\nkeep: |+\n  kept\n\n",
        "---\nfirst: 1\n---\n---\n~\n...\n---\nsecond: 2\n",
        "é: ünïcode\n\"quoted key\": 'single'\nemoji: 😀\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\nb: 3\nb: 4\n",
        "? [x]\n: 1\n? [x]\n: 2\n",
        "1: one\n\"1\": again\n",
        "x: !!str 1\ny: 1\nx2: 1\n!!str x2: 2\n",
        "ok: 1\n---\nbad: [unclosed\n---\nlater: 3\n",
        "key:\n\t- tab\n",
        "a: *missing\n",
        "a: b: c\n",
        "- a\nb: c\n",
        "'unterminated: x\n",
        "{a: 1, a: 2}\n",
        "", "\n", "# only a comment\n", "---\n", "~\n", "plain scalar document\n", "[]\n", "{}\n",
    ]

    /// Every YAML file of the examples and of the invalid corpus, and the handwritten texts; and the files that
    /// could not be read, which the first test refuses rather than let the comparison shrink unseen.
    static let corpus: (texts: [String], unreadable: [String]) = {
        var texts = handwritten, unreadable: [String] = []
        for folder in ["examples", "Tests/SpecTests/Fixtures/invalid"] {
            let root = SpecTestSupport.path(folder)
            guard let walker = FileManager.default.enumerator(atPath: root) else {
                unreadable.append(root)
                continue
            }
            for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                do {
                    texts.append(try String(contentsOfFile: root + "/" + path, encoding: .utf8))
                } catch {
                    unreadable.append("\(path): \(error)")
                }
            }
        }
        return (texts, unreadable)
    }()

    static var samples: [String] { corpus.texts }

    @Test func theSamplesAreManyAndVaried() {
        #expect(Self.samples.count >= 100)
        #expect(Self.corpus.unreadable.isEmpty, "\(Self.corpus.unreadable)")
    }

    @Test(arguments: handwritten)
    func composesWhatYamsComposes(_ text: String) {
        #expect(Self.disagreement(text) == nil)
    }

    @Test func composesEveryExampleAndCorpusFileAsYamsDoes() async {
        let disagreements = await SpecTestSupport.offThePool { Self.samples.compactMap(Self.disagreement) }
        #expect(disagreements.isEmpty, "\(disagreements.count) texts read differently, first: \(disagreements.prefix(3))")
    }

    /// Each sample with one to three characters YAML gives meaning to put in, taken out or swapped, 20,000 times.
    @Test func agreesWithYamsOnMutatedText() async {
        let (disagreements, failed, duplicated) = await SpecTestSupport.offThePool {
            var random = SplitMix(seed: 2606)
            let alphabet = Array(":-[]{},'\"&*!?|>#\n \ta1~.".utf8)
            let small = Self.samples.filter { $0.utf8.count < 4_000 }
            var disagreements: [String] = []
            var failed = 0, duplicated = 0
            for _ in 0..<20_000 {
                let sample = Array(small[Int(random.next() % UInt64(small.count))].utf8)
                guard !sample.isEmpty else { continue }
                let text = random.mutated(sample, alphabet: alphabet, most: 3)
                // A change inside a multi-byte character leaves invalid UTF-8, which a SourceFile (a String) cannot hold.
                guard let mutated = String(validating: text, as: UTF8.self) else { continue }
                if let disagreement = Self.disagreement(mutated) { disagreements.append(disagreement) }
                switch Self.yams(mutated).1 {
                case .duplicatedKeysInMapping?: duplicated += 1
                case _?: failed += 1
                case nil: break
                }
            }
            return (disagreements, failed, duplicated)
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) texts read differently, first: \(disagreements.prefix(3))")
        // The changes reach the errors, not only the happy path.
        #expect(failed >= 2_000 && duplicated >= 20, "\(failed) syntax errors, \(duplicated) duplicated keys")
    }

    @Test func anAliasNamesAnAnchorOfItsOwnDocumentOnly() {
        let (documents, diagnostics) = Self.composed("first: &shared {a: 1}\n---\nsecond: *shared\n")
        #expect(documents.count == 1)
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == ["t.yaml:3:9: YAML syntax: found undefined alias"])
    }

    /// Yams let a later document repeat an earlier one's anchor, and the limits counted such an alias as one node:
    /// a file could repeat a large anchor many times over. The alias is now refused where it stands.
    @Test func aLaterDocumentCannotRepeatAnEarlierOnesAnchor() {
        let big = "big: &big [" + (0..<1_000).map(String.init).joined(separator: ", ") + "]\n"
        let text = big + "---\n" + String(repeating: "- *big\n", count: 200)
        let (documents, diagnostics) = Self.composed(text, limits: SpecLimits())
        #expect(documents.count == 1)
        #expect(diagnostics.map(\.code) == [.yamlSyntax])
    }

    @Test func aLimitBrokenAfterAnErrorIsWhatIsReported() {
        let text = "a: 1\na: 2\n---\n" + String(repeating: "[", count: 80) + String(repeating: "]", count: 80) + "\n"
        let (documents, diagnostics) = Self.composed(text, limits: SpecLimits())
        #expect(documents.isEmpty)
        #expect(diagnostics.map(\.code) == [.inputLimit])
    }
}

extension YAMLComposerTests {
    static func composed(_ text: String, limits: SpecLimits = SpecLimits(maxFileBytes: .max, maxAliasNodes: .max, maxDepth: 10_000))
        -> ([Node], [Diagnostic]) {
        let sink = DiagnosticSink()
        let documents = YAMLComposer(limits: limits, context: ReadContext(file: "t.yaml", sink: sink))
            .documents(of: SourceFile(path: "t.yaml", text: text))
        // Compared as Yams' nodes: what the composer's own nodes say, tags, styles and marks, converted.
        return (documents.map { $0.yams() }, sink.diagnostics)
    }

    /// The documents and error of Yams' own reading, as the loader used it.
    static func yams(_ text: String) -> ([Node], YamlError?) {
        var documents: [Node] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while let node = try parser.nextRoot() {
                // An empty document: a plain empty or `~` scalar.
                if case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any,
                   scalar.string.isEmpty || scalar.string == "~" { continue }
                documents.append(node)
            }
            return (documents, nil)
        } catch let error as YamlError {
            return (documents, error)
        } catch {
            // Not a YamlError: never seen; given as one, so the comparison reports the text rather than pass it.
            return (documents, YamlError.reader(problem: "Yams threw \(error)", offset: nil, value: 0, yaml: text))
        }
    }

    /// Nil when both read `text` alike; else what differs.
    static func disagreement(_ text: String) -> String? {
        let (ours, diagnostics) = composed(text)
        let (theirs, error) = yams(text)
        let shown = "\(text.debugDescription): "
        guard ours.count == theirs.count || (error == nil && isUndefinedAlias(diagnostics)) else {
            return shown + "\(ours.count) documents, Yams \(theirs.count); \(diagnostics), \(String(describing: error))"
        }
        for (left, right) in zip(ours, theirs) where !same(left, right) {
            return shown + "\(left) differs from Yams' \(right)"
        }
        guard let error else {
            // Yams let an alias name an earlier document's anchor; the composer does not, by design.
            if diagnostics.isEmpty || isUndefinedAlias(diagnostics) { return nil }
            return shown + "reported \(diagnostics), Yams read it"
        }
        guard diagnostics.count == 1, let diagnostic = diagnostics.first else {
            return shown + "reported \(diagnostics), Yams: \(error)"
        }
        let expected: (line: Int, column: Int, words: [String])
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            let tab = diagnostic.message.contains("a tab character is used for indentation")
            expected = (mark.line, mark.column, tab ? [] : [problem])
        case let .duplicatedKeysInMapping(keys, context):
            expected = (context.mark.line, context.mark.column, keys.sorted().map { "'\($0)'" })
        default:
            expected = (1, 1, [])
        }
        let location = diagnostic.location
        guard location.line == expected.line, location.column == expected.column,
              expected.words.allSatisfy(diagnostic.message.contains) else {
            return shown + "reported \(diagnostic), Yams: \(error)"
        }
        return nil
    }

    static func isUndefinedAlias(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.count == 1 && diagnostics[0].message.hasSuffix("found undefined alias")
    }

    /// Equal as Yams compares nodes, and at the same marks, with the same scalar styles, all the way down.
    static func same(_ left: Node, _ right: Node) -> Bool {
        guard left == right, left.mark?.line == right.mark?.line, left.mark?.column == right.mark?.column else { return false }
        switch (left, right) {
        case let (.scalar(a), .scalar(b)):
            return a.style == b.style && a.string == b.string
        case let (.sequence(a), .sequence(b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default:
            return false
        }
    }
}
