//go:build !linux

package batch

// fileSystemFlush is nil where there is no syncfs(2): the run's final sync
// does all the writing back.
func fileSystemFlush(string) func() { return nil }
