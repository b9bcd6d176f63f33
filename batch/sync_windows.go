//go:build windows

package batch

// syncFilesystems: Windows has no sync(2); NTFS journals the renames, and
// results.jsonl is flushed by its own Sync.
func syncFilesystems() {}

func syncDir(string) {}
