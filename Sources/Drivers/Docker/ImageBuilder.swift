import Foundation
import NIOCore
import Reconciler
import Spec

/// Images built from a tree of a git repository: tagged `botops/<name>:<tree id>`, so the tag names the
/// exact code and a build happens only when that tree changes.
enum ImageBuilder {
    /// The repository as libgit2 opens it: a relative local path is taken from the folder of the file
    /// that declares it, as compose takes a build context from the compose file's folder.
    static func repository(of build: ImageBuild) -> String {
        let repo = build.repository
        if repo.hasPrefix("/") || repo.contains("://") || repo.contains("@") && repo.contains(":") { return repo }
        let folder = (build.location.file as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(repo)
    }

    static func context(for container: Container, build: ImageBuild) throws(ResourceError) -> GitBuildContext {
        do {
            return try GitBuildContext(repository: repository(of: build), ref: build.ref, path: build.path)
        } catch {
            throw ResourceError(address: ResourceAddress(.container, container.metadata.name), code: .readFailed,
                                message: "cannot read the build source: \(error)", location: build.location)
        }
    }

    /// The tag of the image built from the tree `build` names now.
    static func tag(for container: Container, build: ImageBuild) throws(ResourceError) -> String {
        "\(container.image):\(try context(for: container, build: build).treeID)\(recipeSuffix(build))"
    }

    /// The same tree built with another Dockerfile or other arguments is another image: `-<hash>` of
    /// them after the tree id; nothing for the default Dockerfile without arguments.
    static func recipeSuffix(_ build: ImageBuild) -> String {
        guard build.dockerfile != "Dockerfile" || !build.arguments.isEmpty else { return "" }
        let recipe = JSONValue.object(["dockerfile": .string(build.dockerfile),
                                       "args": .object(build.arguments.mapValues(JSONValue.string))])
        return "-" + Fingerprinter.digest(recipe.description).prefix(12)
    }

    /// Builds `tag` on the engine from the tree it names. The engine's build log is kept for the error
    /// when the build fails; the running container is not touched either way.
    static func build(_ container: Container, build: ImageBuild, tag: String,
                      operations: inout EngineOperations) async throws(ResourceError) {
        let context = try self.context(for: container, build: build)
        guard tag.hasSuffix(":" + context.treeID + recipeSuffix(build)) else {
            throw operations.fail("\(build.ref) in \(context.displayName) moved since the plan (now tree \(context.treeID.prefix(12))); "
                                  + "plan again", at: build.location)
        }
        var archive = TarArchive()
        do {
            for entry in try context.files() { archive.append(entry) }
        } catch {
            throw operations.fail("cannot read the build source: \(error)", at: build.location)
        }
        archive.finish()
        var query = [("t", tag), ("dockerfile", build.dockerfile), ("rm", "1"), ("forcerm", "1"),
                     ("labels", JSONValue.object([ContainerValues.projectLabel: .string(operations.projectName),
                                                  "dev.botops.source": .string("\(context.displayName)@\(context.commitID)")]).description)]
        if !build.arguments.isEmpty {
            query.append(("buildargs", JSONValue.object(build.arguments.mapValues(JSONValue.string)).description))
        }
        try await operations.buildImage(ByteBuffer(data: archive.data), query: query, tag: tag, location: build.location)
    }
}
