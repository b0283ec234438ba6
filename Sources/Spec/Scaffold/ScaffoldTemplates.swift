/// The files `botops init` copies into a new configuration repository, as the repository has them: the
/// EmbedFiles plugin writes `schema`, `githubActions` and `gitlabCI` at build time.
enum ScaffoldTemplates {}
