package batch

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/cecbatch/cecbatch/internal/ahead"
	"github.com/cecbatch/cecbatch/register"
)

// writeSpool keeps the register writes of the night's input files on disk
// until the run folder is complete and they are committed, one transaction
// per file. Held in memory, 100,000 clients' facts and outcomes (several
// KB each) grew the live heap with the inbox, and the garbage collector's
// soft limit turned that into most of the run's CPU (a 100,000-client
// night with the register cost 20.8 ms a client instead of 6.7). On disk,
// the run holds one file's writes at a time.
type writeSpool struct {
	f      *os.File
	w      *bufio.Writer
	enc    *gob.Encoder
	groups []int // the writes of each input file, in the order written
}

// newWriteSpool makes the spool in dir, the run's private state folder
// (a dead run's spool there is removed by the next run's recovery).
func newWriteSpool(dir string) (*writeSpool, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"register-*.tmp")
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	return &writeSpool{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// add spools one input file's writes, in order.
func (s *writeSpool) add(writes []register.Write) error {
	for i := range writes {
		if err := s.enc.Encode(&writes[i]); err != nil {
			return fmt.Errorf("spool the register's writes: %w", err)
		}
	}
	s.groups = append(s.groups, len(writes))
	return nil
}

// each reads the spooled files back, in order, handing fn one file's
// writes at a time. The next file's writes are read while fn stores the
// last one's (ahead): the commit is the serial end of a run, with a core
// to spare.
func (s *writeSpool) each(fn func([]register.Write) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spool the register's writes: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(s.f, 64<<10))
	return ahead.Each(len(s.groups), func(i int, writes []register.Write) ([]register.Write, error) {
		// Each write is decoded into a zero value: gob leaves a field the
		// stream does not carry as it finds it.
		writes = slices.Grow(writes[:0], s.groups[i])[:s.groups[i]]
		clear(writes)
		for k := range writes {
			if err := dec.Decode(&writes[k]); err != nil {
				return nil, fmt.Errorf("read the register's spooled writes back: %w", err)
			}
		}
		return writes, nil
	}, fn)
}

// remove deletes the spool.
func (s *writeSpool) remove() {
	if s != nil && s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}
