package ingest

import "github.com/cecbatch/cecbatch/assess"

// ClientID is one Client ID as written on a workbook's Clients sheet.
type ClientID struct {
	ID   string
	Cell string // "Clients!A7", the sheet name as in the workbook
}

// ClientIDs reads only the Clients sheet of the workbook at path (streamed
// row by row, as ReadFile reads it) and returns its Client IDs in sheet
// order; rows with a blank ID are not clients and are left out. It is the
// cheap first pass of a run: the number of clients makes the progress
// bar's total, and the IDs of every workbook let RunIDs flag each listing
// of an ID used in two workbooks before any client is assessed. A file
// that ReadFile would reject as a whole returns ReadFile's error (the
// other sheets are not read, so a problem only they have is not seen
// here).
func ClientIDs(path string, opts Options) ([]ClientID, error) {
	opts.clientsOnly = true
	wb, err := ReadFile(path, opts)
	if err != nil {
		return nil, err
	}
	ids := make([]ClientID, len(wb.Clients))
	for i, c := range wb.Clients {
		ids[i] = ClientID{ID: c.ID, Cell: c.Ref.Cell(assess.FieldClientID)}
	}
	return ids, nil
}
