package web

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 document of the API; TestOpenAPI keeps it true
// to the routes the server registers.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPI)
}
