//go:build !windows

package batch

import "os"

// isHidden: on unix a hidden file is a dot file, already skipped by name.
func isHidden(os.FileInfo) bool { return false }
