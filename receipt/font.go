package receipt

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// FontEnv names the environment variable that lists the TrueType fonts
// receipts are set in (paths joined by ':', tried in order for each
// character), instead of the Debian fonts of FontPaths.
const FontEnv = "VOLTPAY_RECEIPT_FONTS"

// FontPaths are the fonts receipts are set in, in order: each character
// prints in the first that has it. fpdf embeds only single .ttf files with
// TrueType outlines (glyf): Noto CJK (CFF outlines in a .ttc) and the
// WenQuanYi and AR PL U* fonts (.ttc collections) do not load. DejaVu Sans
// (fonts-dejavu-core) sets Latin letters, digits and ¥; Droid Sans Fallback
// (fonts-droid-fallback), a sans-serif like it, the Chinese, well beyond
// GB 2312 (names with 喆 or 堃). scripts/receipt-deps.sh installs both.
var FontPaths = []string{
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
}

// face is one font of the chain: its file, and which characters of the
// Basic Multilingual Plane it has a glyph for.
type face struct {
	name  string // fpdf family name
	bytes []byte
	bmp   []uint64 // bit r set: the font has r
}

func (f *face) has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.bmp[r/64]&(1<<(r%64)) != 0
}

var fonts struct {
	once  sync.Once
	faces []*face
	err   error
}

// loadFonts reads the chain once per process. Errors: a font is missing
// or not a TrueType font.
func loadFonts() ([]*face, error) {
	fonts.once.Do(func() {
		paths := FontPaths
		if env := os.Getenv(FontEnv); env != "" {
			paths = strings.Split(env, ":")
		}
		for i, p := range paths {
			f, err := readFace(p, fmt.Sprintf("f%d", i))
			if err != nil {
				fonts.err = err
				return
			}
			fonts.faces = append(fonts.faces, f)
		}
	})
	return fonts.faces, fonts.err
}

func readFace(path, name string) (*face, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("receipt font %s is missing: install Debian's fonts-dejavu-core and fonts-droid-fallback (scripts/receipt-deps.sh does), or set %s to .ttf files with Latin and Chinese glyphs", path, FontEnv)
	}
	if err != nil {
		return nil, fmt.Errorf("receipt font %s: %w", path, err)
	}
	sf, err := sfnt.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("receipt font %s is not a TrueType font: %w", path, err)
	}
	f := &face{name: name, bytes: b, bmp: make([]uint64, 0x10000/64)}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if g, err := sf.GlyphIndex(&buf, r); err == nil && g != 0 {
			f.bmp[r/64] |= 1 << (r % 64)
		}
	}
	return f, nil
}

// run is a stretch of text set in one font.
type run struct {
	face *face
	text string
}

// stand-ins print for characters no font has.
var standIns = map[rune]rune{'\u00a0': ' ', '–': '-', '‐': '-', '•': '·'}

// runs splits s into stretches each set in the first font that has their
// characters; a character none has becomes its stand-in, else "?".
func runs(faces []*face, s string) []run {
	var out []run
	var cur *face
	var b strings.Builder
	for _, r := range s {
		f := pick(faces, r)
		if f == nil {
			if alt, ok := standIns[r]; ok {
				r, f = alt, pick(faces, alt)
			}
			if f == nil {
				r, f = '?', faces[0]
			}
		}
		if f != cur && b.Len() > 0 {
			out = append(out, run{cur, b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, run{cur, b.String()})
	}
	return out
}

func pick(faces []*face, r rune) *face {
	if r == ' ' {
		return faces[0]
	}
	for _, f := range faces {
		if f.has(r) {
			return f
		}
	}
	return nil
}
