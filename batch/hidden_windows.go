//go:build windows

package batch

import (
	"os"
	"syscall"
)

// isHidden reports the Windows hidden or system attribute.
func isHidden(info os.FileInfo) bool {
	if d, ok := info.Sys().(*syscall.Win32FileAttributeData); ok {
		return d.FileAttributes&(syscall.FILE_ATTRIBUTE_HIDDEN|syscall.FILE_ATTRIBUTE_SYSTEM) != 0
	}
	return false
}
