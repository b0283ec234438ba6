import Reconciler
import Spec

/// Builds a Container's image from a tree of a git repository (not yet available).
enum ImageBuilder {
    static func tag(for container: Container, build: ImageBuild) throws(ResourceError) -> String {
        throw ResourceError(address: ResourceAddress(.container, container.metadata.name), code: .notConfigured,
                            message: "images built from git (spec.build) are not supported by this botops yet; use spec.image",
                            location: build.location)
    }
}
