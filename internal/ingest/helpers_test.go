package ingest_test

import "io"

var errIOEOF = io.EOF
