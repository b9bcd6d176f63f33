package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderLinkedToInbox: out, archive or quarantine given as a link to
// the inbox (or through a linked parent) is the inbox, and refused.
func TestFolderLinkedToInbox(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(inbox, filepath.Join(dir, "q")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "up")); err != nil {
		t.Skip(err)
	}
	for _, key := range []string{"out", "archive", "quarantine"} {
		for _, folder := range []string{filepath.Join(dir, "q"), filepath.Join(dir, "up", "inbox")} {
			c := Config{Inbox: inbox, Out: filepath.Join(dir, "out"), Archive: filepath.Join(dir, "archive"), Quarantine: filepath.Join(dir, "quarantine"), LogFormat: "text",
				Permissions: Permissions{DirMode: 0o700, FileMode: 0o600}, Limits: Limits{MaxFileMB: 1, MaxUnzipMB: 1, MaxRows: 1, MaxPartMB: 1, MaxElements: 1, MaxSharedStrings: 1, MaxSheets: 1, MaxCells: 1}}
			switch key {
			case "out":
				c.Out = folder
			case "archive":
				c.Archive = folder
			case "quarantine":
				c.Quarantine = folder
			}
			err := c.validate()
			if err == nil || !strings.Contains(err.Error(), key) {
				t.Errorf("%s = %s (a link to the inbox): %v", key, folder, err)
			}
		}
	}
}
