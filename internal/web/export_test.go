package web

// Route is an API route as the OpenAPI test sees it.
type Route struct{ Method, Path string }

// Routes lists the API routes the server registers.
func Routes() []Route {
	var out []Route
	for _, r := range (&Server{}).apiRoutes() {
		out = append(out, Route{r.method, r.path})
	}
	return out
}

// FilterParams lists the query parameters parseFilter reads.
func FilterParams() []string { return filterParams }

// CacheBytes is the read cache's estimated memory and its number of
// answers (0, 0 when the cache is off).
func CacheBytes(s *Server) (bytes int64, answers int) {
	if s.cache == nil {
		return 0, 0
	}
	return s.cache.Bytes(), s.cache.Len()
}
