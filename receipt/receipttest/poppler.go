// Package receipttest reads PDFs back for tests, with poppler-utils:
// their text (pdftotext), page count (pdfinfo) and pages as PNG
// (pdftoppm), so that tests assert what a printed receipt shows.
package receipttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Need skips the test without poppler-utils, or fails it under CI=true:
// scripts/receipt-deps.sh --test installs them.
func Need(tb testing.TB) {
	tb.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " not found: run scripts/receipt-deps.sh --test (apt-get install poppler-utils)"
			if os.Getenv("CI") == "true" {
				tb.Fatal(msg)
			}
			tb.Skip(msg)
		}
	}
}

// Read returns the PDF's text (pdftotext -layout) and page count.
func Read(tb testing.TB, pdf []byte) (string, int) {
	tb.Helper()
	file := write(tb, pdf)
	out, err := exec.Command("pdftotext", "-layout", file, "-").CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftotext: %v\n%s", err, out)
	}
	info, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		tb.Fatalf("pdfinfo names no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return string(out), pages
}

// Screenshot writes the PDF's pages as PNG (110 dpi) to dir/name-<page>.png.
func Screenshot(tb testing.TB, pdf []byte, dir, name string) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "110", "-png", write(tb, pdf), filepath.Join(dir, name)).CombinedOutput(); err != nil {
		tb.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// Contains fails the test for each of want the text lacks; spaces and line
// breaks are ignored (titles print spaced out: 售 电 收 据).
func Contains(tb testing.TB, text string, want ...string) {
	tb.Helper()
	squash := strings.NewReplacer(" ", "", "\n", "").Replace
	for _, w := range want {
		if !strings.Contains(squash(text), squash(w)) {
			tb.Errorf("the PDF's text lacks %q; it reads:\n%s", w, text)
		}
	}
}

func write(tb testing.TB, pdf []byte) string {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), "receipt.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	return file
}
