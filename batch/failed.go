package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A run can fail after its folder is complete: moving the inputs out of
// the inbox (the archive folder not writable, a full disk). The inputs it
// could not move stay in the inbox and the next run assesses them again,
// so the folder's results for those are superseded, and a person or a
// script that takes the folder for a finished run would count those
// clients twice. Such a folder is marked three ways: its name ends in
// FailedSuffix, FAILED.txt at its top says what failed and which inputs'
// results stand, and results.jsonl ends with a FailedLine. The run folder
// is not printed on standard output (the exit status is 4).

// FailedSuffix ends the name of a run folder whose run failed after its
// outputs were written: "20261121-223000-FAILED".
const FailedSuffix = "-FAILED"

// FailedNote is the plain-text note at the top of a failed run's folder.
const FailedNote = "FAILED.txt"

// FailedLine is the last line of a failed run's results.jsonl: the only
// line with a run_status. Scripts import the clients of InputsMoved (their
// results are final) and skip those of InputsLeftInInbox, which the next
// run assesses again.
type FailedLine struct {
	RunStatus         string   `json:"run_status"` // "failed"
	Error             string   `json:"error"`
	InputsMoved       []string `json:"inputs_moved"`
	InputsLeftInInbox []string `json:"inputs_left_in_inbox"`
}

// markFailed marks the complete run folder of a run that failed while
// moving its inputs, and returns where the folder now is. Each mark is
// tried whatever became of the others (a full disk may refuse the note
// but not the rename); what cannot be done is logged.
func (r *run) markFailed(cause error, moved, left []string) string {
	dir := r.finalDir
	for n := 1; n < 100; n++ {
		target := r.finalDir + FailedSuffix
		if n > 1 {
			target += fmt.Sprintf("-%d", n)
		}
		if exists(target) {
			continue
		}
		if err := os.Rename(r.finalDir, target); err != nil {
			r.log.Error("could not rename the failed run's folder", "folder", r.relative(r.finalDir), "error", bare(err))
		} else {
			dir = target
		}
		break
	}
	line, _ := json.Marshal(FailedLine{RunStatus: "failed", Error: shown(bare(cause).Error(), false),
		InputsMoved: nonNil(moved), InputsLeftInInbox: nonNil(left)})
	if err := appendLine(filepath.Join(dir, "results.jsonl"), append(line, '\n')); err != nil {
		r.log.Error("could not mark the failed run's results.jsonl", "folder", r.relative(dir), "error", bare(err))
	}
	if err := writeFileAtomic(dir, FailedNote, []byte(failedNote(cause, moved, left)), r.cfg.Permissions.FileMode); err != nil {
		r.log.Error("could not write "+FailedNote+" in the failed run's folder", "folder", r.relative(dir), "error", bare(err))
	}
	syncDir(dir)
	syncDir(r.cfg.Out)
	return dir
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func appendLine(path string, line []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(line)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

func failedNote(cause error, moved, left []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "THIS RUN FAILED after its outputs were written: %s.\n\n", shown(bare(cause).Error(), false))
	b.WriteString("Its results are not final for every input.\n\n")
	if len(left) > 0 {
		b.WriteString("These inputs could not be moved out of the inbox. The next run assesses them again, so their clients' results,\nopinions and summary rows in this folder are superseded by that run's; do not file or import them:\n")
		for _, n := range left {
			fmt.Fprintf(&b, "    %s\n", shown(n, false))
		}
		b.WriteString("\n")
	}
	if len(moved) > 0 {
		b.WriteString("These inputs were moved out of the inbox (archived or quarantined); their results in this folder are final:\n")
		for _, n := range moved {
			fmt.Fprintf(&b, "    %s\n", shown(n, false))
		}
		b.WriteString("\n")
	}
	b.WriteString("Fix the cause (the message above; cecbatch's log has it too), then let the next run take the inputs left in the inbox.\n" +
		"Scripts: results.jsonl ends with a line {\"run_status\": \"failed\", ...} listing the same inputs: import only the clients of inputs_moved.\n")
	return b.String()
}
