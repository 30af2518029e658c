package http

import _ "embed"

// openapiJSON is the OpenAPI 3 description of every API route, served at
// /api/v1/openapi.json.
//
//go:embed openapi.json
var openapiJSON []byte
