package ingest

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// exampleSheet is the template's sheet that shows the worked example. Its
// first row is a title, so its header row names no intake sheet and the
// reader never reads it; and it is protected (without a password), so that
// nobody types a client there by mistake.
const exampleSheet = "Worked Example"

// isExampleSheet reports whether a sheet is the template's example sheet,
// by its name and its title (the first row that is not blank).
func isExampleSheet(name string, h sheetHeader) bool {
	return sheetKey(name) == sheetKey(exampleSheet) && len(h.cells) > 0 && clean(h.cells[0]) == exampleIntro[0]
}

// exampleIntro is the example sheet's title and what it says under it.
var exampleIntro = []string{
	"Worked example: one client, as it would be typed on each sheet of this workbook",
	"cecbatch never reads this sheet. Type your own clients on the Clients, Employment, Language Tests and Study sheets, one row each, from row 2. Do not copy this example there: a row that keeps its values is reported as a problem.",
}

// exampleCaptions say what one row of each intake sheet is.
var exampleCaptions = map[*sheetSpec]string{
	clientsSpec:    "Clients sheet: one row per client (this one is assessed as of its Application Date; blank means the day cecbatch runs)",
	employmentSpec: "Employment sheet: one row per period of a job (End Date blank: the client still works there)",
	testsSpec:      "Language Tests sheet: one row per test sitting, the scores as on the test report",
	studySpec:      "Study sheet: one row per period of study in Canada",
}

// writeExampleSheet writes the worked example, each intake sheet's headers
// (styled as on that sheet, heads by required) and the example's row under
// them, one sheet below the other.
func writeExampleSheet(f *excelize.File, heads map[bool]int, dateStyle int) error {
	if _, err := f.NewSheet(exampleSheet); err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: templateFont, Size: 14}})
	if err != nil {
		return err
	}
	caption, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: templateFont, Size: 11}})
	if err != nil {
		return err
	}
	if err := f.SetCellStr(exampleSheet, "A1", exampleIntro[0]); err != nil {
		return err
	}
	if err := f.SetCellStyle(exampleSheet, "A1", "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStr(exampleSheet, "A2", exampleIntro[1]); err != nil {
		return err
	}
	widths := map[int]float64{}
	row := 4
	for _, spec := range sheetSpecs {
		cell := fmt.Sprintf("A%d", row)
		if err := f.SetCellStr(exampleSheet, cell, exampleCaptions[spec]); err != nil {
			return err
		}
		if err := f.SetCellStyle(exampleSheet, cell, cell, caption); err != nil {
			return err
		}
		values := exampleRows[spec]
		for i, col := range spec.columns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			widths[i] = max(widths[i], columnWidth(col))
			head, value := fmt.Sprintf("%s%d", letter, row+1), fmt.Sprintf("%s%d", letter, row+2)
			if err := f.SetCellStr(exampleSheet, head, col.name); err != nil {
				return err
			}
			if err := f.SetCellStyle(exampleSheet, head, head, heads[col.required]); err != nil {
				return err
			}
			switch v := values[col.field].(type) {
			case nil:
			case dateCell:
				err = f.SetCellFloat(exampleSheet, value, v.serial(), -1, 64)
				if err == nil {
					err = f.SetCellStyle(exampleSheet, value, value, dateStyle)
				}
			case string:
				err = f.SetCellStr(exampleSheet, value, v)
			default:
				err = f.SetCellValue(exampleSheet, value, v)
			}
			if err != nil {
				return err
			}
		}
		row += 4
	}
	for i, w := range widths {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(exampleSheet, letter, letter, w); err != nil {
			return err
		}
	}
	// Protected without a password: it can be read, selected and copied,
	// and not typed in by mistake.
	return f.ProtectSheet(exampleSheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true})
}
