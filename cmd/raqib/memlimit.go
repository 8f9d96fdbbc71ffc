package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go heap size past which the garbage collector
// works harder, unless $GOMEMLIMIT says otherwise. A normal run lives far
// below it (≈ 100 MB); on a hostile input — a 30 MB article, a 50 MB
// JSONL line — garbage of many times the input would otherwise pile up
// before a collection, and the process would pass 400 MB.
const defaultMemoryLimit = 300 << 20

func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
