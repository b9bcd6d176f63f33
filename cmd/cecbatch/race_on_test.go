//go:build race

package main

// raceBuild: the end-to-end binary is built with the race detector too, so
// `go test -race` checks the real pipeline, not only the fakes of batch.
const raceBuild = true
