/// What a Container may say depends on its engine: swarm-only fields on a plain engine are errors at their
/// line; on a swarm, what a service cannot do as declared is an error, and what works only on one node a warning.
struct ContainerEngineCheck {
    let container: Container
    let engine: Project.DockerEngine
    let context: KindCheckContext

    var name: String { container.metadata.name }

    func run() {
        switch engine.mode {
        case .standalone: standalone()
        case .swarm: swarm()
        }
    }

    private func standalone() {
        for (field, location) in container.swarmFieldLocations.sorted(by: { $0.key < $1.key }) {
            context.error(.invalidValue, at: location,
                "'spec.\(field)' needs a swarm engine: Container/\(name) runs on '\(container.engine)', a standalone Docker "
                + "engine; set 'mode: swarm' on that engine in the Project (spec.docker.engines), or remove the field")
        }
    }

    private func swarm() {
        if container.build != nil {
            context.warning(.advice, at: container.imageLocation ?? container.metadata.location,
                "Container/\(name) builds its image on the swarm manager only: every node that runs a task needs it, which "
                + "holds on a one-node swarm; a plan against more nodes refuses it: build and push to a registry and declare 'image'")
        }
        if container.volumes.contains(where: \.isHostPath) {
            context.warning(.advice, at: container.metadata.location,
                "Container/\(name) binds a host path: every node that may run a task must have it (or constrain the "
                + "service to the nodes that do, with placement.constraints)")
        }
        if container.replace != nil {
            context.warning(.advice, at: container.metadata.location,
                "'spec.replace' means nothing for Container/\(name) on a swarm: Swarm replaces tasks as 'update.order' says")
        }
        if container.ports.contains(where: { $0.hostIP != nil }) {
            context.error(.invalidValue, at: container.metadata.location,
                "Container/\(name) publishes a port on one address, which a swarm service cannot: publish it on every "
                + "address (drop the IP), or run it on a standalone engine")
        }
    }
}
