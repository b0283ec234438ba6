/// The OpenAPI 3.1 document of the daemon's HTTP API, served at `/api/v1/openapi.json`.
///
/// Its one copy is docs/openapi.json: the EmbedFiles build plugin writes it into this module as
/// ``json`` when the package builds. A test checks that every route the router serves is in it, and
/// `scripts/check-openapi` validates it against the OpenAPI 3.1 schema.
public enum OpenAPIDocument {}
