/// The fleet page's templates, style and script, as Sources/Daemon/Web/Assets has them: the EmbedFiles
/// plugin writes one property per file at build time (`overview.mustache` is `overview`, `page.css` is `pageCSS`).
enum PageAssets {}
