import Reconciler
import Spec

/// What applying a Container needs beyond its value: its declaration as the loader completed it (the
/// environment's secret references, the build, the health-check timings), carried in its desired
/// resource so apply never looks it up.
struct ContainerInput: DesiredInput {
    let container: Container
}
