/// The OpenAPI 3.1 document of the daemon's HTTP API, served at `/api/v1/openapi.json` and kept in
/// the repository as docs/openapi.json (a test checks that the two are the same and that every route
/// the router serves is in it, and `scripts/check-openapi` validates it against the OpenAPI 3.1 schema).
public enum OpenAPIDocument {
    public static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "botops daemon API",
    "version": "1",
    "summary": "The HTTP endpoints of `botops reconcile`: health, metrics, status, history, manual passes, container restarts and push receivers.",
    "license": {
      "name": "See the botops repository"
    }
  },
  "servers": [
    {
      "url": "http://127.0.0.1:9100",
      "description": "the default --listen address"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "Liveness: 200 while the process serves.",
        "operationId": "health",
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "responses": {
          "200": {
            "description": "The daemon serves.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string",
                  "const": "ok\n"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "summary": "Readiness: 200 once the first pass finished (a standby pass counts).",
        "operationId": "ready",
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "responses": {
          "200": {
            "description": "A pass has finished.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "503": {
            "description": "No pass has finished yet.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics in the text exposition format 0.0.4, all prefixed botops_.",
        "description": "Open unless the daemon runs with --protect-metrics; then it needs a read key.",
        "operationId": "metrics",
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "responses": {
          "200": {
            "description": "The metrics.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document.",
        "operationId": "openapi",
        "security": [
          {}
        ],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document of this API.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/status": {
      "get": {
        "summary": "The daemon's role, the revisions, the last pass, and what the passes saw of each resource and webhook.",
        "description": "Needs a read (or operate) key.",
        "operationId": "status",
        "responses": {
          "200": {
            "description": "The status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/api/v1/history": {
      "get": {
        "summary": "The most recent runs, newest first, as `botops history --format json` prints them.",
        "description": "Needs a read (or operate) key.",
        "operationId": "history",
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 20
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The runs.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/RunRecord"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "503": {
            "description": "The state store cannot be read.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/reconcile": {
      "post": {
        "summary": "Makes a full pass due; requests during a pass make one next pass.",
        "description": "Needs an operate key.",
        "operationId": "reconcile",
        "responses": {
          "202": {
            "description": "A full pass is due.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      }
    },
    "/api/v1/containers/{name}/restart": {
      "post": {
        "summary": "Restarts a running container botops owns, without changing desired state; recorded in the history.",
        "description": "Needs an operate key. Waits up to 30 s for a pass's state lock.",
        "operationId": "restartContainer",
        "parameters": [
          {
            "name": "name",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The Container's metadata.name."
          }
        ],
        "responses": {
          "200": {
            "description": "Restarted.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "restarted",
                    "engine",
                    "container"
                  ],
                  "properties": {
                    "restarted": {
                      "type": "string",
                      "examples": [
                        "Container/worker"
                      ]
                    },
                    "engine": {
                      "type": "string"
                    },
                    "container": {
                      "type": "string",
                      "description": "The first 12 characters of the container id."
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "description": "botops does not own such a container.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "409": {
            "description": "The state lock stayed busy for 30 s.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "502": {
            "description": "The engine failed the restart.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/hooks/github": {
      "$ref": "#/components/pathItems/hook"
    },
    "/hooks/gitlab": {
      "$ref": "#/components/pathItems/hook"
    },
    "/hooks/gitea": {
      "$ref": "#/components/pathItems/hook"
    },
    "/hooks/generic": {
      "$ref": "#/components/pathItems/hook"
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A key given to the daemon with --api-key ROLE=REF; ROLE is read or operate."
      }
    },
    "responses": {
      "Unauthorized": {
        "description": "No valid bearer key.",
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string",
              "const": "Bearer"
            }
          }
        },
        "content": {
          "text/plain": {
            "schema": {
              "type": "string"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The key's role is read; this needs operate.",
        "content": {
          "text/plain": {
            "schema": {
              "type": "string"
            }
          }
        }
      }
    },
    "pathItems": {
      "hook": {
        "post": {
          "summary": "A push receiver, enabled by its secret (--github-secret, --gitlab-token, --gitea-secret, --generic-secret).",
          "description": "GitHub signs with X-Hub-Signature-256 (sha256=<hex HMAC-SHA256 of the body>), GitLab sends X-Gitlab-Token, Gitea X-Gitea-Signature (bare hex), the generic receiver X-Botops-Signature (sha256=<hex>). A push to the tracked branch makes a targeted pass due; other events and branches are acknowledged and ignored.",
          "security": [
            {}
          ],
          "requestBody": {
            "required": true,
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "ref": {
                      "type": "string",
                      "examples": [
                        "refs/heads/main"
                      ]
                    }
                  }
                }
              }
            }
          },
          "responses": {
            "200": {
              "description": "A ping, answered.",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string",
                    "const": "pong\n"
                  }
                }
              }
            },
            "202": {
              "description": "A pass is due, or the delivery was ignored (the body says why).",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "400": {
              "description": "The body could not be read.",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "401": {
              "description": "The signature is missing or wrong; no pass starts.",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "404": {
              "description": "This receiver's secret is not configured.",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "413": {
              "description": "The body is larger than 1 MiB.",
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      }
    },
    "schemas": {
      "RunInfo": {
        "type": "object",
        "required": [
          "id",
          "host",
          "pid",
          "startedAt",
          "trigger"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "host": {
            "type": "string"
          },
          "pid": {
            "type": "integer"
          },
          "startedAt": {
            "type": "string",
            "format": "date-time"
          },
          "trigger": {
            "type": "string",
            "examples": [
              "start",
              "timer",
              "push",
              "manual",
              "retry",
              "restart",
              "cli",
              "daemon"
            ]
          }
        }
      },
      "PassReport": {
        "type": "object",
        "required": [
          "trigger",
          "scope",
          "startedAt",
          "finishedAt",
          "result",
          "changes",
          "failures",
          "coalesced"
        ],
        "properties": {
          "trigger": {
            "type": "string"
          },
          "scope": {
            "enum": [
              "full",
              "targeted"
            ]
          },
          "startedAt": {
            "type": "string",
            "format": "date-time"
          },
          "finishedAt": {
            "type": "string",
            "format": "date-time"
          },
          "result": {
            "enum": [
              "applied",
              "no-changes",
              "refused",
              "cancelled",
              "failed",
              "standby"
            ]
          },
          "revision": {
            "type": "string"
          },
          "changes": {
            "type": "integer"
          },
          "failures": {
            "type": "integer"
          },
          "message": {
            "type": "string",
            "description": "Why it failed or was refused; for a configuration that does not load, its file:line:col errors."
          },
          "coalesced": {
            "type": "integer",
            "description": "Requests folded into this pass."
          }
        }
      },
      "Resource": {
        "type": "object",
        "required": [
          "sync",
          "checkedAt"
        ],
        "properties": {
          "sync": {
            "enum": [
              "synced",
              "out-of-sync",
              "failed",
              "skipped",
              "not-started",
              "unknown"
            ]
          },
          "checkedAt": {
            "type": "string",
            "format": "date-time"
          },
          "message": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "description": "What the live object reports about itself: a container's health, a webhook's failed delivery."
          }
        }
      },
      "WebhookHealth": {
        "type": "object",
        "required": [
          "pendingUpdates",
          "checkedAt"
        ],
        "properties": {
          "pendingUpdates": {
            "type": "integer"
          },
          "lastErrorAt": {
            "type": "string",
            "format": "date-time"
          },
          "lastError": {
            "type": "string"
          },
          "checkedAt": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "Status": {
        "type": "object",
        "required": [
          "passes",
          "resources",
          "webhooks"
        ],
        "properties": {
          "passes": {
            "type": "integer"
          },
          "role": {
            "enum": [
              "leader",
              "standby",
              "single"
            ],
            "description": "Absent until the first pass looked at the state store."
          },
          "leader": {
            "$ref": "#/components/schemas/RunInfo"
          },
          "appliedRevision": {
            "type": "string",
            "description": "The revision last converged."
          },
          "targetRevision": {
            "type": "string",
            "description": "The newest revision the daemon read."
          },
          "lastPass": {
            "$ref": "#/components/schemas/PassReport"
          },
          "resources": {
            "type": "object",
            "description": "By address (Bot/alpha).",
            "additionalProperties": {
              "$ref": "#/components/schemas/Resource"
            }
          },
          "webhooks": {
            "type": "object",
            "description": "By Webhook name.",
            "additionalProperties": {
              "$ref": "#/components/schemas/WebhookHealth"
            }
          }
        }
      },
      "RunRecord": {
        "type": "object",
        "required": [
          "run",
          "finishedAt",
          "result",
          "counts",
          "changes",
          "errors"
        ],
        "properties": {
          "run": {
            "$ref": "#/components/schemas/RunInfo"
          },
          "finishedAt": {
            "type": "string",
            "format": "date-time"
          },
          "revision": {
            "type": "string"
          },
          "result": {
            "enum": [
              "succeeded",
              "failed",
              "cancelled",
              "refused",
              "errored"
            ]
          },
          "counts": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "changes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "address",
                "action",
                "outcome"
              ],
              "properties": {
                "address": {
                  "type": "string"
                },
                "action": {
                  "type": "string"
                },
                "outcome": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          },
          "omittedChanges": {
            "type": "integer"
          },
          "errors": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "statuses": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            }
          }
        }
      }
    }
  }
}
"""#
}
