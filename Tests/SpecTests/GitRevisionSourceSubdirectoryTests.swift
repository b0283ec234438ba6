import Foundation
import Testing
import Spec

/// A subdirectory reads only that folder, with paths relative to it and a prefix for messages.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceSubdirectoryTests {
    private static func makeRepository(_ scratch: GitScratch) throws -> String {
        let repo = try scratch.makeRepository("app")
        try scratch.write(repo, "Package.swift", "// not config\n")
        try scratch.write(repo, "ci.yaml", "outside: true\n")
        try scratch.write(repo, "deploy/botops.yaml", "kind: Fleet\n")
        try scratch.write(repo, "deploy/bots/x.yaml", "kind: Bot\n")
        try scratch.write(repo, "deploy/prod/bots/y.yaml", "kind: Bot\nname: y\n")
        try scratch.write(repo, "deploy/.cache/z.yaml", "skipped: true\n")
        try scratch.commitAll(repo, "app")
        return repo
    }

    @Test(arguments: ["deploy", "/deploy/", "deploy/", "./deploy", "deploy//"])
    func readsOnlyTheFolderWithRelativePaths(subdirectory: String) throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: subdirectory)

        #expect(try source.sourceFiles().map(\.path) == ["botops.yaml", "bots/x.yaml", "prod/bots/y.yaml"])
        #expect(source.subdirectory == "deploy")
        #expect(source.displayPrefix == "deploy/")
        #expect(source.displayName == "\(repo)@\(source.commitID.prefix(7)):deploy")
    }

    @Test func nestedSubdirectory() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy/prod")

        #expect(try source.sourceFiles() == [SourceFile(path: "bots/y.yaml", text: "kind: Bot\nname: y\n")])
        #expect(source.displayPrefix == "deploy/prod/")
    }

    @Test(arguments: [".", "", "/", "./"])
    func rootSpellings(subdirectory: String) throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: subdirectory)

        #expect(source.subdirectory == nil)
        #expect(source.displayPrefix == "")
        #expect(try source.sourceFiles().map(\.path)
            == ["ci.yaml", "deploy/botops.yaml", "deploy/bots/x.yaml", "deploy/prod/bots/y.yaml"])
    }

    @Test func subdirectoryMatchesDirectorySourceOfTheSameFolderInACheckout() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let checkout = try scratch.clone(repo, to: "checkout")

        let fromGit = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy").sourceFiles()
        #expect(fromGit == (try DirectorySource(root: checkout + "/deploy").sourceFiles()))
    }
}
