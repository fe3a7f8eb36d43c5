// Package sheets reads and writes the platform's Excel workbooks (.xlsx,
// with excelize): the export of any list, streamed row by row with
// bilingual headers, money in yuan and times in the site's zone; and the
// one-sheet site import (快速配置): its template, reading an uploaded
// workbook safely, and planning buildings, gateways, meters and accounts
// from its rows with an error per cell. It knows nothing of HTTP or the
// database: the server wires both (server/export.go, server/import.go).
package sheets
