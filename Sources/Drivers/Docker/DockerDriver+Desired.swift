import Foundation
import Reconciler
import Spec

extension DockerDriver {
    public func desired(in context: DriverContext) -> DesiredSet {
        var resources: [DesiredResource] = []
        var failures: [ResourceError] = []
        let project = context.project.metadata.name
        for container in context.declared(Container.self) {
            let address = ResourceAddress(.container, container.metadata.name)
            if isSwarm(container.engine, in: context) {
                do throws(ResourceError) {
                    let image = try imageReference(container, context: context)
                    var secretNames: [String: String] = [:]
                    for (variable, value) in container.environment {
                        guard case let .secret(reference) = value else { continue }
                        let fingerprint = context.fingerprinter.fingerprint(try context.resolve(reference, for: address))
                        secretNames[variable] = ServiceValues.secretName(service: container.metadata.name, variable: variable,
                                                                         fingerprint: fingerprint)
                    }
                    resources.append(DesiredResource(
                        address: address, value: ServiceValues.desired(container, image: image, project: project, secretNames: secretNames),
                        dependsOn: container.metadata.dependsOn,
                        attributes: ["engine": .string(container.engine), "container": .string(container.metadata.name),
                                     "service": .bool(true), "stop_timeout": .int(container.stopTimeoutSeconds)],
                        location: container.metadata.location, input: ContainerInput(container: container)))
                } catch {
                    failures.append(error)
                }
                continue
            }
            do throws(ResourceError) {
                let image = try imageReference(container, context: context)
                var secretFailure: ResourceError?
                let (value, sensitive) = ContainerValues.desired(container, image: image, project: project) { name in
                    guard case let .secret(reference) = container.environment[name] else { return nil }
                    do throws(ResourceError) {
                        return context.fingerprinter.fingerprint(try context.resolve(reference, for: address))
                    } catch {
                        secretFailure = secretFailure ?? error
                        return nil
                    }
                }
                if let secretFailure { throw secretFailure }
                resources.append(DesiredResource(
                    address: address, value: value, sensitivePaths: sensitive, dependsOn: container.metadata.dependsOn,
                    attributes: ["engine": .string(container.engine), "container": .string(container.metadata.name),
                                 "replace": .string(replaceStrategy(container).rawValue),
                                 "stop_timeout": .int(container.stopTimeoutSeconds)],
                    location: container.metadata.location, input: ContainerInput(container: container)))
            } catch {
                failures.append(error)
            }
        }
        return DesiredSet(resources, failures: failures)
    }

    /// As declared, else: recreate when the two could not run side by side (host ports, the host's
    /// network) or must not (a container of a bot that polls: Telegram ends one of two getUpdates loops
    /// on one token with 409 Conflict), overlap otherwise.
    func replaceStrategy(_ container: Container) -> Container.ReplaceStrategy {
        if let declared = container.replace { return declared }
        return container.runsPollingBot ? .recreate : container.effectiveReplace
    }

    /// The image a container runs: as declared, or the tag of the image built from its git tree.
    func imageReference(_ container: Container, context: DriverContext) throws(ResourceError) -> String {
        guard let build = container.build else { return container.image }
        return try ImageBuilder.tag(for: container, build: build)
    }
}
