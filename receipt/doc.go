// Package receipt prints the platform's paper: the three-part receipt
// (三联单) of a sale, refund, reversal or account opening as PDF, on A4 (the
// three parts stacked with cut lines) or on 241 mm continuous paper (one
// part a page), with the amount in figures and in Chinese capitals (大写), a
// QR code that opens the receipt in the tenant app, and the site's own
// title, footer lines, logo and choice of fields (Layout).
//
// It is its own top-level package because printing is a part of its own:
// it has a font, page geometry and an outside format (PDF) to get right,
// and it depends on nothing of ours, so that the server's HTTP endpoint, a
// batch job or a later account statement can use it alike. The drawing
// primitives (Doc: a page with the CJK font, titled blocks, label–value
// grids, QR codes, cut lines) are what a statement will reuse; Render is
// the receipt built from them.
package receipt
